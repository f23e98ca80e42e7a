import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { ASK_SURVEY } from "../../src/queries/surveys.js";
import { askSurvey } from "../../src/survey/ask-survey.js";
import { API } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import type { Sweeper } from "../survey/harness.js";
import {
  at,
  commentsPath,
  createSweepProbot,
  experienceOf,
  MINUTE,
  reactionsPath,
  seedAskedSurvey,
  seedSurvey,
  surveyRow,
  sweep,
  sweeperFor,
} from "../survey/harness.js";

// GitHub's refusals that are not the survey's fault: rate limits are waited out as GitHub says, a
// suspended installation pauses; none of them abandons a survey or loses its experience.
const closedAt = new Date("2026-11-03T10:00:00Z");
const now = new Date("2026-11-03T10:00:05Z");

describe("GitHub errors during due work", () => {
  const { db } = useDatabase(createTestDatabase);
  let deps: Sweeper;
  beforeEach(async () => {
    deps = await sweeperFor(db(), createSweepProbot());
  });

  it("waits out a secondary rate limit on the survey comment for as long as retry-after says", async () => {
    const id = await seedSurvey(db(), { number: 1, closedAt });
    nock(API).post(commentsPath(1)).reply(403, { message: "You have exceeded a secondary rate limit." }, { "retry-after": "90" });
    await sweep(deps, now);
    // Waited out, not counted as an attempt.
    expect(await surveyRow(db(), id)).toMatchObject({ status: "to_ask", work: { kind: ASK_SURVEY, run_at: at(now, 90_000), attempts: 0 } });
    expect(await experienceOf(db(), id)).toMatchObject({ outcome: "pending" });
  });

  it("waits for x-ratelimit-reset when the primary limit is used up (429 too)", async () => {
    const id = await seedSurvey(db(), { number: 1, closedAt });
    const reset = Math.floor(at(now, 30 * MINUTE).getTime() / 1000);
    nock(API)
      .post(commentsPath(1))
      .reply(403, { message: "API rate limit exceeded" }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) });
    await sweep(deps, now);
    expect(await surveyRow(db(), id)).toMatchObject({ status: "to_ask", work: { run_at: new Date(reset * 1000), attempts: 0 } });

    // A rate-limited POST made no comment and is not counted: the retry posts again without looking
    // for one (an unmocked list of the comments would fail the test).
    nock(API).post(commentsPath(1)).reply(429, { message: "Too many requests" }, { "retry-after": "120" });
    await sweep(deps, new Date(reset * 1000));
    expect(await surveyRow(db(), id)).toMatchObject({
      status: "to_ask",
      work: { run_at: at(new Date(reset * 1000), 120_000), attempts: 0 },
    });
  });

  it("gives up after the last retry: the survey is failed, with its error, and no experience is counted", async () => {
    const id = await seedSurvey(db(), { number: 1, closedAt });
    // Every attempt but the last has been made.
    await db().query("UPDATE work SET attempts = $2 WHERE kind = $3 AND key = $1::text", [
      String(id),
      askSurvey.maxAttempts - 1,
      ASK_SURVEY,
    ]);
    nock(API).get(commentsPath(1)).query({ per_page: 100 }).reply(200, []);
    nock(API).post(commentsPath(1)).reply(502, { message: "Bad Gateway" });
    await sweep(deps, now);
    // The work stays, failed with its error, for `failures` to list and `retry` to put back.
    expect(await surveyRow(db(), id)).toMatchObject({
      status: "failed",
      work: { kind: ASK_SURVEY, state: "failed", attempts: askSurvey.maxAttempts, last_error: expect.stringContaining("Bad Gateway") },
    });
    expect(await sweep(deps, at(now, 24 * 60 * MINUTE))).toEqual({ worked: 0, installationsFailed: 0 });
    expect(await experienceOf(db(), id)).toBeNull();
  });

  it("pauses a suspended installation: its survey waits, untouched, until it is unsuspended", async () => {
    const askedAt = new Date("2026-11-03T10:00:06Z");
    const id = await seedAskedSurvey(db(), { number: 1, commentId: 900, askedAt });
    nock(API).get(reactionsPath(900)).query({ per_page: 100 }).reply(403, { message: "This installation has been suspended" });
    await sweep(deps, at(askedAt, 10 * MINUTE));
    const { rows } = await db().query("SELECT suspended_at FROM installations WHERE id = $1", [INSTALLATION_ID]);
    expect(rows).toEqual([{ suspended_at: at(askedAt, 10 * MINUTE) }]);
    // Its read waits, the attempt given back.
    expect(await surveyRow(db(), id)).toMatchObject({ status: "asked", work: { kind: "survey.read", state: "pending", attempts: 0 } });
    // Suspended: a later sweep makes no request at all (setup.ts fails the test on an unmocked one).
    await sweep(deps, at(askedAt, 60 * MINUTE));
    expect(await experienceOf(db(), id)).toMatchObject({ outcome: "pending" });
  });
});
