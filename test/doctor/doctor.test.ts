import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nock from "nock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { readManifest } from "../../src/doctor/app-manifest.js";
import type { Manifest } from "../../src/doctor/app-manifest.js";
import { API, privateKey } from "../helpers/app.js";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import type { TestDatabase } from "../helpers/db.js";
import { createTestDatabase } from "../helpers/db.js";

const STRONG_SECRET = "9f2c4e1a7b3d8e6f0a5c2b9d4e7f1a3c";
let manifest: Manifest;
let migrated: TestDatabase;
let behind: TestDatabase;

const granted = () => ({ permissions: { ...manifest.default_permissions }, events: [...manifest.default_events] });
const appAnswer = (registration = granted()) =>
  nock(API)
    .get("/app")
    .reply(200, { id: 1, slug: "satisfaction-bot", ...registration });
const installationsAnswer = (installations: object[]) =>
  nock(API).get("/app/installations").query({ per_page: 100 }).reply(200, installations);
const installation = (id: number, login: string, grants = granted()) => ({ id, account: { login }, ...grants });

/** A good set-up: a registered app with a strong secret, on a migrated PostgreSQL database. */
function goodSetup(url = migrated.url): void {
  cliOnDatabase(url);
  vi.stubEnv("APP_ID", "1");
  vi.stubEnv("PRIVATE_KEY", privateKey);
  vi.stubEnv("WEBHOOK_SECRET", STRONG_SECRET);
}

async function doctor() {
  const { code, out } = await runCli("doctor");
  const lines = out.join("\n").split("\n");
  const line = (name: string) => lines.find((each) => each.includes(` ${name}: `)) ?? "";
  const fixOf = (name: string) => lines[lines.indexOf(line(name)) + 1] ?? "";
  return { code, lines, line, fixOf };
}

