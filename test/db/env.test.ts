import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../src/env.js";

const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n";

/** The error parseEnv throws for this environment (fails the test when it does not throw). */
function envError(source: Record<string, string>): EnvError {
  try {
    parseEnv(source as NodeJS.ProcessEnv);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv", () => {
  it("fills in the defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      WEBHOOK_PATH: "/api/github/webhooks",
      PORT: 3000,
      LOG_LEVEL: "info",
      GHE_PROTOCOL: "https",
      DATA_DIR: "./.data",
    });
    expect([env.APP_ID, env.DATABASE_URL, env.WEBHOOK_SECRET, env.privateKey, env.baseUrl]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("treats empty and blank variables (as .env.example leaves them) as unset", () => {
    const env = parseEnv({ APP_ID: "", PRIVATE_KEY: "  ", PORT: "", DATABASE_URL: "", DATA_DIR: "", GHE_HOST: "" });
    expect([env.APP_ID, env.privateKey, env.DATABASE_URL, env.baseUrl]).toEqual([undefined, undefined, undefined, undefined]);
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./.data" });
  });

  it("builds the GitHub Enterprise Server API URL from GHE_HOST and GHE_PROTOCOL", () => {
    expect(parseEnv({ GHE_HOST: "ghe.example.test:8080", GHE_PROTOCOL: "http" }).baseUrl).toBe("http://ghe.example.test:8080/api/v3");
    expect(parseEnv({ GHE_HOST: "ghe.example.test" }).baseUrl).toBe("https://ghe.example.test/api/v3");
  });

  it("rejects a GHE_HOST with a protocol or path, and an unknown GHE_PROTOCOL", () => {
    expect(envError({ GHE_HOST: "https://ghe.example.test" }).message).toContain("GHE_HOST");
    expect(envError({ GHE_HOST: "ghe.example.test/api" }).message).toContain("GHE_HOST");
    expect(envError({ GHE_HOST: "ghe.example.test", GHE_PROTOCOL: "ftp" }).message).toContain("GHE_PROTOCOL");
  });

  it("takes METRICS_TOKEN when it is long enough and has no spaces; unset when blank", () => {
    expect(parseEnv({ METRICS_TOKEN: " metrics-token-0123456789 " }).METRICS_TOKEN).toBe("metrics-token-0123456789");
    expect(parseEnv({ METRICS_TOKEN: "" }).METRICS_TOKEN).toBeUndefined();
    expect(envError({ METRICS_TOKEN: "short" }).message).toContain("METRICS_TOKEN: must be at least 16 characters");
    expect(envError({ METRICS_TOKEN: "metrics token 0123456789" }).message).toContain("METRICS_TOKEN: must not contain spaces");
  });

  it("takes LOG_FORMAT json or pretty, as Probot does", () => {
    expect(parseEnv({ LOG_FORMAT: "pretty" }).LOG_FORMAT).toBe("pretty");
    expect(envError({ LOG_FORMAT: "xml" }).message).toContain("LOG_FORMAT");
  });

  it("unescapes a PRIVATE_KEY given on one line with literal \\n", () => {
    const oneLine = PEM.replace(/\n/g, "\\n");
    expect(oneLine).not.toContain("\n");
    const env = parseEnv({ APP_ID: "123", PRIVATE_KEY: oneLine });
    expect(env.privateKey).toBe(PEM);
    expect(env.APP_ID).toBe("123");
  });

  it("reads the key from PRIVATE_KEY_PATH, and names the variable when the file is missing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-env-"));
    try {
      const file = path.join(dir, "app.pem");
      fs.writeFileSync(file, PEM);
      expect(parseEnv({ APP_ID: "123", PRIVATE_KEY_PATH: file }).privateKey).toBe(PEM);
      expect(envError({ APP_ID: "123", PRIVATE_KEY_PATH: path.join(dir, "gone.pem") }).message).toContain("PRIVATE_KEY_PATH: cannot read");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("requires a key with APP_ID, and a PEM one", () => {
    expect(envError({ APP_ID: "123" }).message).toContain("PRIVATE_KEY");
    expect(envError({ APP_ID: "123", PRIVATE_KEY: "not a key" }).message).toContain("PRIVATE_KEY: is not a PEM private key");
    expect(envError({ APP_ID: "my-app", PRIVATE_KEY: PEM }).message).toContain("APP_ID");
  });

  it.each([
    ["without WEBHOOK_SECRET", {}],
    ['with Probot\'s default "development"', { WEBHOOK_SECRET: "development" }],
  ])("refuses NODE_ENV=production %s", (_label, secret) => {
    const error = envError({ NODE_ENV: "production", APP_ID: "123", PRIVATE_KEY: PEM, ...secret });
    expect(error.message).toContain("WEBHOOK_SECRET");
    expect(error.message).not.toContain("APP_ID");
  });

  it("accepts production with a real secret, and asks for APP_ID there", () => {
    const env = parseEnv({ NODE_ENV: "production", APP_ID: "123", PRIVATE_KEY: PEM, WEBHOOK_SECRET: "s3cret" });
    expect(env).toMatchObject({ NODE_ENV: "production", WEBHOOK_SECRET: "s3cret", privateKey: PEM.trim() });
    expect(envError({ NODE_ENV: "production", WEBHOOK_SECRET: "s3cret" }).message).toContain("APP_ID: is required in production");
  });

  it.each([
    ["PORT", "http"],
    ["PORT", "70000"],
    ["PORT", "-1"],
    ["LOG_LEVEL", "verbose"],
    ["DATABASE_URL", "mysql://root@localhost/app"],
    ["DATABASE_URL", "127.0.0.1:5432"],
    ["WEBHOOK_PATH", "api/github/webhooks"],
  ])("rejects %s=%s with an EnvError naming the variable", (name, value) => {
    const error = envError({ [name]: value });
    expect(error.message).toMatch(new RegExp(`^Invalid environment:\\n  ${name}: `));
  });

  it("names every wrong variable at once", () => {
    const lines = envError({ PORT: "x", LOG_LEVEL: "loud" }).message.split("\n").slice(1);
    expect(lines.map((line) => line.trim().split(":")[0])).toEqual(["PORT", "LOG_LEVEL"]);
  });

  it("accepts the valid values of PORT, LOG_LEVEL and DATABASE_URL", () => {
    const env = parseEnv({ PORT: "8080", LOG_LEVEL: "debug", DATABASE_URL: "postgresql://u@db:5432/bot", DATA_DIR: "/var/lib/bot" });
    expect(env).toMatchObject({ PORT: 8080, LOG_LEVEL: "debug", DATABASE_URL: "postgresql://u@db:5432/bot", DATA_DIR: "/var/lib/bot" });
  });

  it("takes BACKFILL_DAYS as whole days up to ten years, 90 when unset and 0 for no backfill", () => {
    expect([
      parseEnv({}).BACKFILL_DAYS,
      parseEnv({ BACKFILL_DAYS: "0" }).BACKFILL_DAYS,
      parseEnv({ BACKFILL_DAYS: "365" }).BACKFILL_DAYS,
    ]).toEqual([90, 0, 365]);
    expect(envError({ BACKFILL_DAYS: "30d" }).message).toContain("BACKFILL_DAYS: must be a whole number of days");
    expect(envError({ BACKFILL_DAYS: "4000" }).message).toContain("BACKFILL_DAYS: must be at most 3650 days");
  });
});
