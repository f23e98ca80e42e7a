import { describe, expect, it } from "vitest";
import { storedConfigFor } from "../../src/config/repository-config.js";
import { buildReport } from "../../src/model/report.js";
import type { StoredRepository } from "../../src/queries/repositories.js";
import { findRepositoriesByName } from "../../src/queries/repositories.js";
import type { SummaryCandidate } from "../../src/queries/summary-candidates.js";
import { repositoryByName } from "../../src/queries/summary-candidates.js";
import { periodFromKey } from "../../src/summary/periods.js";
import { repositorySummaryData } from "../../src/summary/repository-summary.js";
import type { Db } from "../../src/db/types.js";
import { createTestApp, reaction, receive } from "../helpers/app.js";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { APP_BOT, commentOnIssuePayload, REPORTER } from "../helpers/fixtures.js";
import { uninstall, uninstallPayload } from "../helpers/uninstall.js";
import { sweep } from "../survey/harness.js";
import { rowsOf, SURVEYS_WITH_WORK } from "../webhooks/support.js";
import type { IssueSpec } from "./support.js";
import {
  A,
  B,
  closeAndAsk,
  driveScenario,
  expectReactionsRead,
  installationTables,
  installationRows,
  issueEvent,
  log,
  mockInstallationToken,
  REPO,
  SCENARIO,
} from "./support.js";

// Issue 4: every read and write is scoped to its installation. Installations A (4242) and B (8484)
// both hold Codertocat/Hello-World with the same repository id (186853002), the same issue numbers
// and even the same survey comment ids; GitHub answers each installation only with its own token.
//
// Privacy: `/satisfaction forget-me` in one installation leaving another installation's copy of the
// same repository untouched (same name, same id, same reporter) is proven by
// test/privacy/forget-me.test.ts ("... scrubs their login in that installation only ...", installation
// 5151 compared before and after); it is not repeated here. installation.deleted is tested below,
// because test/webhooks/installation.test.ts only tests it with repositories of different names.

const ROWS = {
  issues: "SELECT installation_id, number, state, closed_at FROM issues ORDER BY installation_id, number",
  surveys: "SELECT installation_id, issue_number, status, comment_id FROM surveys ORDER BY installation_id, issue_number",
  experiences: "SELECT installation_id, issue_number, outcome, answered_at FROM experiences ORDER BY installation_id, issue_number",
};

const NAME = REPO.fullName;
const WINDOW = ["--from", "2026-11-01", "--to", "2026-12-01"];
const from = new Date("2026-11-01T00:00:00Z");
const to = new Date("2026-12-01T00:00:00Z");

useEmptyFolderForCli();

async function storedIn(db: Db, installationId: number): Promise<StoredRepository> {
  const [repository, ...others] = await findRepositoriesByName(db, NAME, installationId);
  expect(others).toEqual([]);
  if (!repository) throw new Error(`${NAME} is not stored in installation ${installationId}`);
  return repository;
}

async function candidateIn(db: Db, installationId: number): Promise<SummaryCandidate> {
  const repository = await repositoryByName(db, installationId, NAME);
  if (!repository) throw new Error(`${NAME} is not stored in installation ${installationId}`);
  return repository;
}

/**
 * The model of each installation's Codertocat/Hello-World over [2026-11-01, 2026-12-01), by hand
 * from SCENARIO (test/security/support.ts):
 *
 * A: #1 positive, #2 positive. total 2, pending 0, positive 2, negative 0, neutral 0.
 *    repeatUsage 0: octo-user's only issue in A is #1 (her #1 in B, opened 10-20, is another
 *    installation's: counted, it would make 1); other-user has one issue.
 *    marketDemand 2 (octo-user, other-user).
 *    satisfaction (2 − 0) / 2 = 1; loyalty (2 + 0) / (2 + 0) = 1; business opportunity 1 × 1 × 2 = 2.
 * B: #1 negative, #2 negative, #3 pending. total 2, pending 1, positive 0, negative 2, neutral 0.
 *    repeatUsage 1: #2, octo-user's #1 in B was opened (10-20) before it (11-02).
 *    marketDemand 2 (octo-user, third-user).
 *    satisfaction (0 − 2) / 2 = −1; loyalty (0 + 1) / (2 + 1) = 1/3;
 *    business opportunity −1 × 1/3 × 2 = −2/3.
 * Had either leaked into the other, A's total would be 4 (or its negative 2), B's positive 2.
 */
