import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../src/env.js";
import { probotOptions } from "../../src/github/probot.js";
import { privateKey } from "../helpers/app.js";

const log = pino({ level: "silent" });

describe("REDIS_URL", () => {
  it("gives the server's Probot its Redis, so instances share GitHub's throttling", () => {
    const env = parseEnv({ APP_ID: "4242", PRIVATE_KEY: privateKey, REDIS_URL: "redis://redis.internal:6379/2" });
    const options = probotOptions({ ...env, APP_ID: "4242", privateKey, redisUrl: env.REDIS_URL }, log);
    expect(options.redisConfig).toBe("redis://redis.internal:6379/2");
  });

  it("leaves Probot's throttling in memory when unset, and for the CLI, which passes the environment only", () => {
    const env = parseEnv({ APP_ID: "4242", PRIVATE_KEY: privateKey, REDIS_URL: "rediss://redis.internal:6380" });
    expect(probotOptions({ ...env, APP_ID: "4242", privateKey }, log).redisConfig).toBeUndefined();
  });

  it("refuses a URL that is not redis:// or rediss://", () => {
    expect(() => parseEnv({ REDIS_URL: "http://redis.internal:6379" })).toThrow("REDIS_URL: must be a redis:// or rediss:// URL");
  });

  it("has ioredis installed, which Probot loads only when REDIS_URL is set", async () => {
    const { Redis } = await import("ioredis");
    expect(typeof Redis).toBe("function");
  });
});
