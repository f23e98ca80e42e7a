import nock from "nock";
import type { Db } from "../../src/db/types.js";
import { ASK_SURVEY, READ_REACTIONS } from "../../src/queries/surveys.js";
import { API, surveyCommentReply } from "../helpers/app.js";
import { example, REPORTER } from "../helpers/fixtures.js";

/** Shared by the webhook suites: row counts and reads, GitHub mocks. */

export const TABLES = ["installations", "repositories", "issues", "surveys", "experiences", "deliveries"] as const;
export type Table = (typeof TABLES)[number];

/** How many rows each table holds. */
export async function countRows(db: Db): Promise<Record<Table, number>> {
  const counts = {} as Record<Table, number>;
  for (const table of TABLES) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
}

export const NO_ROWS: Record<Table, number> = {
  installations: 0,
  repositories: 0,
  issues: 0,
  surveys: 0,
  experiences: 0,
  deliveries: 0,
};

/** Each survey (`s`) with its queued work (`w`: asking it, or reading its reactions), if it has any. */
export const SURVEYS_WITH_WORK = `surveys s LEFT JOIN work w
  ON w.installation_id = s.installation_id AND w.kind IN ('${ASK_SURVEY}', '${READ_REACTIONS}') AND w.key = s.id::text`;

export async function rowsOf<R = Record<string, unknown>>(db: Db, sql: string, params: unknown[] = []): Promise<R[]> {
  return (await db.query<R>(sql, params)).rows;
}

export const REPO_PATH = "/repos/Codertocat/Hello-World";

/**
 * Expects the survey comment POST on `repoPath` issue `issueNumber`, mentioning the reporter; GitHub
 * answers with comment `commentId` created at `createdAt`.
 */
export function mockSurveyPost(
  options: { issueNumber?: number; commentId?: number; createdAt?: string; repoPath?: string; reporterLogin?: string } = {},
): nock.Scope {
  const { issueNumber = 1, commentId = 900, createdAt = "2026-11-03T10:00:06Z", repoPath = REPO_PATH } = options;
  const mention = `@${options.reporterLogin ?? REPORTER.login} `;
  return nock(API)
    .post(`${repoPath}/issues/${issueNumber}/comments`, (body: { body?: string }) => body.body?.startsWith(mention) === true)
    .reply(201, surveyCommentReply(commentId, createdAt));
}

/** Expects one read of a comment's reactions (first page, 100 a page). */
export function mockReactionsRead(commentId: number, reactions: unknown[], repoPath: string = REPO_PATH): nock.Scope {
  return nock(API)
    .get(`${repoPath}/issues/comments/${commentId}/reactions`)
    .query({ per_page: 100 })
    .reply(200, reactions, { etag: `"r${commentId}"` });
}

/**
 * GitHub's repository.<action> example (the one with an installation when there is one), about
 * `repository` and sent to `installationId`. GitHub's examples have no repository.deleted: it is made
 * from repository.publicized, as the payload of every repository action has the same shape.
 */
export function repositoryPayload(
  action: "publicized" | "privatized" | "renamed" | "deleted" | "transferred",
  repository: { id: number; full_name: string; private: boolean },
  installationId: number,
): Record<string, unknown> {
  const payload = example(
    "repository",
    action === "deleted" ? "publicized" : action,
    (candidate) => Boolean(candidate.installation) || action !== "transferred",
  );
  const [owner = "", name = ""] = repository.full_name.split("/");
  const previous = payload.repository as { owner: Record<string, unknown> };
  payload.action = action;
  payload.repository = { ...previous, ...repository, name, owner: { ...previous.owner, login: owner } };
  payload.installation = { id: installationId, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  return payload;
}
