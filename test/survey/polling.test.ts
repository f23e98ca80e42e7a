import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { API, reaction } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { REPORTER } from "../helpers/fixtures.js";
import type { Sweeper } from "./harness.js";
import {
  at,
  createSweepProbot,
  DAY,
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
const STEPS = [10 * MINUTE, HOUR, 6 * HOUR, DAY, 3 * DAY, 7 * DAY, 14 * DAY];

/** Mocks `times` reads of the comment's reactions (others only), recording the If-None-Match sent. */
function mockReads(commentId: number, times: number) {
  const sent: (string | undefined)[] = [];
  nock(API)
    .get(reactionsPath(commentId))
    .query({ per_page: 100 })
    .times(times)
    .reply(function () {
      sent.push(this.req.headers["if-none-match"]);
      return [200, othersReactions(2, "-1"), { etag: `"r${sent.length}"` }];
    });
  return sent;
}

describe.each(backends)("reading reactions on schedule on $name", ({ create }) => {
  const { db } = useDatabase(create);
  let deps: Sweeper;
  beforeEach(async () => {
    deps = await sweeperFor(db(), createSweepProbot());
  });

  it("does not read a survey asked at T before T+10min, and reads it once at T+10min", async () => {
    const id = await seedAskedSurvey(db(), { number: 1, commentId: 900, askedAt });
    const sent = mockReads(900, 1);

    expect(await sweep(deps, at(askedAt, 10 * MINUTE - 1000))).toEqual({ worked: 0, installationsFailed: 0 });
    expect(sent).toHaveLength(0);
    expect((await surveyRow(db(), id)).work).toMatchObject({ kind: "survey.read", run_at: at(askedAt, 10 * MINUTE), attempts: 0 });

    expect(await sweep(deps, at(askedAt, 10 * MINUTE))).toEqual({ worked: 1, installationsFailed: 0 });
    expect(sent).toEqual([undefined]);
    const survey = await surveyRow(db(), id);
    // The read found no answer: read again at the next step, its attempts counted afresh.
    expect(survey).toMatchObject({
      status: "asked",
      poll_count: 1,
      reactions_etag: '"r1"',
      work: { kind: "survey.read", run_at: at(askedAt, HOUR), attempts: 0 },
    });
  });

  it("reads once at each step, nothing between steps, and expires as neutral at the window end", async () => {
    const id = await seedAskedSurvey(db(), { number: 1, commentId: 900, askedAt });
    const sent = mockReads(900, STEPS.length);

    let previous = 0;
    for (const [index, step] of STEPS.entries()) {
      // Just after the previous read and just before this step: nothing is due.
      await sweep(deps, at(askedAt, previous + MINUTE));
      await sweep(deps, at(askedAt, step - 1000));
      expect(sent, `reads before step ${index}`).toHaveLength(index);

      await sweep(deps, at(askedAt, step));
      expect(sent, `reads at step ${index}`).toHaveLength(index + 1);
      previous = step;
    }

    // Each read after the first is conditional on the ETag of the one before.
    expect(sent).toEqual([undefined, '"r1"', '"r2"', '"r3"', '"r4"', '"r5"', '"r6"']);
    const survey = await surveyRow(db(), id);
    expect(survey).toMatchObject({ status: "expired", work: null, ended_at: at(askedAt, 14 * DAY), poll_count: 7 });
    expect(await experienceOf(db(), id)).toEqual({ outcome: "neutral", answered_at: null });

    await sweep(deps, at(askedAt, 30 * DAY));
    expect(sent).toHaveLength(STEPS.length);
  });

  it("after a sweep was down for days, reads once and resumes at the next step", async () => {
    const id = await seedAskedSurvey(db(), { number: 1, commentId: 900, askedAt });
    const sent = mockReads(900, 1);

    await sweep(deps, at(askedAt, 2 * DAY + 5 * HOUR));
    expect(sent).toHaveLength(1);
    expect(await surveyRow(db(), id)).toMatchObject({ status: "asked", work: { run_at: at(askedAt, 3 * DAY) }, poll_count: 1 });

    await sweep(deps, at(askedAt, 3 * DAY - 1000));
    expect(sent).toHaveLength(1);
  });

  it("settles as answered at the step where the reporter's reaction first shows", async () => {
    const id = await seedAskedSurvey(db(), { number: 1, commentId: 900, askedAt });
    const first = mockReads(900, 1);
    await sweep(deps, at(askedAt, 10 * MINUTE));
    nock(API)
      .get(reactionsPath(900))
      .query({ per_page: 100 })
      .matchHeader("if-none-match", '"r1"')
      .reply(200, [...othersReactions(2, "-1"), reaction("rocket", REPORTER, "2026-11-03T10:40:00Z")], { etag: '"r2"' });

    await sweep(deps, at(askedAt, HOUR));
    expect(first).toHaveLength(1);
    expect(await surveyRow(db(), id)).toMatchObject({ status: "answered", work: null, poll_count: 2 });
    expect(await experienceOf(db(), id)).toEqual({ outcome: "positive", answered_at: new Date("2026-11-03T10:40:00Z") });
  });

  it("expires a survey first read after its window ended with one read, as neutral", async () => {
    const id = await seedAskedSurvey(db(), { number: 1, commentId: 900, askedAt });
    const sent = mockReads(900, 1);

    await sweep(deps, at(askedAt, 20 * DAY));
    expect(sent).toHaveLength(1);
    expect(await surveyRow(db(), id)).toMatchObject({ status: "expired", ended_at: at(askedAt, 14 * DAY) });
    expect(await experienceOf(db(), id)).toEqual({ outcome: "neutral", answered_at: null });
  });
});