describe("satisfaction-bot doctor", () => {
  useEmptyFolderForCli();
  beforeAll(async () => {
    manifest = await readManifest();
    migrated = await createTestDatabase();
    behind = await createTestDatabase(16);
  });
  afterAll(async () => Promise.all([migrated.drop(), behind.drop()]));
  beforeEach(() => goodSetup());

  it("passes a good set-up, check by check, and exits 0", async () => {
    appAnswer();
    installationsAnswer([installation(5, "octo-org")]);
    const { code, lines } = await doctor();
    expect(lines.slice(0, 8).map((each) => each.slice(0, 6) + each.split(":")[0]!.slice(6))).toEqual([
      "ok    environment",
      "ok    app credentials",
      "ok    webhook secret",
      "ok    database",
      "ok    migrations",
      "ok    private key",
      "ok    app permissions",
      "ok    installations",
    ]);
    expect(lines.at(-1)).toBe("All is well.");
    expect(code).toBe(0);
  });

  it("reports an invalid environment and skips what depends on it", async () => {
    vi.stubEnv("PORT", "http");
    const { code, line, fixOf } = await doctor();
    expect(line("environment")).toMatch(/^FAIL {2}environment: .*PORT: must be a port number/);
    expect(fixOf("environment")).toMatch(/fix: correct these variables/);
    expect(line("database")).toMatch(/^skip/);
    expect(code).toBe(1);
  });

  it("reports an app that is not registered yet", async () => {
    vi.stubEnv("APP_ID", undefined);
    vi.stubEnv("PRIVATE_KEY", undefined);
    const { code, line, fixOf } = await doctor();
    expect(line("app credentials")).toMatch(/^FAIL/);
    expect(fixOf("app credentials")).toMatch(/npm start/);
    expect(line("private key")).toMatch(/^skip/);
    expect(code).toBe(1);
  });

  it.each([
    ["unset", undefined, /not set: anyone could forge/],
    ["Probot's default", "development", /Probot's default/],
    ["short", "s3cr3t-but-short", /weak \(16 characters/],
    ["repetitive", "a".repeat(40), /WEBHOOK_SECRET repeats too few characters: the server refuses/],
    ["a placeholder as the previous one", "previous:changeme", /WEBHOOK_SECRET_PREVIOUS is a well-known placeholder: the server refuses/],
  ])("reports a webhook secret that is %s", async (_name, secret, message) => {
    const previous = secret?.startsWith("previous:") ? secret.slice("previous:".length) : undefined;
    vi.stubEnv(previous ? "WEBHOOK_SECRET_PREVIOUS" : "WEBHOOK_SECRET", previous ?? secret);
    appAnswer();
    installationsAnswer([]);
    const { code, line, fixOf } = await doctor();
    expect(line("webhook secret")).toMatch(message);
    expect(fixOf("webhook secret")).toMatch(/openssl rand -hex 32/);
    expect(code).toBe(1);
  });

  it("reports a database that does not answer", async () => {
    goodSetup("postgres://postgres@127.0.0.1:1/nothing");
    appAnswer();
    installationsAnswer([]);
    const { code, line, fixOf } = await doctor();
    expect(line("database")).toMatch(/^FAIL {2}database: PostgreSQL at DATABASE_URL cannot be used/);
    expect(fixOf("database")).toMatch(/start PostgreSQL, or correct DATABASE_URL/);
    expect(line("migrations")).toMatch(/^skip/);
    expect(code).toBe(1);
  });

  it("reports migrations not applied, without applying them", async () => {
    goodSetup(behind.url);
    appAnswer();
    installationsAnswer([]);
    const { code, line, fixOf } = await doctor();
    expect(line("migrations")).toMatch(/^FAIL {2}migrations: \d+ not applied yet \(017_channels\.sql/);
    expect(fixOf("migrations")).toMatch(/satisfaction-bot migrate/);
    const applied = await behind.db.query<{ max: number }>("SELECT max(id) AS max FROM schema_migrations");
    expect(applied.rows[0]?.max).toBe(16);
    expect(code).toBe(1);
  });

  it("reports a database upgraded by a newer version", async () => {
    await migrated.db.query("INSERT INTO schema_migrations (id, name) VALUES (999, '999_from_the_future.sql')");
    appAnswer();
    installationsAnswer([]);
    const { code, line } = await doctor();
    await migrated.db.query("DELETE FROM schema_migrations WHERE id = 999");
    expect(line("migrations")).toMatch(/migrations this version does not know \(999_from_the_future\.sql\)/);
    expect(code).toBe(1);
  });

  it("checks the embedded database in DATA_DIR when there is no DATABASE_URL", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-doctor-"));
    vi.stubEnv("DATABASE_URL", undefined);
    vi.stubEnv("DATA_DIR", dataDir);
    appAnswer();
    installationsAnswer([]);
    const fresh = await doctor();
    expect(fresh.line("database")).toMatch(`ok    database: the embedded database in ${dataDir} answers`);
    expect(fresh.line("migrations")).toMatch(/^FAIL {2}migrations: \d+ not applied yet \(001_core\.sql/);
    expect((await runCli("migrate")).code).toBe(0);
    appAnswer();
    installationsAnswer([]);
    expect((await doctor()).code).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it("reports an embedded store's folder that other users may enter, and leaves it as it is", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-doctor-"));
    fs.chmodSync(dataDir, 0o755);
    vi.stubEnv("DATABASE_URL", undefined);
    vi.stubEnv("DATA_DIR", dataDir);
    appAnswer();
    installationsAnswer([]);
    const { code, line, fixOf } = await doctor();
    expect(line("database")).toBe(
      `FAIL  database: the embedded database in ${dataDir}: ${dataDir} is open to other users (mode 0755): they can read and change it`,
    );
    expect(fixOf("database")).toContain(`chmod -R go-rwx ${dataDir}`);
    expect(code).toBe(1);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o755);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("reports a private key GitHub refuses", async () => {
    // Octokit's app authentication tries once more after a 401, in case the clocks disagree.
    nock(API).get("/app").reply(401, { message: "A JSON web token could not be decoded" });
    const { code, line, fixOf } = await doctor();
    expect(line("private key")).toBe("FAIL  private key: GitHub refuses the key for APP_ID 1 (HTTP 401)");
    expect(fixOf("private key")).toMatch(/generate a new private key/);
    expect(line("installations")).toMatch(/^skip/);
    expect(code).toBe(1);
  });

  it("reports a GitHub it cannot reach", async () => {
    nock(API).get("/app").times(2).replyWithError("connect ECONNREFUSED");
    const { code, line, fixOf } = await doctor();
    expect(line("private key")).toMatch(/GitHub cannot be reached: .*ECONNREFUSED/);
    expect(fixOf("private key")).toMatch(/GHE_HOST/);
    expect(code).toBe(1);
  });

  it("reports a registration without a permission or an event app.yml asks for", async () => {
    const registration = granted();
    registration.permissions.issues = "read";
    registration.events = registration.events.filter((event) => event !== "issue_comment");
    appAnswer(registration);
    installationsAnswer([]);
    const { code, line, fixOf } = await doctor();
    expect(line("app permissions")).toBe("FAIL  app permissions: the registration lacks issues: write (has read), event issue_comment");
    expect(fixOf("app permissions")).toMatch(/Permissions & events/);
    expect(code).toBe(1);
  });

  it("names each installation that has not accepted what app.yml asks for", async () => {
    const behindGrants = granted();
    delete (behindGrants.permissions as Record<string, string>).checks;
    appAnswer();
    installationsAnswer([installation(5, "octo-org"), installation(6, "someone", behindGrants)]);
    const { code, line, fixOf } = await doctor();
    expect(line("installations")).toBe("FAIL  installations: someone (installation 6) lacks checks: write (not granted)");
    expect(fixOf("installations")).toMatch(/accept the new permissions/);
    expect(code).toBe(1);
  });
});