const REPORT_A = {
  repository: NAME,
  from: "2026-11-01T00:00:00.000Z",
  to: "2026-12-01T00:00:00.000Z",
  total: 2,
  pending: 0,
  positive: 2,
  negative: 0,
  neutral: 0,
  repeatUsage: 0,
  marketDemand: 2,
  satisfaction: 1,
  loyalty: 1,
  businessOpportunity: 2,
  // A's two issues each closed a day after they were opened, unanswered.
  clock: "calendar",
  firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
  timeToClose: { medianSeconds: 86_400, p90Seconds: 86_400, count: 2 },
  responseRate: 0,
  channels: [
    {
      channel: "issues",
      ...{ total: 2, pending: 0, positive: 2, negative: 0, neutral: 0, satisfaction: 1 },
      firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
    },
  ],
};
const REPORT_B = {
  repository: NAME,
  from: "2026-11-01T00:00:00.000Z",
  to: "2026-12-01T00:00:00.000Z",
  total: 2,
  pending: 1,
  positive: 0,
  negative: 2,
  neutral: 0,
  repeatUsage: 1,
  marketDemand: 2,
  satisfaction: -1,
  loyalty: expect.closeTo(1 / 3, 12),
  businessOpportunity: expect.closeTo(-2 / 3, 12),
  // B's three experiences (the pending one too): the service figures of W45 below, by experience.
  clock: "calendar",
  firstResponse: { medianSeconds: 7_200, p90Seconds: 7_200, count: 1 },
  timeToClose: { medianSeconds: 86_400, p90Seconds: expect.closeTo(987_840, 6), count: 3 },
  responseRate: expect.closeTo(1 / 3, 12),
  channels: [
    {
      channel: "issues",
      ...{ total: 2, pending: 1, positive: 0, negative: 2, neutral: 0, satisfaction: -1 },
      firstResponse: { medianSeconds: 7_200, p90Seconds: 7_200, count: 1 },
    },
  ],
};

