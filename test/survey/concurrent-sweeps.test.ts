import nock from "nock";
import { describe, expect, it } from "vitest";
import { setInstallationSuspended } from "../../src/queries/installations.js";
import { markRepositoryRemoved } from "../../src/queries/repositories.js";
import { ASK_SURVEY, READ_REACTIONS } from "../../src/queries/surveys.js";
import { API, reaction, surveyCommentReply } from "../helpers/app.js";
import { WRITES_PER_MINUTE } from "../../src/queries/write-budget.js";
import { useSecondInstance } from "../helpers/db.js";
import { SURVEYS_WITH_WORK } from "../webhooks/support.js";
import { INSTALLATION_ID, REPORTER } from "../helpers/fixtures.js";
import {
  at,
  commentsPath,
  createSweepProbot,
  HOUR,
  MINUTE,
  OTHER_REPO,
  othersReactions,
  reactionsPath,
  seedAskedSurvey,
  seedSurvey,
  surveyRow,
  sweep,
  sweeperFor,
} from "./harness.js";

const askedAt = new Date("2026-11-03T10:00:06Z");
const now = at(askedAt, 10 * MINUTE);
const count = (tally: Map<number, number>, key: number) => tally.set(key, (tally.get(key) ?? 0) + 1);
const range = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

describe("two sweeps racing on one PostgreSQL database", () => {
  const { db, secondPool } = useSecondInstance();

  /** Two instances sweeping the work queue (workDue): each its own pool on the same database, its own Probot and Octokit. */
  async function raceSweeps(when: Date) {
    const first = await sweeperFor(db(), createSweepProbot());
    const second = await sweeperFor(secondPool(), createSweepProbot());
    const results = await Promise.all([sweep(first, when), sweep(second, when)]);
    return results.reduce((sum, result) => sum + result.worked, 0);
  }

  /** Mocks reads of each survey comment; any survey read twice, or never, shows in the tally. */
  function mockReactionReads(surveys: number) {
    const reads = new Map<number, number>();
    for (const n of range(surveys)) {
      const commentId = 1000 + n;
      nock(API)
        .get(reactionsPath(commentId))
        .query({ per_page: 100 })
        .times(2)
        .optionally()
        .reply(() => {
          count(reads, commentId);
          // Even issues are answered; odd ones wait for the next step.
          const answer = n % 2 === 0 ? [reaction("+1", REPORTER, "2026-11-03T10:05:00Z")] : [];
          return [200, [...othersReactions(2, "-1"), ...answer], { etag: `"c${commentId}"` }];
        });
    }
    return reads;
  }

  it.each([20, 120])("reads each of %i due surveys' reactions exactly once in total", async (surveys) => {
    for (const n of range(surveys)) await seedAskedSurvey(db(), { number: n, commentId: 1000 + n, askedAt });
    const reads = mockReactionReads(surveys);

    const worked = await raceSweeps(now);

    expect(worked).toBe(surveys);
    expect([...reads.keys()].sort((a, b) => a - b)).toEqual(range(surveys).map((n) => 1000 + n));
    expect([...reads.values()].every((times) => times === 1)).toBe(true);
    const { rows } = await db().query<{ status: string; n: number; queued: number; leased: number }>(
      `SELECT s.status, count(*)::int AS n, count(w.id)::int AS queued, count(w.locked_until)::int AS leased
       FROM ${SURVEYS_WITH_WORK} GROUP BY s.status ORDER BY s.status`,
    );
    // The answered ones are done with; the others wait for their next read, held by no instance.
    expect(rows).toEqual([
      { status: "answered", n: surveys / 2, queued: 0, leased: 0 },
      { status: "asked", n: surveys / 2, queued: surveys / 2, leased: 0 },
    ]);
    const waiting = await db().query(
      `SELECT 1 FROM ${SURVEYS_WITH_WORK} WHERE s.status = 'asked' AND (w.kind IS DISTINCT FROM $2 OR w.run_at <> $1 OR w.attempts <> 0)`,
      [at(askedAt, HOUR), READ_REACTIONS],
    );
    expect(waiting.rowCount).toBe(0);
  });

  it.each([20, 60])("posts exactly %i survey comments for as many due surveys, never two on one issue", async (surveys) => {
    const ids = new Map<number, number>();
    for (const n of range(surveys)) ids.set(n, await seedSurvey(db(), { number: n, closedAt: askedAt }));
    const posts = new Map<number, number>();
    for (const n of range(surveys)) {
      nock(API)
        .post(commentsPath(n))
        .times(2)
        .optionally()
        .reply(() => {
          count(posts, n);
          return [201, surveyCommentReply(2000 + n, now.toISOString())];
        });
    }

    const worked = await raceSweeps(now);

    expect(worked).toBe(surveys);
    expect([...posts.values()].reduce((sum, times) => sum + times, 0)).toBe(surveys);
    expect([...posts.keys()].sort((a, b) => a - b)).toEqual(range(surveys));
    expect([...posts.entries()].filter(([, times]) => times !== 1)).toEqual([]);
    for (const n of range(surveys)) {
      expect(await surveyRow(db(), ids.get(n)!)).toMatchObject({
        status: "asked",
        comment_id: 2000 + n,
        work: { kind: READ_REACTIONS, state: "pending", locked_until: null },
      });
    }
  });

  it("keeps both instances together within the installation's write budget, deferring the rest", async () => {
    const ids = range(120).map((n) => n);
    for (const n of ids) await seedSurvey(db(), { number: n, closedAt: askedAt });
    const posts = new Map<number, number>();
    for (const n of ids) {
      nock(API)
        .post(commentsPath(n))
        .optionally()
        .reply(() => {
          count(posts, n);
          return [201, surveyCommentReply(2000 + n, now.toISOString())];
        });
    }
    await raceSweeps(now);

    const posted = [...posts.values()].reduce((sum, times) => sum + times, 0);
    const minutes = (await db().query("SELECT count(*)::int AS n FROM write_budget")).rows[0] as { n: number };
    // At most WRITES_PER_MINUTE comments in each minute the race touched (one, unless it crossed a minute).
    expect(posted).toBeGreaterThanOrEqual(WRITES_PER_MINUTE);
    expect(posted).toBeLessThanOrEqual(WRITES_PER_MINUTE * minutes.n);
    expect([...posts.values()].every((times) => times === 1)).toBe(true);
    const statuses = await db().query<{ status: string; kind: string; attempts: number; leased: number; n: number }>(
      `SELECT s.status, w.kind, w.attempts, count(w.locked_until)::int AS leased, count(*)::int AS n
       FROM ${SURVEYS_WITH_WORK} GROUP BY 1, 2, 3 ORDER BY 1`,
    );
    // The asked ones wait for their first read; the deferred ones wait to be asked, with no attempt counted against them.
    expect(statuses.rows).toEqual([
      { status: "asked", kind: READ_REACTIONS, attempts: 0, leased: 0, n: posted },
      ...(posted < 120 ? [{ status: "to_ask", kind: ASK_SURVEY, attempts: 0, leased: 0, n: 120 - posted }] : []),
    ]);
  });

  it("claims no survey of a suspended installation or of a removed repository", async () => {
    const due = await seedSurvey(db(), { number: 1, closedAt: askedAt });
    const suspended = await seedSurvey(db(), { number: 2, closedAt: askedAt, installationId: INSTALLATION_ID + 1 });
    await setInstallationSuspended(db(), INSTALLATION_ID + 1, askedAt);
    const removed = await seedSurvey(db(), { number: 3, closedAt: askedAt, repository: OTHER_REPO });
    await markRepositoryRemoved(db(), INSTALLATION_ID, OTHER_REPO.id, askedAt);
    nock(API).post(commentsPath(1)).reply(201, surveyCommentReply(2001, now.toISOString()));

    const worked = await raceSweeps(now);

    expect(worked).toBe(1);
    expect(await surveyRow(db(), due)).toMatchObject({ status: "asked", comment_id: 2001 });
    for (const id of [suspended, removed]) {
      expect(await surveyRow(db(), id)).toMatchObject({
        status: "to_ask",
        comment_id: null,
        work: { kind: ASK_SURVEY, attempts: 0, locked_until: null },
      });
    }
  });
});
