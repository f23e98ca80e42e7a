import nock from "nock";
import { pino } from "pino";
import type { Probot } from "probot";
import type { Db } from "../../src/db/types.js";
import { API, reaction, receive, surveyCommentReply } from "../helpers/app.js";
import { commentOnIssuePayload, INSTALLATION_ID, issuesPayload, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { sweep } from "../survey/harness.js";
import { rowsOf } from "../webhooks/support.js";

/**
 * Two installations that share a repository: the same full name and the same repository id (two
 * GitHub Enterprise Server hosts, or a repository transferred between accounts, can produce that),
 * with the same issue numbers and even the same survey comment ids. Everything is driven through
 * the real app (webhooks, then the survey sweep) with GitHub mocked by nock.
 */

type Json = Record<string, unknown>;
type Person = { login: string; id: number; type: string };

export const A = INSTALLATION_ID; // 4242
export const B = 8484;
export const log = pino({ level: "silent" });

/** GitHub's example repository, as both installations see it. */
export const REPO = { id: 186_853_002, fullName: "Codertocat/Hello-World" };
const REPO_PATH = `/repos/${REPO.fullName}`;

export const OTHER_REPORTER: Person = { login: "other-user", id: 5_550_002, type: "User" };
export const THIRD_REPORTER: Person = { login: "third-user", id: 5_550_003, type: "User" };

/** The installation token GitHub hands each installation: different, so a request shows whose it is. */
export function tokenOf(installationId: number): string {
  return `ghs_installation_${installationId}`;
}

/** Expects one token request for `installationId`, at its own endpoint, answered with its own token. */
export function mockInstallationToken(installationId: number): nock.Scope {
  return nock(API)
    .post(`/app/installations/${installationId}/access_tokens`)
    .reply(201, { token: tokenOf(installationId), expires_at: "2099-01-01T00:00:00Z", permissions: { issues: "write" } });
}

/** GitHub as one installation may use it: a request matches only with that installation's token. */
function asInstallation(installationId: number): nock.Scope {
  return nock(API, { reqheaders: { authorization: `token ${tokenOf(installationId)}` } });
}

/** Expects the survey comment on issue `issueNumber`, posted with the installation's token, mentioning the reporter. */
export function expectSurveyPost(
  installationId: number,
  ask: { issueNumber: number; commentId: number; createdAt: string; reporterLogin: string },
): nock.Scope {
  return asInstallation(installationId)
    .post(
      `${REPO_PATH}/issues/${ask.issueNumber}/comments`,
      (body: { body?: string }) => body.body?.startsWith(`@${ask.reporterLogin} `) === true,
    )
    .reply(201, surveyCommentReply(ask.commentId, ask.createdAt));
}

/** Expects one read of a survey comment's reactions, with the installation's token. */
export function expectReactionsRead(installationId: number, commentId: number, reactions: unknown[]): nock.Scope {
  return asInstallation(installationId)
    .get(`${REPO_PATH}/issues/comments/${commentId}/reactions`)
    .query({ per_page: 100 })
    .reply(200, reactions, { etag: `"r${installationId}-${commentId}"` });
}

export type IssueSpec = {
  installationId: number;
  number: number;
  reporter: Person;
  createdAt: string;
  closedAt: string;
  title?: string;
  /** The survey comment GitHub answers with when the close is asked about. */
  commentId: number;
};

/** An issues.<action> payload of `spec`, in its installation's copy of the shared repository. */
export function issueEvent(action: "opened" | "closed" | "reopened" | "deleted", spec: IssueSpec, updatedAt?: string): Json {
  const payload = issuesPayload(action, {
    installationId: spec.installationId,
    number: spec.number,
    reporter: spec.reporter,
    createdAt: spec.createdAt,
    closedAt: spec.closedAt,
    ...(updatedAt ? { updatedAt } : {}),
  });
  if (spec.title) (payload.issue as Json).title = spec.title;
  return payload;
}

/** Closes the issue of `spec`, expecting its survey comment posted with its own installation's token. */
export async function closeAndAsk(probot: Probot, spec: IssueSpec): Promise<nock.Scope> {
  const asked = expectSurveyPost(spec.installationId, {
    issueNumber: spec.number,
    commentId: spec.commentId,
    createdAt: new Date(Date.parse(spec.closedAt) + 6_000).toISOString(),
    reporterLogin: spec.reporter.login,
  });
  await receive(probot, "issues", issueEvent("closed", spec));
  return asked;
}

/**
 * The shared scenario, in Codertocat/Hello-World (id 186853002) of both installations. Survey
 * comments are asked 6 s after each close; installation B's are given the same comment ids as A's.
 *
 *   A #1 octo-user   opened 11-02 10:00, closed 11-03 10:00, comment 900: 👍 by the reporter   → positive
 *   A #2 other-user  opened 11-02 11:00, closed 11-03 11:00, comment 901: ❤️ by the reporter   → positive
 *   B #1 octo-user   opened 10-20 09:00, closed 11-03 10:00, comment 900: 👎 by the reporter
 *                    (and a 👍 by other-user, which does not count)                           → negative
 *   B #2 octo-user   opened 11-02 11:00, closed 11-03 11:00, comment 901: 😕 by the reporter   → negative
 *                    first response by Codertocat (OWNER) at 11-02 13:00, 2 h after opening
 *   B #3 third-user  opened 11-02 12:00, closed 11-03 12:00, comment 902: no reaction yet     → pending
 *
 * B's issues have titles of their own ("B: ..."), A's keep the example's. Nobody in A responded.
 */
export const SCENARIO = {
  a1: {
    installationId: A,
    number: 1,
    reporter: REPORTER,
    createdAt: "2026-11-02T10:00:00Z",
    closedAt: "2026-11-03T10:00:00Z",
    commentId: 900,
  },
  a2: {
    installationId: A,
    number: 2,
    reporter: OTHER_REPORTER,
    createdAt: "2026-11-02T11:00:00Z",
    closedAt: "2026-11-03T11:00:00Z",
    commentId: 901,
  },
  b1: {
    installationId: B,
    number: 1,
    reporter: REPORTER,
    createdAt: "2026-10-20T09:00:00Z",
    closedAt: "2026-11-03T10:00:00Z",
    commentId: 900,
    title: "B: export fails",
  },
  b2: {
    installationId: B,
    number: 2,
    reporter: REPORTER,
    createdAt: "2026-11-02T11:00:00Z",
    closedAt: "2026-11-03T11:00:00Z",
    commentId: 901,
    title: "B: login loops",
  },
  b3: {
    installationId: B,
    number: 3,
    reporter: THIRD_REPORTER,
    createdAt: "2026-11-02T12:00:00Z",
    closedAt: "2026-11-03T12:00:00Z",
    commentId: 902,
    title: "B: slow search",
  },
} satisfies Record<string, IssueSpec>;

/** When the scenario's sweep runs: every survey's first read (10 min after asking) is due. */
export const SCENARIO_SWEEP_AT = new Date("2026-11-03T12:30:00Z");

/** Drives the scenario through the app: opens, the maintainer's comment, closes (surveys asked), then a sweep reads the reactions. */
export async function driveScenario(probot: Probot, db: Db): Promise<{ worked: number; installationsFailed: number }> {
  const { a1, a2, b1, b2, b3 } = SCENARIO;
  mockInstallationToken(A);
  mockInstallationToken(B);
  for (const spec of [a1, a2, b1, b2, b3]) await receive(probot, "issues", issueEvent("opened", spec));
  await receive(
    probot,
    "issue_comment",
    commentOnIssuePayload("created", issueEvent("opened", b2), {
      commenter: MAINTAINER,
      commenterAssociation: "OWNER",
      commentedAt: "2026-11-02T13:00:00Z",
      commentId: 77_002,
    }),
  );
  for (const spec of [a1, b1, a2, b2, b3]) await closeAndAsk(probot, spec);
  expectReactionsRead(A, 900, [reaction("+1", REPORTER)]);
  expectReactionsRead(A, 901, [reaction("heart", OTHER_REPORTER)]);
  expectReactionsRead(B, 900, [reaction("-1", REPORTER), reaction("+1", OTHER_REPORTER)]);
  expectReactionsRead(B, 901, [reaction("confused", REPORTER)]);
  expectReactionsRead(B, 902, []);
  return sweep({ db, log, octokitFor: (installationId) => probot.auth(installationId) }, SCENARIO_SWEEP_AT);
}

/** Every table that carries an installation_id, read from the schema (so a table added later is covered too). */
export async function installationTables(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ table_name: string }>(
    db,
    `SELECT c.table_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema() AND c.column_name = 'installation_id' ORDER BY c.table_name`,
  );
  return rows.map((row) => row.table_name);
}

/** All of one installation's rows, table by table (installations by its id), for before-and-after comparisons. */
export async function installationRows(db: Db, installationId: number): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {
    installations: await rowsOf(db, "SELECT * FROM installations WHERE id = $1", [installationId]),
  };
  for (const table of await installationTables(db)) {
    result[table] = await rowsOf(db, `SELECT * FROM ${table} t WHERE installation_id = $1 ORDER BY row_to_json(t)::text`, [installationId]);
  }
  return result;
}
