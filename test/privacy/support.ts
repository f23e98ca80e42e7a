import nock from "nock";
import type { Probot } from "probot";
import type { Db } from "../../src/db/types.js";
import { API, mockToken, receive } from "../helpers/app.js";
import { commentOnIssuePayload, issuesPayload } from "../helpers/fixtures.js";
import { mockSurveyPost, REPO_PATH, rowsOf } from "../webhooks/support.js";

type Json = Record<string, unknown>;
type Person = { login: string; id: number; type: string };

export const OTHER_REPORTER = { login: "other-user", id: 5_550_002, type: "User" };
export const OTHER_INSTALLATION = 5151;
export const OTHER_REPO = { id: 999_001, full_name: "Codertocat/Other-Repo", private: true };
export const OTHER_REPO_PATH = "/repos/Codertocat/Other-Repo";

/**
 * Installation 4242: the reporter's issue 1 and the other reporter's issue 2 in Codertocat/Hello-World,
 * the reporter's issue 3 in Codertocat/Other-Repo; installation 5151 has a repository of the same
 * name with the reporter's issue 1. Every close was asked about. Returns the close of issue 1.
 */
export async function seed(probot: Probot): Promise<Record<string, unknown>> {
  mockToken();
  mockToken(undefined, OTHER_INSTALLATION);
  mockSurveyPost({ commentId: 900 });
  mockSurveyPost({ commentId: 901, issueNumber: 2, reporterLogin: OTHER_REPORTER.login });
  mockSurveyPost({ commentId: 902, issueNumber: 3, repoPath: OTHER_REPO_PATH });
  mockSurveyPost({ commentId: 903 });
  const closed = issuesPayload("closed");
  await receive(probot, "issues", closed);
  await receive(probot, "issues", issuesPayload("closed", { number: 2, reporter: OTHER_REPORTER }));
  await receive(probot, "issues", issuesPayload("closed", { number: 3, repository: OTHER_REPO }));
  await receive(probot, "issues", issuesPayload("closed", { installationId: OTHER_INSTALLATION }));
  return closed;
}

/** An issue_comment.created payload on the issue of `issuesEvent`, by `commenter`, with `body`. */
export function commentWithBody(
  issuesEvent: Json,
  commenter: Person,
  body: string,
  options: { association?: string; commentedAt?: string; commentId?: number; pullRequest?: boolean } = {},
): Json {
  const payload = commentOnIssuePayload("created", issuesEvent, {
    commenter,
    commenterAssociation: options.association ?? "NONE",
    commentedAt: options.commentedAt ?? "2026-11-04T09:00:00Z",
    commentId: options.commentId ?? 88_001,
    pullRequest: options.pullRequest ?? false,
  });
  (payload.comment as Json).body = body;
  return payload;
}

/** Expects the one confirmation reply, on `repoPath` issue `issueNumber`, mentioning `login`. */
export function mockConfirmation(
  login: string,
  options: { issueNumber?: number; repoPath?: string; commentId?: number; check?: (body: string) => boolean } = {},
): nock.Scope {
  const { issueNumber = 1, repoPath = REPO_PATH, commentId = 990, check = () => true } = options;
  return nock(API)
    .post(`${repoPath}/issues/${issueNumber}/comments`, (body: { body?: string }) => {
      const text = body.body ?? "";
      return text.startsWith(`@${login} done:`) && check(text);
    })
    .reply(201, {
      id: commentId,
      body: "confirmed",
      created_at: "2026-11-04T09:00:02Z",
      user: { login: "satisfaction-bot[bot]", id: 1, type: "Bot" },
    });
}

/** Every stored row of an installation, as JSON text, to search for what identifies a person. */
export async function installationRowsText(db: Db, installationId: number): Promise<string> {
  const texts: string[] = [];
  for (const table of ["installations", "repositories", "issues", "surveys", "experiences", "deliveries", "opt_outs", "work"]) {
    const column = table === "installations" ? "id" : "installation_id";
    const rows = await rowsOf<{ text: string }>(db, `SELECT row_to_json(t)::text AS text FROM ${table} t WHERE ${column} = $1`, [
      installationId,
    ]);
    texts.push(...rows.map((row) => row.text));
  }
  return texts.join("\n");
}

/** One installation's rows, by table (its queued work too), for before-and-after comparisons. */
export async function snapshot(db: Db, installationId: number): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of ["issues", "surveys", "experiences", "opt_outs", "work"]) {
    result[table] = await rowsOf(db, `SELECT * FROM ${table} WHERE installation_id = $1 ORDER BY 1, 2, 3`, [installationId]);
  }
  // Every comment is counted in its issue's conversation (who answered, not who they are): a repeated
  // or ignored command is still a comment, so the counts are left out of what must not change.
  for (const issue of result.issues as Record<string, unknown>[]) {
    delete issue.reporter_comments;
    delete issue.bot_comments;
    delete issue.others_commented;
  }
  return result;
}
