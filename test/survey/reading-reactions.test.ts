import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { API, reaction } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { REPORTER } from "../helpers/fixtures.js";
import type { Sweeper } from "./harness.js";
import {
  at,
  createSweepProbot,
  experienceOf,
  HOUR,
  MINUTE,
  othersReactions,
  reactionsPath,
  seedAskedSurvey,
  surveyRow,
  sweep,
  sweeperFor,
} from "./harness.js";

const askedAt = new Date("2026-11-03T10:00:06Z");
const firstRead = at(askedAt, 10 * MINUTE);
const page2Link = `<${API}${reactionsPath(900)}?per_page=100&page=2>; rel="next", <${API}${reactionsPath(900)}?per_page=100&page=2>; rel="last"`;

const reads = () => nock(API).get(reactionsPath(900)).query({ per_page: 100 });
const page2 = () => nock(API).get(reactionsPath(900)).query({ per_page: 100, page: 2 });

describe.each(backends)("one read of a survey's reactions on $name", ({ create }) => {
  const { db } = useDatabase(create);
  let deps: Sweeper;
  let id: number;
  beforeEach(async () => {
    deps = await sweeperFor(db(), createSweepProbot());
    id = await seedAskedSurvey(db(), { number: 1, commentId: 900, askedAt });
  });

  it("sends the stored ETag as If-None-Match; a 304 keeps the survey open and reschedules it", async () => {
    reads().reply(200, othersReactions(3), { etag: 'W/"v1"' });
    await sweep(deps, firstRead);
    expect(await surveyRow(db(), id)).toMatchObject({ reactions_etag: 'W/"v1"', poll_count: 1 });

    const conditional = reads().matchHeader("if-none-match", 'W/"v1"').reply(304);
    await sweep(deps, at(askedAt, HOUR));

    expect(conditional.isDone()).toBe(true);
    const survey = await surveyRow(db(), id);
    expect(survey).toMatchObject({ status: "asked", reactions_etag: 'W/"v1"', poll_count: 2, work: { last_error: null } });
    expect(survey.work?.run_at).toEqual(at(askedAt, 6 * HOUR));
    expect(await experienceOf(db(), id)).toEqual({ outcome: "pending", answered_at: null });
  });

  it("reads every page: the reporter's reaction on page 2 of 2 answers the survey", async () => {
    reads().reply(200, [...othersReactions(99, "-1"), reaction("confused", { id: 8_100_000, login: "x" })], {
      etag: '"p1"',
      link: page2Link,
    });
    page2().reply(200, [...othersReactions(3, "laugh"), reaction("hooray", REPORTER, "2026-11-03T10:07:00Z")], { etag: '"p2"' });

    await sweep(deps, firstRead);

    expect(await surveyRow(db(), id)).toMatchObject({ status: "answered", work: null, ended_at: new Date("2026-11-03T10:07:00Z") });
    expect(await experienceOf(db(), id)).toEqual({ outcome: "positive", answered_at: new Date("2026-11-03T10:07:00Z") });
  });

  // GitHub lists reactions oldest first: a reaction added to a comment that already has 100 lands on
  // page 2 while page 1 stays unchanged, so a multi-page list must not be checked by page 1's ETag.
  it("sees a reporter's reaction that lands on page 2 after a multi-page read", async () => {
    reads().reply(200, othersReactions(100), { etag: '"p1"', link: page2Link });
    page2().reply(200, othersReactions(5, "heart"), { etag: '"p2"' });
    await sweep(deps, firstRead);

    // Page 1 is unchanged (304 to its ETag); the reporter's 👍 is on page 2.
    reads().reply(function () {
      if (this.req.headers["if-none-match"] === '"p1"') return [304, ""];
      return [200, othersReactions(100), { etag: '"p1"', link: page2Link }];
    });
    page2()
      .optionally()
      .reply(200, [...othersReactions(5, "heart"), reaction("+1", REPORTER, "2026-11-03T10:30:00Z")], { etag: '"p2b"' });
    await sweep(deps, at(askedAt, HOUR));

    expect(await experienceOf(db(), id)).toEqual({ outcome: "positive", answered_at: new Date("2026-11-03T10:30:00Z") });
  });

  it("ends the survey as comment_deleted, neutral, when the comment's reactions answer 404", async () => {
    reads().reply(404, { message: "Not Found" });

    await sweep(deps, firstRead);

    expect(await surveyRow(db(), id)).toMatchObject({ status: "comment_deleted", work: null, ended_at: firstRead });
    expect(await experienceOf(db(), id)).toEqual({ outcome: "neutral", answered_at: null });
    expect(await sweep(deps, at(askedAt, 20 * 24 * HOUR))).toEqual({ worked: 0, installationsFailed: 0 });
  });

  it("keeps the survey asked after a 502 and retries after the first backoff (2 minutes), the experience untouched", async () => {
    reads().reply(502, { message: "Bad Gateway" });
    await sweep(deps, firstRead);

    const failed = await surveyRow(db(), id);
    expect(failed).toMatchObject({ status: "asked", poll_count: 0, work: { kind: "survey.read", attempts: 1, locked_until: null } });
    expect(failed.work?.last_error).toMatch(/Bad Gateway/);
    // Backoff after the first failed attempt: 2^1 minutes.
    expect(failed.work?.run_at).toEqual(at(firstRead, 2 * MINUTE));
    expect(await experienceOf(db(), id)).toEqual({ outcome: "pending", answered_at: null });

    expect(await sweep(deps, at(firstRead, 2 * MINUTE - 1000))).toEqual({ worked: 0, installationsFailed: 0 });
    reads().reply(200, [reaction("-1", REPORTER, "2026-11-03T10:12:00Z")], { etag: '"v2"' });
    await sweep(deps, at(firstRead, 2 * MINUTE));

    expect(await surveyRow(db(), id)).toMatchObject({ status: "answered", work: null });
    expect(await experienceOf(db(), id)).toEqual({ outcome: "negative", answered_at: new Date("2026-11-03T10:12:00Z") });
  });
});