describe("two installations with the same repository (name, id, issue numbers)", () => {
  const { db, url } = useDatabase(createTestDatabase);

  it("webhooks: B's close is asked with B's token and alters none of A's rows; a reaction read for B records B's experience only", async () => {
    const { probot } = createTestApp(db());
    const { a1, b1 } = SCENARIO;
    await receive(probot, "issues", issueEvent("opened", a1));
    await receive(probot, "issues", issueEvent("opened", b1));
    const aBefore = await installationRows(db(), A);

    // Only B's token endpoint is mocked: a request for A's token, or B's survey posted with any
    // token but B's, has no mock and fails the test.
    mockInstallationToken(B);
    const askedB = await closeAndAsk(probot, b1);
    expect(askedB.isDone()).toBe(true);
    expect(await installationRows(db(), A)).toEqual(aBefore);
    expect(await rowsOf(db(), ROWS.issues)).toEqual([
      { installation_id: A, number: 1, state: "open", closed_at: null },
      { installation_id: B, number: 1, state: "closed", closed_at: new Date(b1.closedAt) },
    ]);
    expect(await rowsOf(db(), ROWS.surveys)).toEqual([{ installation_id: B, issue_number: 1, status: "asked", comment_id: 900 }]);
    expect(await rowsOf(db(), ROWS.experiences)).toEqual([{ installation_id: B, issue_number: 1, outcome: "pending", answered_at: null }]);

    // A's close: A's own token endpoint and token; GitHub gives it the same comment id as B's.
    mockInstallationToken(A);
    const askedA = await closeAndAsk(probot, a1);
    expect(askedA.isDone()).toBe(true);
    expect(await rowsOf(db(), ROWS.surveys)).toEqual([
      { installation_id: A, issue_number: 1, status: "asked", comment_id: 900 },
      { installation_id: B, issue_number: 1, status: "asked", comment_id: 900 },
    ]);
    const nextPollA = `SELECT w.kind, w.run_at AS next_poll_at, s.poll_count FROM ${SURVEYS_WITH_WORK} WHERE s.installation_id = $1`;
    // asked at 10:00:06 (the comment's created_at): first read 10 minutes later
    expect(await rowsOf(db(), nextPollA, [A])).toEqual([
      { kind: "survey.read", next_poll_at: new Date("2026-11-03T10:10:06Z"), poll_count: 0 },
    ]);

    // The reporter comments on B's #1 at 10:05, before A's first read is due: B's survey is read at
    // once, with B's token (she reacted 👎 at 10:03); A's survey must not be brought forward.
    const readB = expectReactionsRead(B, 900, [reaction("-1", REPORTER, "2026-11-03T10:03:00Z")]);
    await receive(
      probot,
      "issue_comment",
      commentOnIssuePayload("created", issueEvent("closed", b1), {
        commenter: REPORTER,
        commenterAssociation: "NONE",
        commentedAt: "2026-11-03T10:05:00Z",
        commentId: 77_101,
      }),
    );
    expect(readB.isDone()).toBe(true);
    expect(await rowsOf(db(), ROWS.experiences)).toEqual([
      { installation_id: A, issue_number: 1, outcome: "pending", answered_at: null },
      { installation_id: B, issue_number: 1, outcome: "negative", answered_at: new Date("2026-11-03T10:03:00Z") },
    ]);
    // A's survey was not read, nor brought forward to 10:05, by B's comment.
    expect(await rowsOf(db(), nextPollA, [A])).toEqual([
      { kind: "survey.read", next_poll_at: new Date("2026-11-03T10:10:06Z"), poll_count: 0 },
    ]);

    // The sweep at 10:17 finds only A's survey due (B's is answered; its follow-up is due at 10:18)
    // and reads it with A's token: 👍.
    const readA = expectReactionsRead(A, 900, [reaction("+1", REPORTER, "2026-11-03T10:15:00Z")]);
    const swept = await sweep({ db: db(), log, octokitFor: (id) => probot.auth(id) }, new Date("2026-11-03T10:17:00Z"));
    expect(swept).toEqual({ worked: 1, installationsFailed: 0 });
    expect(readA.isDone()).toBe(true);
    expect(await rowsOf(db(), ROWS.experiences)).toEqual([
      { installation_id: A, issue_number: 1, outcome: "positive", answered_at: new Date("2026-11-03T10:15:00Z") },
      { installation_id: B, issue_number: 1, outcome: "negative", answered_at: new Date("2026-11-03T10:03:00Z") },
    ]);
    expect(await rowsOf(db(), ROWS.surveys)).toEqual([
      { installation_id: A, issue_number: 1, status: "answered", comment_id: 900 },
      { installation_id: B, issue_number: 1, status: "answered", comment_id: 900 },
    ]);
  });

  it("webhooks: a deleted survey comment, a reopen and a deleted issue in B end B's surveys only", async () => {
    const { probot } = createTestApp(db());
    mockInstallationToken(A);
    mockInstallationToken(B);
    const spec = (installationId: number, number: number): IssueSpec => ({
      installationId,
      number,
      reporter: REPORTER,
      createdAt: `2026-11-02T1${number}:00:00Z`,
      closedAt: `2026-11-03T1${number}:00:00Z`,
      commentId: 899 + number, // the same comment ids in both installations
    });
    for (const number of [1, 2, 3]) {
      for (const installationId of [A, B]) await closeAndAsk(probot, spec(installationId, number));
    }
    const aBefore = await installationRows(db(), A);
    expect(aBefore.surveys).toHaveLength(3);

    // B's survey comment 900 is deleted: A's survey comment has the same id.
    await receive(
      probot,
      "issue_comment",
      commentOnIssuePayload("deleted", issueEvent("closed", spec(B, 1)), {
        commentId: 900,
        commenter: APP_BOT,
        commenterAssociation: "NONE",
      }),
    );
    // B's #2 is reopened, B's #3 deleted.
    await receive(probot, "issues", issueEvent("reopened", spec(B, 2), "2026-11-04T09:00:00Z"));
    await receive(probot, "issues", issueEvent("deleted", spec(B, 3)));

    expect(await installationRows(db(), A)).toEqual(aBefore);
    expect(await rowsOf(db(), ROWS.surveys)).toEqual([
      { installation_id: A, issue_number: 1, status: "asked", comment_id: 900 },
      { installation_id: A, issue_number: 2, status: "asked", comment_id: 901 },
      { installation_id: A, issue_number: 3, status: "asked", comment_id: 902 },
      { installation_id: B, issue_number: 1, status: "comment_deleted", comment_id: 900 },
      { installation_id: B, issue_number: 2, status: "cancelled", comment_id: 901 },
    ]);
    expect(await rowsOf(db(), ROWS.experiences)).toEqual([
      { installation_id: A, issue_number: 1, outcome: "pending", answered_at: null },
      { installation_id: A, issue_number: 2, outcome: "pending", answered_at: null },
      { installation_id: A, issue_number: 3, outcome: "pending", answered_at: null },
      { installation_id: B, issue_number: 1, outcome: "neutral", answered_at: null },
    ]);
    expect(await rowsOf(db(), "SELECT installation_id, number, state FROM issues ORDER BY installation_id, number")).toEqual([
      { installation_id: A, number: 1, state: "closed" },
      { installation_id: A, number: 2, state: "closed" },
      { installation_id: A, number: 3, state: "closed" },
      { installation_id: B, number: 1, state: "closed" },
      { installation_id: B, number: 2, state: "open" },
    ]);
  });

  it("the scenario's sweep reads each installation's reactions with its own token and records each outcome in its own installation", async () => {
    const { probot } = createTestApp(db());
    // five surveys due at 12:30 (A #1 #2, B #1 #2 #3); every read mock requires its installation's token
    expect(await driveScenario(probot, db())).toEqual({ worked: 5, installationsFailed: 0 });
    expect(
      await rowsOf(
        db(),
        "SELECT installation_id, issue_number, reporter_id, outcome FROM experiences ORDER BY installation_id, issue_number",
      ),
    ).toEqual([
      { installation_id: A, issue_number: 1, reporter_id: REPORTER.id, outcome: "positive" },
      { installation_id: A, issue_number: 2, reporter_id: 5_550_002, outcome: "positive" },
      { installation_id: B, issue_number: 1, reporter_id: REPORTER.id, outcome: "negative" },
      { installation_id: B, issue_number: 2, reporter_id: REPORTER.id, outcome: "negative" },
      { installation_id: B, issue_number: 3, reporter_id: 5_550_003, outcome: "pending" },
    ]);
    // The maintainer's comment was on B's #2: A's #2 has no first response.
    expect(
      await rowsOf(db(), "SELECT installation_id, number, first_responder_login FROM issues WHERE number = 2 ORDER BY installation_id"),
    ).toEqual([
      { installation_id: A, number: 2, first_responder_login: null },
      { installation_id: B, number: 2, first_responder_login: "Codertocat" },
    ]);
  });

  it("report: each installation's model counts its own experiences; the CLI refuses an ambiguous --repo and answers each --installation", async () => {
    const { probot } = createTestApp(db());
    await driveScenario(probot, db());

    expect(await buildReport(db(), await storedIn(db(), A), from, to)).toEqual(REPORT_A);
    expect(await buildReport(db(), await storedIn(db(), B), from, to)).toEqual(REPORT_B);

    cliOnDatabase(url());
    expect(await runCli("report", "--repo", NAME, ...WINDOW, "--json")).toEqual({
      code: 2,
      out: [],
      err: [
        `satisfaction-bot: --repo ${NAME} is in several installations (${A}, ${B}): add --installation <id> (see satisfaction-bot --help)`,
      ],
    });
    const reportOf = async (installationId: number) => {
      const { code, out, err } = await runCli("report", "--repo", NAME, ...WINDOW, "--installation", String(installationId), "--json");
      expect({ code, err, lines: out.length }).toEqual({ code: 0, err: [], lines: 1 });
      return JSON.parse(out[0] ?? "") as unknown;
    };
    expect(await reportOf(A)).toEqual(REPORT_A);
    expect(await reportOf(B)).toEqual(REPORT_B);
  });

  it("summary: the data and text of A's repository show A's figures only", async () => {
    const { probot } = createTestApp(db());
    await driveScenario(probot, db());
    // ISO week 2026-W45: Monday 2026-11-02 to Sunday 2026-11-08, UTC (the default time zone)
    const week = periodFromKey("2026-W45", "UTC");
    const summaryOf = async (installationId: number) => {
      const repository = await candidateIn(db(), installationId);
      const effective = await storedConfigFor(db(), { installationId, repositoryId: repository.id });
      return repositorySummaryData(db(), repository, week, effective);
    };

    // A in W45: the model as in REPORT_A (every experience closed on 11-03).
    // Support issues closed 2 (#1, #2), none answered before closing: response rate 0 / 2 = 0;
    // none reopened: 0. Time to close: 11-02 10:00 → 11-03 10:00 and 11:00 → 11:00, 86,400 s each:
    // median and 90th percentile 86,400. No first response: no time, no responder. No negative: no pain point.
    const a = await summaryOf(A);
    expect(a.current.model).toEqual({
      total: 2,
      pending: 0,
      positive: 2,
      negative: 0,
      neutral: 0,
      repeatUsage: 0,
      marketDemand: 2,
      satisfaction: 1,
      loyalty: 1,
      businessOpportunity: 2,
    });
    expect(a.current.service).toEqual({
      closed: 2,
      responseRate: 0,
      reopenRate: 0,
      timeToClose: { median: 86_400, p90: 86_400, count: 2 },
      timeToFirstResponse: { median: null, p90: null, count: 0 },
    });
    expect({ painPoints: a.painPoints, responders: a.responders, labels: a.labels }).toEqual({
      painPoints: [],
      responders: [],
      labels: [],
    });

    // B in W45, what a leak into A would have shown: the model as in REPORT_B.
    // Support issues closed 3; #2 answered (11-02 13:00) before its close: response rate 1/3.
    // Time to close: #1 10-20 09:00 → 11-03 10:00 = 14 d 1 h = 1,213,200 s; #2 and #3 86,400 s each.
    //   median 86,400; 90th percentile (continuous) at 0.9 × (3 − 1) = 1.8: 86,400 + 0.8 × (1,213,200 − 86,400) = 987,840.
    // First response: #2 only, 11:00 → 13:00 = 7,200 s, by Codertocat.
    // Pain points: the negatives, newest close first: #2 (11:00) then #1 (10:00).
    const b = await summaryOf(B);
    expect(b.current.model).toEqual({
      total: 2,
      pending: 1,
      positive: 0,
      negative: 2,
      neutral: 0,
      repeatUsage: 1,
      marketDemand: 2,
      satisfaction: -1,
      loyalty: expect.closeTo(1 / 3, 12),
      businessOpportunity: expect.closeTo(-2 / 3, 12),
    });
    expect(b.current.service).toEqual({
      closed: 3,
      responseRate: expect.closeTo(1 / 3, 12),
      reopenRate: 0,
      timeToClose: { median: 86_400, p90: expect.closeTo(987_840, 6), count: 3 },
      timeToFirstResponse: { median: 7_200, p90: 7_200, count: 1 },
    });
    expect(b.painPoints).toEqual([
      { reference: "#2", title: "B: login loops", closedAt: new Date("2026-11-03T11:00:00Z") },
      { reference: "#1", title: "B: export fails", closedAt: new Date("2026-11-03T10:00:00Z") },
    ]);
    expect(b.responders).toEqual([{ login: "Codertocat", firstResponses: 1, medianSeconds: 7_200 }]);

    // The CLI's dry run: refused without --installation, each installation's own text with it.
    cliOnDatabase(url());
    expect(await runCli("summary", "--repo", NAME, "--period", "2026-W45", "--dry-run")).toEqual({
      code: 2,
      out: [],
      err: [
        `satisfaction-bot: --repo ${NAME} is in several installations (${A}, ${B}): add --installation <id> (see satisfaction-bot --help)`,
      ],
    });
    const textOf = async (installationId: number) => {
      const { code, out, err } = await runCli(
        "summary",
        "--repo",
        NAME,
        "--period",
        "2026-W45",
        "--dry-run",
        "--installation",
        String(installationId),
      );
      expect({ code, err, lines: out.length }).toEqual({ code: 0, err: [], lines: 1 });
      return out[0] ?? "";
    };
    const marker = "<!-- satisfaction-bot:summary:repository:186853002:2026-W45:issue -->";
    const period = `<sub>${NAME} · 2026-11-02 to 2026-11-08 · changes against the previous week (2026-10-26 to 2026-11-01)</sub>`;
    // The previous week (W44) has no experience in either installation: every change reads "new", and the
    // experiences (a count, 0 in W44) are what moved most.
    const textA = await textOf(A);
    expect(
      textA.startsWith(
        [
          marker,
          "**Satisfaction 100.0 %** (new) · **Loyalty 100.0 %** (new) · **Business opportunity 2.00** (new)",
          "Biggest change: experiences +2 against the previous week (from 0)",
          "Experiences: 2 positive / 0 negative / 0 neutral / 0 pending",
          period,
        ].join("\n\n"),
      ),
    ).toBe(true);
    expect(textA).toContain("No negative experience this week.");
    expect(textA).toContain("No first response by a maintainer this week.");
    for (const onlyInB of ["B: login loops", "B: export fails", "`Codertocat`"]) expect(textA).not.toContain(onlyInB);
    const textB = await textOf(B);
    expect(
      textB.startsWith(
        [
          marker,
          "> [!CAUTION]\n> **Satisfaction \u2212100.0 % is below the target of 50.0 %.**",
          "**Satisfaction \u2212100.0 %** (new) · **Loyalty 33.3 %** (new) · **Business opportunity \u22120.67** (new)",
          "Biggest change: experiences +2 against the previous week (from 0)",
          "Experiences: 0 positive / 2 negative / 0 neutral / 1 pending",
          period,
        ].join("\n\n"),
      ),
    ).toBe(true);
    for (const onlyInB of ["- #2 B: login loops (closed 2026-11-03)", "- #1 B: export fails (closed 2026-11-03)", "`Codertocat`"]) {
      expect(textB).toContain(onlyInB);
    }
  });

  it("installation.deleted of A removes A's rows only; B's rows and figures stay as they were", async () => {
    const { probot } = createTestApp(db());
    await driveScenario(probot, db());
    const bBefore = await installationRows(db(), B);
    // B's rows before: 1 repository, 3 issues, 3 surveys, 3 experiences, 7 deliveries (3 opened, 1 comment, 3 closed).
    expect(
      [bBefore.repositories, bBefore.issues, bBefore.surveys, bBefore.experiences, bBefore.deliveries].map((rows) => rows?.length),
    ).toEqual([1, 3, 3, 3, 7]);

    await uninstall(probot, db(), uninstallPayload(A, { login: "Codertocat", id: 21_031_067, type: "User" }));

    const tables = await installationTables(db());
    expect(tables).toEqual(
      expect.arrayContaining(["deliveries", "experiences", "issues", "opt_outs", "repositories", "summaries", "surveys"]),
    );
    expect(await installationRows(db(), A)).toEqual({ installations: [], ...Object.fromEntries(tables.map((table) => [table, []])) });
    expect(await installationRows(db(), B)).toEqual(bBefore);

    // The name is now B's alone: the CLI needs no --installation and answers B's figures (REPORT_B).
    cliOnDatabase(url());
    const { code, out, err } = await runCli("report", "--repo", NAME, ...WINDOW, "--json");
    expect({ code, err, lines: out.length }).toEqual({ code: 0, err: [], lines: 1 });
    expect(JSON.parse(out[0] ?? "")).toEqual(REPORT_B);
    expect(await runCli("report", "--repo", NAME, ...WINDOW, "--installation", String(A))).toEqual({
      code: 2,
      out: [],
      err: [`satisfaction-bot: --repo ${NAME} is not a repository the app has seen (see satisfaction-bot --help)`],
    });
  });
});
