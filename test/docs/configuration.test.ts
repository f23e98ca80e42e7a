import fs from "node:fs";
import util from "node:util";
import { describe, expect, it } from "vitest";
import { envSchema, parseEnv } from "../../src/env.js";

// The reference cannot drift from the schema: every variable the app reads is documented.
const variables = Object.keys(envSchema.shape);
const reference = fs.readFileSync(new URL("../../docs/configuration.md", import.meta.url), "utf8");
const example = fs.readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
// What Probot's setup page (npm start with no APP_ID) reads or writes beside the app's own variables.
const probotSetup = ["WEBHOOK_PROXY_URL", "NO_SMEE_SETUP", "GH_ORG", "PROJECT_DOMAIN", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"];
// What compose.yaml reads from .env for its PostgreSQL.
const composeOnly = ["POSTGRES_PASSWORD"];

describe("docs/configuration.md", () => {
  it.each(variables)("has a row for %s", (name) => {
    expect(reference).toMatch(new RegExp(`^\\| \`${name}\` \\|`, "m"));
  });

  it("documents no variable the app does not read", () => {
    const documented = [...reference.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...variables].sort());
  });

  it.each([...variables, ...probotSetup, ...composeOnly])(".env.example names %s, with a comment above it", (name) => {
    const lines = example.split("\n");
    const at = lines.findIndex((line) => new RegExp(`^#? ?${name}=`).test(line));
    expect(at, `${name}= in .env.example`).toBeGreaterThan(0);
    expect(lines[at - 1]).toMatch(/^# /);
  });

  it(".env.example names nothing else, and copied to .env as it is, the app accepts it", () => {
    const named = [...example.matchAll(/^#? ?([A-Z][A-Z_]+)=/gm)].map((match) => match[1]);
    expect(named.sort()).toEqual([...variables, ...probotSetup, ...composeOnly].sort());
    const env = parseEnv(util.parseEnv(example));
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./.data", RETENTION_DAYS: 730, BACKFILL_DAYS: 90 });
  });
});
