import nock from "nock";
import { describe, expect, it } from "vitest";
import { API } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import type { IssueRequest } from "./support.js";
import {
  at,
  expectIssue,
  REPO,
  seedIssue,
  seedRepository,
  seedWeek47,
  storeConfig,
  summaryDeps,
  summaryRows,
  sweepSummaries,
  WEEK47_ALERT,
  WEEK47_HEADLINE,
} from "./support.js";

const MONDAY_9 = at("2026-11-23T09:00:00Z");
const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const MARKER = "<!-- satisfaction-bot:summary:repository:700:2026-W47:check_run -->";
const WEEK47_TITLE = "Satisfaction 25.0 % · Loyalty 60.0 % · 4 experiences · 1 pending";

type CheckRunRequest = {
  name: string;
  head_sha: string;
  status: string;
  conclusion: string;
  external_id: string;
  output: { title: string; summary: string };
};

function expectBranch(branch: string) {
  return nock(API)
    .get(`/repos/${REPO.fullName}/branches/${branch}`)
    .reply(200, { name: branch, commit: { sha: SHA } });
}

function expectCheckRun(into: CheckRunRequest[]) {
  return nock(API)
    .post(`/repos/${REPO.fullName}/check-runs`, (body: CheckRunRequest) => {
      into.push(body);
      return true;
    })
    .reply(201, { id: 555 });
}

describe("summary check runs", () => {
  const { db } = useDatabase(createTestDatabase);

  async function setUp(config: Record<string, unknown>, defaultBranch: string | null = "main", week47 = true) {
    await seedRepository(db(), { ...REPO, defaultBranch });
    if (week47) await seedWeek47(db());
    await storeConfig(db(), config);
    return summaryDeps(db());
  }

  it("posts a completed Satisfaction check run on the stored default branch's head, failing below the threshold", async () => {
    const { deps } = await setUp({ summary: { output: "check_run" } });
    const runs: CheckRunRequest[] = [];
    expectBranch("main");
    expectCheckRun(runs);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });

    expect(runs).toEqual([
      {
        name: "Satisfaction",
        head_sha: SHA,
        status: "completed",
        conclusion: "failure", // 25.0 % is below the default threshold of 0.5
        external_id: "repository:700:2026-W47",
        output: {
          title: `${WEEK47_TITLE} · alert`, // below the threshold
          summary: expect.stringMatching(/^<!-- satisfaction-bot:summary:repository:700:2026-W47:check_run -->\n\n/),
        },
      },
    ]);
    expect(runs[0]?.output.summary.startsWith(`${MARKER}\n\n${WEEK47_ALERT}\n\n${WEEK47_HEADLINE}`)).toBe(true);
    expect(await summaryRows(db())).toEqual([
      expect.objectContaining({ period_key: "2026-W47", output: "check_run", status: "posted", github_number: 555 }),
    ]);
  });

  it("succeeds when satisfaction equals the threshold, asking for the default branch when none is stored", async () => {
    const { deps } = await setUp({ summary: { output: "check_run", threshold: 0.25 } }, null);
    const runs: CheckRunRequest[] = [];
    nock(API).get(`/repos/${REPO.fullName}`).reply(200, { id: REPO.id, full_name: REPO.fullName, default_branch: "trunk" });
    expectBranch("trunk");
    expectCheckRun(runs);

    await sweepSummaries(deps, MONDAY_9);

    expect(runs.map((run) => [run.head_sha, run.conclusion, run.output.title])).toEqual([[SHA, "success", WEEK47_TITLE]]);
  });

  it("is neutral when the week has no experience, or only pending ones", async () => {
    const { deps } = await setUp({ summary: { output: "check_run", threshold: -1, post_quiet_periods: true } }, "main", false);
    await seedIssue(db(), {
      number: 1,
      reporter: 1,
      openedAt: "2026-10-01T00:00:00Z",
      closedAt: "2026-10-02T00:00:00Z",
      outcome: "positive",
    });
    const runs: CheckRunRequest[] = [];
    expectBranch("main");
    expectCheckRun(runs);
    await sweepSummaries(deps, MONDAY_9);

    await seedIssue(db(), {
      number: 2,
      reporter: 2,
      openedAt: "2026-11-24T00:00:00Z",
      closedAt: "2026-11-25T00:00:00Z",
      outcome: "pending",
    });
    expectBranch("main");
    expectCheckRun(runs);
    await sweepSummaries(deps, at("2026-11-30T09:00:00Z"));

    expect(runs.map((run) => [run.external_id, run.conclusion, run.output.title])).toEqual([
      ["repository:700:2026-W47", "neutral", "No experiences this week"],
      ["repository:700:2026-W48", "neutral", "No experience with a known outcome this week · 1 pending"],
    ]);
  });

  it("posts both an issue and a check run with output: both, each once", async () => {
    const { deps } = await setUp({ summary: { output: "both", threshold: 0.2 } });
    const issues: IssueRequest[] = [];
    const runs: CheckRunRequest[] = [];
    expectIssue(REPO.fullName, 31, issues);
    expectBranch("main");
    expectCheckRun(runs);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 2, failed: 0 });
    expect(await sweepSummaries(deps, at("2026-11-23T09:05:00Z"))).toEqual({ posted: 0, failed: 0 });

    expect(issues.map((issue) => issue.title)).toEqual(["Satisfaction report: 2026-11-16 to 2026-11-22"]);
    expect(issues[0]?.body).toContain(WEEK47_HEADLINE);
    expect(runs.map((run) => [run.conclusion, run.output.title])).toEqual([["success", WEEK47_TITLE]]);
    expect((await summaryRows(db())).map((row) => [row.output, row.status, row.github_number])).toEqual([
      ["issue", "posted", 31],
      ["check_run", "posted", 555],
    ]);
  });
});
