import { describe, expect, it } from "vitest";
import { backfillPage } from "../../src/backfill/backfill-page.js";
import { backfillWindow, queueBackfill } from "../../src/backfill/queue-backfill.js";
import type { Db, Queryable } from "../../src/db/types.js";
import { nextPendingRun } from "../../src/queries/backfill-runs.js";
import { createTestApp, createTestProbot, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, issuesPayload, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";
import {
  commentsPage,
  EDGE,
  HELPER,
  issueCommentsPage,
  issueRows,
  issuesPage,
  log,
  mockScenario,
  mockToken,
  NOW,
  REPO,
  restComment,
  restIssue,
  runRows,
  SCENARIO,
  SCENARIO_ISSUES,
  seedRepository,
  SINCE,
  startBackfill,
  sweepAt,
  sweepUntilIdle,
} from "./support.js";

const queue = (db: Queryable, since = SINCE, now = NOW) =>
  queueBackfill(db, INSTALLATION_ID, [REPO.id], { ...backfillWindow(now, 90), since: new Date(since) });

/** The database as a process sees it that dies while storing a page: the `nth` statement in a transaction matching `pattern` fails. */
function crashingAt(db: Db, pattern: RegExp, nth: number): Db {
  let seen = 0;
  const guard = (tx: Queryable): Queryable => ({
    ...tx,
    query: (text, params, prepareAs) => {
      if (pattern.test(text) && ++seen === nth) return Promise.reject(new Error("process killed"));
      return tx.query(text, params, prepareAs);
    },
  });
  return {
    ...db,
    query: db.query.bind(db),
    exec: db.exec.bind(db),
    transaction: (fn) => db.transaction((tx) => fn(guard(tx))),
    close: () => db.close(),
  };
}

describe.each(backends)("a backfill stopped and resumed on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("a process stopped after counting a page's comments but before its cursor moved counts them once, on the page's next read", async () => {
    await startBackfill(db());
    mockToken();
    mockScenario(3);
    // The cursor's third move (after the first comment page) fails: that page's counts roll back with it.
    await sweepUntilIdle(crashingAt(db(), /^UPDATE backfill_runs SET phase/, 3), NOW);
    expect(await rowsOf(db(), "SELECT phase, page, comments FROM backfill_runs")).toEqual([{ phase: "comments", page: 1, comments: 0 }]);
    expect(await rowsOf(db(), "SELECT reporter_comments, bot_comments FROM issues WHERE number = 1")).toEqual([
      { reporter_comments: 0, bot_comments: 0 },
    ]);

    mockToken();
    commentsPage(SINCE, 1, SCENARIO.comments1, { next: true });
    commentsPage(EDGE.comments2, 1, SCENARIO.comments2);
    issueCommentsPage(3, 1, SCENARIO.older3);
    await sweepUntilIdle(db(), new Date(NOW.getTime() + 10 * 60_000));

    expect(await issueRows(db())).toEqual(SCENARIO_ISSUES);
    expect(await rowsOf(db(), "SELECT status, comments FROM backfill_runs")).toEqual([{ status: "done", comments: 7 }]);
  });

  it("two workers that read the same page (a lease ran out) store it once", async () => {
    await startBackfill(db());
    const probot = createTestProbot();
    mockToken();
    mockScenario(3);
    commentsPage(SINCE, 1, SCENARIO.comments1, { next: true });
    const context = { db: db(), log, octokit: await probot.auth(INSTALLATION_ID), now: NOW };
    for (let page = 0; page < 2; page++) await backfillPage(context, (await nextPendingRun(db(), INSTALLATION_ID))!);

    const run = (await nextPendingRun(db(), INSTALLATION_ID))!;
    expect(await backfillPage(context, run)).toMatchObject({ run: "moved" });
    expect(await backfillPage(context, run)).toMatchObject({ run: "stale" });

    expect(await rowsOf(db(), "SELECT phase, cursor_since, comments FROM backfill_runs")).toEqual([
      { phase: "comments", cursor_since: new Date(EDGE.comments2), comments: 2 },
    ]);
    expect(await rowsOf(db(), "SELECT reporter_comments, bot_comments FROM issues WHERE number = 1")).toEqual([
      { reporter_comments: 1, bot_comments: 1 },
    ]);
  });

  it("a later backfill further back imports what the first did not, and never counts a conversation an earlier one counted", async () => {
    await startBackfill(db());
    mockToken();
    mockScenario();
    await sweepUntilIdle(db(), NOW);

    // Asked again (say from the command line) since August: #5 is new; #1 and its comments are listed again.
    const again = new Date("2026-11-30T18:00:00Z");
    await queue(db(), "2026-08-01T00:00:00Z", again);
    const issue5 = restIssue({ number: 5, createdAt: "2026-08-10T10:00:00Z", updatedAt: "2026-08-12T10:00:00Z", comments: 1 });
    mockToken();
    issuesPage("2026-08-01T00:00:00Z", 1, [issue5, ...SCENARIO.issues1]);
    commentsPage("2026-08-01T00:00:00Z", 1, [
      restComment(501, 5, HELPER, "NONE", "2026-08-11T10:00:00Z"),
      ...SCENARIO.comments1,
      ...SCENARIO.comments2,
    ]);
    await sweepUntilIdle(db(), again);

    const rows = await issueRows(db());
    expect(rows.filter((row) => row.number !== 5)).toEqual(SCENARIO_ISSUES);
    expect(rows.find((row) => row.number === 5)).toMatchObject({
      first_any_response_at: new Date("2026-08-11T10:00:00Z"),
      others_commented: true,
    });
    expect(await runRows(db())).toEqual([
      expect.objectContaining({ status: "done", issues: 3, comments: 7 }),
      expect.objectContaining({ status: "done", since: new Date("2026-08-01T00:00:00Z"), issues: 1, comments: 1 }),
    ]);
  });

  it("keeps what newer webhooks recorded: the state, title and labels of a later event, and the comments they counted", async () => {
    const { probot } = createTestApp(db(), () => NOW);
    await seedRepository(db(), new Date("2026-10-02T00:00:00Z"));
    // Reopened on 11-29, retitled and relabelled: newer than what the listing (updated 10-05) says.
    const reopened = issuesPayload("reopened", {
      createdAt: "2026-10-01T10:00:00Z",
      updatedAt: "2026-11-29T10:00:00Z",
      labels: ["bug", "confirmed"],
    });
    (reopened.issue as Record<string, unknown>).title = "Newer title";
    await receive(probot, "issues", reopened);
    // The webhooks counted the reporter's comment of 10-02 12:00 (the app was installed by then) .
    await receive(probot, "issue_comment", {
      ...reopened,
      action: "created",
      comment: { ...restComment(110, 1, REPORTER, "NONE", "2026-10-02T12:00:00Z"), user: { ...REPORTER } },
    });
    await db().transaction((tx) =>
      queueBackfill(tx, INSTALLATION_ID, [REPO.id], { since: new Date(SINCE), countsBefore: new Date("2026-10-02T00:00:00Z"), now: NOW }),
    );
    mockToken();
    mockScenario();
    await sweepUntilIdle(db(), NOW, probot);

    const [one] = await issueRows(db());
    expect(one).toMatchObject({
      state: "open",
      closed_at: null,
      title: "Newer title",
      labels: ["bug", "confirmed"],
      // Before the app was installed: c101 (the reporter, counted), c102 (a bot, counted); after it, the
      // webhooks counted (c110; c104 and c105 came after 10-02 too, and are the first responses anyway).
      reporter_comments: 2,
      bot_comments: 1,
      first_response_at: new Date("2026-10-03T09:00:00Z"),
      first_responder_login: MAINTAINER.login,
      first_any_response_at: new Date("2026-10-02T09:00:00Z"),
    });
    expect(await rowsOf(db(), "SELECT count(*)::int AS n FROM surveys")).toEqual([{ n: 0 }]);
    expect(await sweepAt(db(), NOW)).toMatchObject({ worked: 0 });
  });
});
