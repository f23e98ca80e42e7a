import fs from "node:fs";
import nock from "nock";
import { pino } from "pino";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postConfigCheck } from "../../src/config/post-config-check.js";
import { recordRedeliveryRequest } from "../../src/queries/delivery-recovery.js";
import { POST_SUMMARY } from "../../src/queries/summaries.js";
import { backOffWork, claimDueWork, claimWork } from "../../src/queries/work.js";
import { confirmForgetMe } from "../../src/privacy/confirm.js";
import { postSummaryWork } from "../../src/summary/summary-work.js";
import { askSurvey } from "../../src/survey/ask-survey.js";
import { workRegistry } from "../../src/work/registry.js";
import { runWorkItem } from "../../src/work/run-work.js";
import { countOf, workDue } from "../../src/work/work-due.js";
import type { Db } from "../../src/db/types.js";
import { API, createTestProbot, mockToken } from "../helpers/app.js";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import {
  seedConfigCheck,
  seedInstallation,
  seedRedelivery,
  seedRepository,
  seedSummary,
  seedSurvey,
  seedWork,
} from "../helpers/seed-work.js";

// docs/operations.md stays true: its `failures` example is what the command prints for these rows,
// and its `retry` commands put the rows back where the sweep and the recovery job take them up.
const doc = fs.readFileSync(new URL("../../docs/operations.md", import.meta.url), "utf8");
/** The arguments of the documented `retry` command for `flag` (`--survey` ...). */
const retryCommand = (flag: string) => {
  const found = [...doc.matchAll(/^satisfaction-bot (retry .*)$/gm)]
    .map((match) => (match[1] ?? "").split(" "))
    .filter((argv) => argv[1] === flag);
  expect(found, `one documented retry ${flag}`).toHaveLength(1);
  return found[0] ?? [];
};
const SHA = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";
const engine = (db: Db) => ({ db, log: pino({ level: "silent" }), kinds: workRegistry });
const GUID = "d9b1f2a0-6a3c-11ef-8f5a-3c1e04d2e7b1";

useEmptyFolderForCli();

