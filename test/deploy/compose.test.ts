import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { argsOf, readStages, root } from "./dockerfile.js";

const service = z.object({
  image: z.string().optional(),
  build: z.unknown().optional(),
  env_file: z.union([z.string(), z.array(z.string())]).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
});
const compose = z
  .object({ services: z.object({ db: service, app: service }), volumes: z.record(z.string(), z.unknown()) })
  .parse(parse(fs.readFileSync(new URL("compose.yaml", root), "utf8")));
const { db, app } = compose.services;

describe("compose.yaml", () => {
  it("runs PostgreSQL with a health check and its data on a named volume", () => {
    expect(db.image).toMatch(/^postgres:\d+/);
    expect(db.healthcheck?.test.join(" ")).toContain("pg_isready");
    const volume = db.volumes?.find((entry) => entry.endsWith(":/var/lib/postgresql/data"));
    expect(Object.keys(compose.volumes)).toContain(volume?.split(":")[0]);
  });

  it("starts the app built from the Dockerfile once PostgreSQL is healthy, its settings from .env", () => {
    expect(app.build).toBe(".");
    expect(app.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect(app.env_file).toBe(".env");
    const { POSTGRES_USER, POSTGRES_DB } = db.environment ?? {};
    expect(app.environment?.DATABASE_URL).toBe(`postgres://${POSTGRES_USER}:\${POSTGRES_PASSWORD}@db:5432/${POSTGRES_DB}`);
    expect(app.environment).toMatchObject({ NODE_ENV: "production", HOST: "0.0.0.0" });
  });
});

describe(".dockerignore", () => {
  const ignored = fs
    .readFileSync(new URL(".dockerignore", root), "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#"));

  it("keeps secrets, local state and the host's dependencies out of the build context", () => {
    expect(ignored).toEqual(expect.arrayContaining([".env", "*.pem", ".data", "node_modules", "lib", ".git"]));
  });

  it("keeps in everything the Dockerfile copies from the context", () => {
    const copied = readStages()
      .flatMap((stage) => argsOf(stage, "COPY"))
      .filter((args) => !args.startsWith("--from="))
      .flatMap((args) => args.split(" ").slice(0, -1));
    expect(copied.length).toBeGreaterThan(0);
    const patterns = ignored.map((pattern) => new RegExp(`^${pattern.replace(/\./g, "\\.").replace(/\*/g, "[^/]*")}$`));
    for (const source of copied)
      expect(
        patterns.filter((pattern) => pattern.test(source)),
        source,
      ).toEqual([]);
  });
});
