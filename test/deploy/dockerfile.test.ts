import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../helpers/http.js";
import { argsOf, envOf, execForm, readStages, root, stageAt } from "./dockerfile.js";

// No Docker engine here to build the image (docs/deployment.md): the Dockerfile's promises are held
// by this test instead, and its HEALTHCHECK command is run for real.
const stages = readStages();
const [build, runtime] = [stageAt(0, stages), stageAt(-1, stages)];
const pkg = JSON.parse(fs.readFileSync(new URL("package.json", root), "utf8")) as { files: string[]; scripts: Record<string, string> };

describe("Dockerfile", () => {
  it("compiles in a build stage with the dev dependencies, and runs from another without them", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build?.name).toBeDefined();
    expect(argsOf(build, "RUN").join("\n")).toMatch(/npm ci(?![^\n]*--omit=dev)/);
    expect(argsOf(build, "RUN")).toContain("npm run build");
    expect(argsOf(runtime, "RUN").some((args) => /^npm ci .*--omit=dev/.test(args))).toBe(true);
    expect(argsOf(runtime, "RUN").join("\n")).not.toMatch(/npm (install|run build)|tsc/);
    expect(runtime.from).toBe(build.from);
  });

  it("copies into the runtime what the package ships (package.json's files), the build's lib/ from the build stage, no sources", () => {
    const copies = argsOf(runtime, "COPY");
    expect(copies).toContain(`--from=${build.name} /app/lib ./lib`);
    for (const entry of pkg.files.filter((name) => name !== "lib")) {
      expect(copies.some((args) => args.split(" ").slice(0, -1).includes(entry))).toBe(true);
    }
    expect(copies.join("\n")).not.toMatch(/\bsrc\b|\btest\b|\.env/);
  });

  it("starts as `npm start` does once built, with migrations at start, as a non-root user", () => {
    expect(pkg.scripts.start).toBe("node lib/main.js");
    expect(execForm(argsOf(runtime, "CMD").at(-1) ?? "")).toEqual(["node", "lib/main.js"]);
    const user = argsOf(runtime, "USER").at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it("listens on every interface in production, on the port it exposes, with the embedded store on a volume", () => {
    const env = envOf(runtime);
    expect(env).toMatchObject({ HOST: "0.0.0.0", NODE_ENV: "production", DATA_DIR: "/data" });
    expect(argsOf(runtime, "EXPOSE")).toEqual([env.PORT]);
    expect(argsOf(runtime, "VOLUME").join(" ")).toContain(`"${env.DATA_DIR}"`);
  });
});

describe("Dockerfile HEALTHCHECK", () => {
  const healthcheck = argsOf(runtime, "HEALTHCHECK").at(-1) ?? "";
  let server: http.Server | undefined;
  afterEach(() => void server?.close());

  /** Runs the HEALTHCHECK's command against a server answering /health with `status` (none: nothing listens). */
  async function check(status?: number): Promise<number> {
    const port = await freePort();
    if (status) {
      const answering = http.createServer((req, res) => res.writeHead(req.url === "/health" ? status : 404).end());
      server = answering;
      await new Promise<void>((resolve) => answering.listen(port, "127.0.0.1", resolve));
    }
    const [command = "", ...args] = execForm(healthcheck);
    const env = { PATH: process.env.PATH, PORT: String(port) };
    return promisify(execFile)(command, args, { env }).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
  }

  it("asks GET /health with node itself (the image has no curl), in exec form", () => {
    expect(healthcheck).toMatch(/--start-period=\d+s/);
    expect(execForm(healthcheck).slice(0, 2)).toEqual(["node", "-e"]);
  });

  it("passes when /health answers 200", async () => {
    expect(await check(200)).toBe(0);
  });

  it("fails when /health answers 503 (the database is down or not migrated yet)", async () => {
    expect(await check(503)).toBe(1);
  });

  it("fails when nothing answers", async () => {
    expect(await check()).toBe(1);
  });
});