describe("docs/operations.md", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await seedInstallation(db(), 100, "octo");
    await seedRepository(db(), 100, 700, "octo/app");
    await seedSurvey(db(), {
      id: 12,
      installation: 100,
      repo: 700,
      issue: 5,
      status: "failed",
      attempts: 8,
      lastError: "Server Error",
      endedAt: "2026-11-20T08:00:00Z",
    });
    await seedSummary(db(), {
      id: 21,
      installation: 100,
      target: 700,
      period: "2026-W46",
      status: "failed",
      attempts: 8,
      lastError: "Validation Failed",
    });
    await seedRedelivery(db(), GUID, 9002, 3, "2026-11-23T10:00:00Z");
    await seedConfigCheck(db(), {
      id: 31,
      installation: 100,
      repo: 700,
      sha: SHA,
      status: "failed",
      attempts: 1,
      lastError: "No commit found for SHA",
    });
    const reply = { repository: "octo/app", issueNumber: 5, experiences: 1, surveys: 1, issuesReported: 1, issuesAnswered: 0 };
    await seedWork(db(), {
      installation: 100,
      repo: null,
      kind: "privacy.confirm",
      key: 5013,
      payload: reply,
      failed: true,
      runAt: null,
      attempts: 8,
      lastError: "Forbidden",
      failedAt: "2026-11-24T08:00:00Z",
    });
  });

  beforeEach(() => cliOnDatabase(url()));

  it("states the backoff and the number of tries of the work engine", async () => {
    const failed = doc.slice(doc.indexOf('## What "failed" means'), doc.indexOf("## Listing failures"));
    const waits = (/with backoff \(([\d, ]+) minutes/.exec(failed)?.[1] ?? "").split(", ").map(Number);
    // Every kind the section describes gives up after the documented number of tries.
    const tries = new Set([...failed.matchAll(/in (\d+)\s+tries/g)].map((match) => Number(match[1])));
    expect([...tries]).toEqual([waits.length + 1]);
    expect([askSurvey, postSummaryWork, postConfigCheck, confirmForgetMe].map((kind) => kind.maxAttempts)).toEqual(
      Array(4).fill(waits.length + 1),
    );
    // The waits after each failed try, as the queue computes them.
    const start = new Date("2999-01-01T00:00:00Z");
    const { rows } = await db().query<{ id: number }>(
      "INSERT INTO work (installation_id, kind, key, state, run_at) VALUES (100, 'docs.backoff', '1', 'pending', $1) RETURNING id",
      [start],
    );
    const item = { id: rows[0]?.id ?? 0, installationId: 100 };
    const computed: number[] = [];
    for (let attempts = 1; attempts <= waits.length; attempts++) {
      await db().query("UPDATE work SET attempts = $2 WHERE id = $1", [item.id, attempts]);
      computed.push(((await backOffWork(db(), item, "Bad Gateway", start)).getTime() - start.getTime()) / 60_000);
    }
    await db().query("DELETE FROM work WHERE id = $1", [item.id]);
    expect(computed).toEqual(waits);
  });

  it("shows what `satisfaction-bot failures` prints", async () => {
    const example = /```\n(Failures \(all installations\)\n[\s\S]*?)```/.exec(doc)?.[1];
    const { code, out } = await runCli("failures");
    expect(code).toBe(0);
    expect(`${out.join("\n")}\n`).toBe(example);
  });

  it("puts a failed survey back for one more try, which the sweep posts", async () => {
    // Another failed survey whose issue was reopened since: the statement leaves it alone.
    await seedSurvey(db(), { id: 15, installation: 100, repo: 700, issue: 6, status: "failed", attempts: 8, issueState: "open" });
    expect(await runCli(...retryCommand("--survey"))).toMatchObject({
      code: 0,
      out: ["survey 12 of installation 100 put back: the sweep asks once more"],
    });
    const reopened = await runCli("retry", "--survey", "15", "--installation", "100");
    expect(reopened).toMatchObject({
      code: 2,
      out: [],
      err: [expect.stringContaining("survey 15 of installation 100 is not failed (failed, and its issue was reopened since)")],
    });
    const { rows } = await db().query("SELECT id, status FROM surveys ORDER BY id");
    expect(rows).toEqual([
      { id: 12, status: "to_ask" },
      { id: 15, status: "failed" },
    ]);
    // Its attempts were kept: this is one more try.
    const [claimed, ...others] = await claimDueWork(db(), new Date(), 10);
    expect({ kind: claimed?.kind, key: claimed?.key, attempts: claimed?.attempts, others: others.length }).toEqual({
      kind: "survey.ask",
      key: "12",
      attempts: askSurvey.maxAttempts + 1,
      others: 0,
    });
    if (!claimed) throw new Error("the survey was not claimed");
    // The try looks for an earlier comment first, then posts, and the survey is asked.
    mockToken(API, 100);
    nock(API).get("/repos/octo/app/issues/5/comments").query(true).reply(200, []);
    nock(API).post("/repos/octo/app/issues/5/comments").reply(201, { id: 880, created_at: new Date().toISOString() });
    const octokit = await createTestProbot().auth(100);
    expect(await runWorkItem(engine(db()), octokit, claimed, new Date())).toBe("asked");
    const survey = await db().query("SELECT status, comment_id FROM surveys WHERE id = 12");
    const experience = await db().query("SELECT outcome FROM experiences WHERE survey_id = 12");
    expect([survey.rows, experience.rows]).toEqual([[{ status: "asked", comment_id: 880 }], [{ outcome: "pending" }]]);
  });

  it("puts a failed summary back for one more try", async () => {
    expect((await runCli(...retryCommand("--summary"))).code).toBe(0);
    expect(
      await db()
        .query("SELECT status FROM summaries WHERE id = 21")
        .then(({ rows }) => rows),
    ).toEqual([{ status: "pending" }]);
    const claimed = await claimWork(db(), { installationId: 100, kind: POST_SUMMARY, key: "21" });
    expect(claimed).toMatchObject({
      installationId: 100,
      repositoryId: 700,
      attempts: postSummaryWork.maxAttempts + 1,
      payload: { period: "2026-W46" },
    });
  });

  it("puts a failed configuration check back for one more try, which the sweep posts", async () => {
    expect((await runCli(...retryCommand("--config-check"))).code).toBe(0);
    mockToken(API, 100);
    nock(API)
      .get(`/repos/octo/app/contents/${encodeURIComponent(".github/satisfaction.yml")}`)
      .query({ ref: SHA })
      .reply(200, "enabled: true\n");
    nock(API).get(`/repos/octo/app/commits/${SHA}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] });
    nock(API)
      .post(
        "/repos/octo/app/check-runs",
        (body: { head_sha: string; conclusion: string }) => body.head_sha === SHA && body.conclusion === "success",
      )
      .reply(201, { id: 4401 });
    const octokitFor = (installationId: number) => createTestProbot().auth(installationId);
    expect(countOf(await workDue(engine(db()), octokitFor, new Date()), "config_check.post", "posted")).toBe(1);
    const { rows } = await db().query("SELECT status, check_run_id::int FROM config_checks WHERE id = 31");
    expect(rows).toEqual([{ status: "posted", check_run_id: 4401 }]);
  });

  it("puts other failed work back, named by its kind and key as `failures` lists it", async () => {
    expect(await runCli(...retryCommand("--work"))).toMatchObject({
      code: 0,
      out: ["work privacy.confirm:5013 of installation 100 put back: the sweep runs it once more"],
    });
    const claimed = await claimWork(db(), { installationId: 100, kind: "privacy.confirm", key: "5013" });
    expect(claimed).toMatchObject({ installationId: 100, attempts: confirmForgetMe.maxAttempts + 1 });
    const again = await runCli("retry", "--work", "privacy.confirm:5013", "--installation", "100");
    expect(again).toMatchObject({ code: 2, err: [expect.stringContaining("is not failed (pending)")] });
    expect((await runCli("retry", "--work", "no.such:1", "--installation", "100")).err).toEqual([
      "satisfaction-bot: --work no.such:1: there is no kind of work called no.such (see satisfaction-bot --help)",
    ]);
  });

  it("lets the recovery job ask for a given-up delivery again", async () => {
    const request = { guid: GUID, deliveryId: 9002, at: new Date() };
    expect(await recordRedeliveryRequest(db(), request, 3)).toBeNull();
    expect((await runCli(...retryCommand("--delivery"))).code).toBe(0);
    expect(await recordRedeliveryRequest(db(), request, 3)).toBe(1);
  });
});
