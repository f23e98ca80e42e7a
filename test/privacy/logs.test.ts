import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeError } from "../../src/logger.js";
import { sweepSummaries } from "../../src/summary/sweep-summaries.js";
import type { TestDatabase } from "../helpers/db.js";
import { createTestDatabase } from "../helpers/db.js";
import { seedRepository, seedWeek47, storeConfig, summaryDeps } from "../summary/support.js";

// A private repository's name and content never reach the info-level logs (what production keeps).
const PRIVATE = { id: 700, fullName: "o/secret-roadmap", private: true };

function capture(level: string) {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  return { lines, log: pino({ level, serializers: { err: serializeError } }, sink) };
}

describe("logs of a private repository's work", () => {
  let store: TestDatabase;
  beforeAll(async () => {
    store = await createTestDatabase();
    await seedRepository(store.db, PRIVATE);
    await seedWeek47(store.db, PRIVATE.id);
    await storeConfig(store.db, { dry_run: true }, { repositoryId: PRIVATE.id });
  });
  afterAll(async () => store.drop());

  it("a dry-run summary logs its text at debug only, and nothing naming the repository at info", async () => {
    const info = capture("info");
    const { deps } = await summaryDeps(store.db);
    await sweepSummaries({ ...deps, log: info.log }, new Date("2026-11-23T09:00:00Z"));
    const logged = info.lines.join("");
    expect(logged).toContain("dry run: summary not posted");
    expect(logged).not.toContain("secret-roadmap");
    expect(logged).not.toContain("Satisfaction report");

    const debug = capture("debug");
    await store.db.query("DELETE FROM summaries");
    const again = await summaryDeps(store.db);
    await sweepSummaries({ ...again.deps, log: debug.log }, new Date("2026-11-23T09:00:00Z"));
    expect(debug.lines.join("")).toContain("Satisfaction report");
  });

  it("an error is logged without the request Octokit attaches (its URL names the repository)", () => {
    const error = Object.assign(new Error("Not Found"), { status: 404, request: { url: "https://api.github.com/repos/o/secret-roadmap/issues" } });
    expect(serializeError(error)).toEqual({ type: "Error", message: "Not Found", status: 404, stack: error.stack });
  });
});
