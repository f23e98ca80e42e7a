import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { LogFormatSettings } from "../../src/logger.js";
import { chooseLogFormat } from "../../src/logger.js";

const root = new URL("../../", import.meta.url).pathname;

describe("chooseLogFormat", () => {
  it.each<[LogFormatSettings, boolean, string]>([
    [{ NODE_ENV: "production" }, true, "json"],
    [{}, true, "pretty"],
    [{ NODE_ENV: "development" }, true, "pretty"],
    [{ NODE_ENV: "test" }, true, "pretty"],
    [{ NODE_ENV: "production", LOG_FORMAT: "pretty" }, true, "pretty"],
    [{ NODE_ENV: "development", LOG_FORMAT: "json" }, true, "json"],
    [{}, false, "json"],
    [{ LOG_FORMAT: "pretty" }, false, "json"],
  ])("%j with pino-pretty installed: %s gives %s", (env, prettyAvailable, expected) => {
    expect(chooseLogFormat(env, prettyAvailable)).toBe(expected);
  });
});

/** What the built logger writes to standard output in a process with this environment. */
function logLine(env: Record<string, string>): string {
  const script = [
    'import { createLogger, logFormatFor } from "./lib/logger.js";',
    "const env = { NODE_ENV: process.env.NODE_ENV, LOG_FORMAT: process.env.LOG_FORMAT };",
    'createLogger("info", 1, logFormatFor(env)).info({ installations: 3 }, "database ready");',
  ].join("\n");
  return execFileSync("node", ["--input-type=module", "-e", script], {
    cwd: root,
    env: { PATH: process.env.PATH, NO_COLOR: "1", ...env },
  }).toString();
}

describe("createLogger", () => {
  it("writes one JSON object a line in production", () => {
    const line = logLine({ NODE_ENV: "production" });
    expect(JSON.parse(line)).toMatchObject({ level: 30, name: "satisfaction-bot", msg: "database ready", installations: 3 });
  });

  it("writes a human-readable line in development, through pino-pretty", () => {
    const line = logLine({ NODE_ENV: "development" });
    expect(line).toMatch(/^\[[\d:. ]+\] INFO \(satisfaction-bot\/\d+\): database ready\n {4}installations: 3\n$/);
  });

  it("writes JSON in development when LOG_FORMAT=json", () => {
    expect(JSON.parse(logLine({ LOG_FORMAT: "json" }))).toMatchObject({ msg: "database ready" });
  });
});
