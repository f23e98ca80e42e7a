import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envSchema } from "../../src/env.js";
import { argsOf, execForm, root, stageAt } from "./dockerfile.js";

// docs/deployment.md stays true to the code: its examples start the app as the image does, probe the
// endpoints the server answers, and set only variables the app reads.
const doc = fs.readFileSync(new URL("docs/deployment.md", root), "utf8");
const blocks = (lang: string) => [...doc.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((match) => match[1] ?? "");

describe("docs/deployment.md", () => {
  it("starts the app under systemd with the image's command", () => {
    const cmd = execForm(argsOf(stageAt(-1), "CMD").at(-1) ?? "[]");
    const unit = blocks("ini").find((block) => block.includes("[Service]") && block.includes("ExecStart=/usr/bin/node"));
    expect(unit).toContain(`ExecStart=/usr/bin/${cmd.join(" ")}`);
    expect(unit).toMatch(/^User=satisfaction-bot$/m);
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^EnvironmentFile=/m);
  });

  it("sets in its systemd environment file only variables the app reads", () => {
    const envFile = blocks("sh").find((block) => block.startsWith("# /etc/satisfaction-bot/env"));
    const names = [...(envFile ?? "").matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]);
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) expect(Object.keys(envSchema.shape)).toContain(name);
  });

  it("probes /ping for liveness and /health for readiness in Kubernetes, and Render on /health", () => {
    const yamls = blocks("yaml").map((block) => parse(block) as unknown);
    const pod = JSON.stringify(yamls[0]);
    expect(pod).toContain('"livenessProbe":{"httpGet":{"path":"/ping"');
    expect(pod).toContain('"readinessProbe":{"httpGet":{"path":"/health"');
    const render = yamls[1] as { services: { healthCheckPath: string; envVars: { key: string }[] }[] };
    expect(render.services[0]?.healthCheckPath).toBe("/health");
    for (const { key } of render.services[0]?.envVars ?? []) expect(Object.keys(envSchema.shape)).toContain(key);
  });
});
