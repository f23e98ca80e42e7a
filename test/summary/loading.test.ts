import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { API } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import type { IssueRequest } from "./support.js";
import {
  at,
  expectIssue,
  mockConfigFile,
  REPO,
  seedRepository,
  seedWeek47,
  storeConfig,
  summaryDeps,
  summaryRows,
  sweepSummaries,
} from "./support.js";

const MONDAY_9 = at("2026-11-23T09:00:00Z");

/** The sweep and a repository's configuration that is more than an hour old: it is read again from GitHub. */
describe("summary sweeps with a stored configuration past its hour", () => {
  const { db } = useDatabase(createTestDatabase);
  beforeEach(async () => {
    await seedRepository(db(), { ...REPO, defaultBranch: "main" });
    await seedWeek47(db());
  });

  async function storedConfig() {
    const { rows } = await db().query<{ config: unknown; fresh: boolean }>(
      "SELECT config, loaded_at > now() - interval '1 hour' AS fresh FROM repository_configs WHERE repository_id = $1",
      [REPO.id],
    );
    return rows;
  }

  it("reads the file again before posting, follows it, and keeps it", async () => {
    await storeConfig(db(), {}, { stale: true });
    const { deps } = await summaryDeps(db());
    mockConfigFile(REPO.fullName, "summary:\n  output: check_run\n  threshold: 0.2\n");
    nock(API)
      .get("/repos/o/r/branches/main")
      .reply(200, { commit: { sha: "abc123" } });
    nock(API)
      .post(
        "/repos/o/r/check-runs",
        (body: { head_sha: string; conclusion: string; name: string }) =>
          body.name === "Satisfaction" && body.head_sha === "abc123" && body.conclusion === "success",
      )
      .reply(201, { id: 9 });

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });

    expect(await summaryRows(db())).toEqual([expect.objectContaining({ output: "check_run", status: "posted", github_number: 9 })]);
    expect(await storedConfig()).toEqual([
      { config: expect.objectContaining({ summary: expect.objectContaining({ output: "check_run" }) }), fresh: true },
    ]);
  });

  it("posts with the last good configuration when the file has become invalid, and shows the error", async () => {
    await storeConfig(db(), { summary: { labels: ["weekly"] } }, { stale: true });
    const { deps } = await summaryDeps(db());
    mockConfigFile(REPO.fullName, "summary:\n  schedule: hourly\n");
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 31, posted);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });

    expect(posted.map((issue) => issue.labels)).toEqual([["weekly"]]);
    expect(posted[0]?.body).toContain("> **Configuration error** in `o/r:.github/satisfaction.yml`, line 2: summary.schedule:");
  });

  // A stale stored configuration is read again before deciding, even one that turned summaries off.
  it("reads the file again when the stale stored configuration has summaries off", async () => {
    await storeConfig(db(), { summary: { enabled: false } }, { stale: true });
    const { deps } = await summaryDeps(db());
    mockConfigFile(REPO.fullName, "summary:\n  enabled: true\n", true); // optional: the failure shows below, not as an unused mock
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 31, posted, true);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });
    expect(posted.map((issue) => issue.title)).toEqual(["Satisfaction report: 2026-11-16 to 2026-11-22"]);
  });
});
