import nock from "nock";
import type { Db } from "../../src/db/types.js";
import { FOLLOW_UP_REPLY, markFollowedUp } from "../../src/queries/follow-ups.js";
import { storeConfig } from "../../src/queries/repository-configs.js";
import { finishSurvey } from "../../src/queries/survey-progress.js";
import { READ_REACTIONS } from "../../src/queries/surveys.js";
import { deleteWork } from "../../src/queries/work.js";
import { API, reaction } from "../helpers/app.js";
import { APP_BOT, INSTALLATION_ID, REPORTER } from "../helpers/fixtures.js";
import { at, MINUTE, REPO, repoPath, seedAskedSurvey } from "../survey/harness.js";
import { rowsOf } from "../webhooks/support.js";

/** Shared by the follow-up suites: a negative answer on issue 1 of Codertocat/Hello-World, GitHub mocks, the rows to check. */

export const ASKED_AT = new Date("2026-11-03T10:00:06Z");
export const ANSWERED_AT = new Date("2026-11-03T10:05:00Z");
/** The follow-up of the answer at 10:05 is due 15 minutes later. */
export const DUE = new Date("2026-11-03T10:20:00Z");
export const SURVEY_COMMENT = 900;
export const REPLY_COMMENT = 950;
export const REPLY_AT = "2026-11-03T10:20:01Z";
export const MARKER = /<!-- satisfaction-bot:follow-up:(\d+) -->/;

/**
 * A survey asked at ASKED_AT on issue 1 whose reading found the reporter's 👎 at ANSWERED_AT: the
 * experience is negative and its follow-up queued, due at DUE, as the survey read leaves them.
 * `config`: the repository's configuration, stored fresh (the follow-up then reads no file).
 */
export async function seedNegativeAnswer(db: Db, config: unknown = {}): Promise<{ surveyId: number; experienceId: number }> {
  const surveyId = await seedAskedSurvey(db, { number: 1, commentId: SURVEY_COMMENT, askedAt: ASKED_AT });
  await storeConfig(db, { installationId: INSTALLATION_ID, repositoryId: REPO.id }, config);
  const followUpAt = at(ANSWERED_AT, 15 * MINUTE);
  await finishSurvey(
    db,
    { installationId: INSTALLATION_ID, id: surveyId },
    { status: "answered", outcome: "negative", at: ANSWERED_AT, followUpAt },
  );
  // The read that found the answer is done: its work goes, as the engine deletes done work.
  await deleteWork(db, INSTALLATION_ID, [READ_REACTIONS], [String(surveyId)]);
  const { rows } = await db.query<{ id: number }>("SELECT id FROM experiences WHERE survey_id = $1", [surveyId]);
  return { surveyId, experienceId: rows[0]!.id };
}

/** A negative answer whose follow-up reply (REPLY_COMMENT) was posted at `repliedAt`: its work done. */
export async function seedFollowedUp(db: Db, repliedAt: Date): Promise<number> {
  const { experienceId } = await seedNegativeAnswer(db);
  await markFollowedUp(db, { installationId: INSTALLATION_ID, id: experienceId }, { commentId: REPLY_COMMENT, at: repliedAt });
  await db.query("DELETE FROM work WHERE kind = $1", [FOLLOW_UP_REPLY]);
  return experienceId;
}

/** Expects the survey comment's reactions read again: the reporter's 👎 still there unless `reactions` says otherwise. */
export function mockAnswerReread(reactions: unknown[] = [reaction("-1", REPORTER, ANSWERED_AT.toISOString())]): nock.Scope {
  return nock(API).get(`${repoPath}/issues/comments/${SURVEY_COMMENT}/reactions`).query({ per_page: 100 }).reply(200, reactions);
}

/** Expects `label` added to issue 1. */
export function mockLabel(label = "satisfaction-negative", status = 200): nock.Scope {
  return nock(API)
    .post(`${repoPath}/issues/1/labels`, (body: { labels?: string[] }) => JSON.stringify(body.labels) === JSON.stringify([label]))
    .reply(status, status === 200 ? [{ id: 1, name: label }] : { message: "Not Found" });
}

/** Expects the follow-up reply on issue 1; its bodies are pushed to `bodies`. */
export function mockReply(bodies: string[] = [], reply: { id?: number; createdAt?: string; status?: number } = {}): nock.Scope {
  const { id = REPLY_COMMENT, createdAt = REPLY_AT, status = 201 } = reply;
  return nock(API)
    .post(`${repoPath}/issues/1/comments`, (body: { body?: string }) => bodies.push(body.body ?? "") > 0)
    .reply(status, status === 201 ? { id, body: "follow-up", created_at: createdAt, user: APP_BOT } : { message: "failed" });
}

export type FollowUpRow = {
  outcome: string;
  followed_up_at: Date | null;
  follow_up_comment_id: number | null;
  reason: string | null;
  reason_comment_id: number | null;
};

/** The experience's outcome, follow-up and reason. */
export async function followUpOf(db: Db, experienceId: number): Promise<FollowUpRow | null> {
  const rows = await rowsOf<FollowUpRow>(
    db,
    "SELECT outcome, followed_up_at, follow_up_comment_id, reason, reason_comment_id FROM experiences WHERE id = $1",
    [experienceId],
  );
  return rows[0] ?? null;
}

/** The queued follow-ups: key, state, when, attempts. */
export async function followUpWork(db: Db): Promise<{ key: string; state: string; run_at: Date; attempts: number }[]> {
  return rowsOf(db, "SELECT key, state, run_at, attempts FROM work WHERE kind = $1 ORDER BY key", [FOLLOW_UP_REPLY]);
}
