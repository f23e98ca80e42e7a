import fs from "node:fs";
import nock from "nock";
import { pino } from "pino";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sweepConfigChecks } from "../../src/config/sweep-config-checks.js";
import { recordRedeliveryRequest } from "../../src/queries/delivery-recovery.js";
import { claimSummary } from "../../src/queries/summaries.js";
import { claimDueSurveys } from "../../src/queries/surveys.js";
import { askSurvey, MAX_ASK_ATTEMPTS } from "../../src/survey/ask-survey.js";
import { MAX_POST_ATTEMPTS } from "../../src/summary/post-summary.js";
import { API, createTestProbot, mockToken } from "../helpers/app.js";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { seedConfigCheck, seedInstallation, seedRedelivery, seedRepository, seedSummary, seedSurvey } from "../helpers/seed-work.js";

// docs/operations.md stays true: its `failures` example is what the command prints for these rows,
// and its `retry` commands put the rows back where the sweep and the recovery job take them up.
const doc = fs.readFileSync(new URL("../../docs/operations.md", import.meta.url), "utf8");
/** The arguments of the documented `retry` command for `flag` (`--survey` ...). */
const retryCommand = (flag: string) => {
  const found = [...doc.matchAll(/^satisfaction-bot (retry .*)$/gm)].map((match) => (match[1] ?? "").split(" ")).filter((argv) => argv[1] === flag);
  expect(found, `one documented retry ${flag}`).toHaveLength(1);
  return found[0] ?? [];
};
const SHA = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";
const GUID = "d9b1f2a0-6a3c-11ef-8f5a-3c1e04d2e7b1";

useEmptyFolderForCli();

describe("docs/operations.md", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await seedInstallation(db(), 100, "octo");
    await seedRepository(db(), 100, 700, "octo/app");
    await seedSurvey(db(), { id: 12, installation: 100, repo: 700, issue: 5, status: "failed", attempts: 8, lastError: "Server Error", endedAt: "2026-11-20T08:00:00Z" });
    await seedSummary(db(), { id: 21, installation: 100, target: 700, period: "2026-W46", status: "failed", attempts: 8, lastError: "Validation Failed" });
    await seedRedelivery(db(), GUID, 9002, 3, "2026-11-23T10:00:00Z");
    await seedConfigCheck(db(), { id: 31, installation: 100, repo: 700, sha: SHA, status: "failed", attempts: 1, lastError: "No commit found for SHA" });
  });

  beforeEach(() => cliOnDatabase(url()));

  it("shows what `satisfaction-bot failures` prints", async () => {
    const example = /```\n(Failures \(all installations\)\n[\s\S]*?)```/.exec(doc)?.[1];
    const { code, out } = await runCli("failures");
    expect(code).toBe(0);
    expect(`${out.join("\n")}\n`).toBe(example);
  });

  it("puts a failed survey back for one more try, which the sweep posts", async () => {
    // Another failed survey whose issue was reopened since: the statement leaves it alone.
    await seedSurvey(db(), { id: 15, installation: 100, repo: 700, issue: 6, status: "failed", attempts: 8, issueState: "open" });
    expect(await runCli(...retryCommand("--survey"))).toMatchObject({ code: 0, out: ["survey 12 of installation 100 put back: the sweep asks once more"] });
    const reopened = await runCli("retry", "--survey", "15", "--installation", "100");
    expect(reopened).toMatchObject({ code: 2, out: [], err: [expect.stringContaining("survey 15 of installation 100 is not failed (failed, and its issue was reopened since)")] });
    const { rows } = await db().query("SELECT id, status FROM surveys ORDER BY id");
    expect(rows).toEqual([{ id: 12, status: "to_ask" }, { id: 15, status: "failed" }]);
    const [claimed, ...others] = await claimDueSurveys(db(), new Date(), 10);
    expect({ id: claimed?.id, attempts: claimed?.askAttempts, others: others.length }).toEqual({ id: 12, attempts: MAX_ASK_ATTEMPTS + 1, others: 0 });
    if (!claimed) throw new Error("the survey was not claimed");
    // The try looks for an earlier comment first, then posts, and the survey is asked.
    mockToken(API, 100);
    nock(API).get("/repos/octo/app/issues/5/comments").query(true).reply(200, []);
    nock(API).post("/repos/octo/app/issues/5/comments").reply(201, { id: 880, created_at: new Date().toISOString() });
    const octokit = await createTestProbot().auth(100);
    await askSurvey({ db: db(), log: pino({ level: "silent" }) }, octokit, claimed, new Date());
    const survey = await db().query("SELECT status, comment_id FROM surveys WHERE id = 12");
    const experience = await db().query("SELECT outcome FROM experiences WHERE survey_id = 12");
    expect([survey.rows, experience.rows]).toEqual([[{ status: "asked", comment_id: 880 }], [{ outcome: "pending" }]]);
  });

  it("puts a failed summary back for one more try", async () => {
    expect((await runCli(...retryCommand("--summary"))).code).toBe(0);
    const key = { installationId: 100, scope: "repository", targetRepositoryId: 700, periodKey: "2026-W46", output: "issue" } as const;
    expect(await claimSummary(db(), key, new Date())).toEqual({ ...key, id: 21, attempts: MAX_POST_ATTEMPTS + 1 });
  });

  it("puts a failed configuration check back for one more try, which the sweep posts", async () => {
    expect((await runCli(...retryCommand("--config-check"))).code).toBe(0);
    mockToken(API, 100);
    nock(API).get(`/repos/octo/app/contents/${encodeURIComponent(".github/satisfaction.yml")}`).query({ ref: SHA }).reply(200, "enabled: true\n");
    nock(API).get(`/repos/octo/app/commits/${SHA}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] });
    nock(API).post("/repos/octo/app/check-runs", (body: { head_sha: string; conclusion: string }) => body.head_sha === SHA && body.conclusion === "success").reply(201, { id: 4401 });
    const octokitFor = (installationId: number) => createTestProbot().auth(installationId);
    expect(await sweepConfigChecks({ db: db(), log: pino({ level: "silent" }), octokitFor }, new Date())).toMatchObject({ posted: 1 });
    const { rows } = await db().query("SELECT status, check_run_id::int FROM config_checks WHERE id = 31");
    expect(rows).toEqual([{ status: "posted", check_run_id: 4401 }]);
  });

  it("lets the recovery job ask for a given-up delivery again", async () => {
    const request = { guid: GUID, deliveryId: 9002, at: new Date() };
    expect(await recordRedeliveryRequest(db(), request, 3)).toBeNull();
    expect((await runCli(...retryCommand("--delivery"))).code).toBe(0);
    expect(await recordRedeliveryRequest(db(), request, 3)).toBe(1);
  });
});
