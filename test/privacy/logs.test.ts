import { Writable } from "node:stream";
import { pino } from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { serializeError } from "../../src/logger.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { seedRepository, seedWeek47, storeConfig, summaryDeps, sweepSummaries } from "../summary/support.js";

// A private repository's name and content never reach the info-level logs (what production keeps).
const PRIVATE = { id: 700, fullName: "o/secret-roadmap", private: true };

function capture(level: string) {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  return { lines, log: pino({ level, serializers: { err: serializeError } }, sink) };
}

describe("logs of a private repository's work", () => {
  const { db } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await seedRepository(db(), PRIVATE);
    await seedWeek47(db(), PRIVATE.id);
    await storeConfig(db(), { dry_run: true }, { repositoryId: PRIVATE.id });
  });

  it("a dry-run summary logs its text at debug only, and nothing naming the repository at info", async () => {
    const info = capture("info");
    const { deps } = await summaryDeps(db());
    await sweepSummaries({ ...deps, log: info.log }, new Date("2026-11-23T09:00:00Z"));
    const logged = info.lines.join("");
    expect(logged).toContain("dry run: summary not posted");
    expect(logged).not.toContain("secret-roadmap");
    expect(logged).not.toContain("Satisfaction report");

    const debug = capture("debug");
    await db().query("DELETE FROM summaries");
    const again = await summaryDeps(db());
    await sweepSummaries({ ...again.deps, log: debug.log }, new Date("2026-11-23T09:00:00Z"));
    expect(debug.lines.join("")).toContain("Satisfaction report");
  });

  it("an error is logged without the request Octokit attaches (its URL names the repository)", () => {
    const error = Object.assign(new Error("Not Found"), {
      status: 404,
      request: { url: "https://api.github.com/repos/o/secret-roadmap/issues" },
    });
    expect(serializeError(error)).toEqual({ type: "Error", message: "Not Found", status: 404, stack: error.stack });
  });
});
