import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { webhookSecretRefusals } from "../../src/env.js";
import { privateKey } from "../helpers/app.js";

// Issue 18, item 6: a registered app (APP_ID set) never verifies webhooks with a missing, default,
// placeholder or guessable secret; Probot's setup page (no APP_ID) may keep its development default.
const STRONG = "9f2c4e1a7b3d8e6f0a5c2b9d4e7f1a3c";
const main = new URL("../../lib/main.js", import.meta.url).pathname;
const run = promisify(execFile);

/** `npm start`'s entry point with `env` only; resolves to its exit code and what it printed. */
async function start(env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    APP_ID: "4242",
    PRIVATE_KEY: privateKey,
    DATA_DIR: "/nonexistent/never-opened",
    LOG_LEVEL: "fatal",
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [main], { env: { ...base, ...env }, timeout: 20_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("the webhook secret the server starts with", () => {
  it("is required with APP_ID, and not needed on Probot's setup page", () => {
    expect(webhookSecretRefusals({ APP_ID: "1", WEBHOOK_SECRET: undefined, WEBHOOK_SECRET_PREVIOUS: undefined })).toEqual([
      "WEBHOOK_SECRET: is required with APP_ID (without it anyone could sign webhooks)",
    ]);
    expect(webhookSecretRefusals({ APP_ID: undefined, WEBHOOK_SECRET: undefined, WEBHOOK_SECRET_PREVIOUS: undefined })).toEqual([]);
  });

  it.each([
    ["Probot's default", "development", "is a well-known placeholder"],
    ["a placeholder in any case", "ChangeMe", "is a well-known placeholder"],
    ["short", "s3cr3t-15-chars", "is shorter than 16 characters"],
    ["repetitive", "abababababababababab", "repeats too few characters"],
  ])("refuses a secret that is %s, current or previous, naming the variable and never the value", (_name, weak, reason) => {
    const current = webhookSecretRefusals({ APP_ID: "1", WEBHOOK_SECRET: weak, WEBHOOK_SECRET_PREVIOUS: undefined });
    const previous = webhookSecretRefusals({ APP_ID: "1", WEBHOOK_SECRET: STRONG, WEBHOOK_SECRET_PREVIOUS: weak });
    expect(current).toEqual([expect.stringMatching(new RegExp(`^WEBHOOK_SECRET: ${reason}; generate one with`))]);
    expect(previous).toEqual([expect.stringMatching(new RegExp(`^WEBHOOK_SECRET_PREVIOUS: ${reason}; generate one with`))]);
    expect([...current, ...previous].join("\n")).not.toContain(weak);
  });

  it("accepts strong ones, and the smoke check's and the demo's", () => {
    for (const secret of [STRONG, "acceptance-secret", "the-demo-signs-its-webhooks-with-this-secret"]) {
      expect(webhookSecretRefusals({ APP_ID: "1", WEBHOOK_SECRET: secret, WEBHOOK_SECRET_PREVIOUS: STRONG })).toEqual([]);
    }
  });

  it("npm start exits 1 before listening with APP_ID and no secret, or with a weak previous one, in any NODE_ENV", async () => {
    const missing = await start({});
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("Refusing to start");
    expect(missing.output).toContain("WEBHOOK_SECRET: is required with APP_ID");

    const weakPrevious = await start({ NODE_ENV: "production", WEBHOOK_SECRET: STRONG, WEBHOOK_SECRET_PREVIOUS: "development" });
    expect(weakPrevious.code).toBe(1);
    expect(weakPrevious.output).toContain("WEBHOOK_SECRET_PREVIOUS: is a well-known placeholder");
  });
});
