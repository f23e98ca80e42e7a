import nock from "nock";
import type { Db } from "../../src/db/types.js";
import { issueSchema } from "../../src/payloads.js";
import { storeIssueDocument } from "../../src/queries/knowledge-documents.js";
import { upsertIssue } from "../../src/queries/issues.js";
import { storeConfig } from "../../src/queries/repository-configs.js";
import { API } from "../helpers/app.js";
import { APP_BOT, INSTALLATION_ID, issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { contentsPath, REPO, seedRepository } from "../config/support.js";
import { REPO_PATH } from "../webhooks/support.js";

/** Shared by the knowledge-base suites: Codertocat/Hello-World with the knowledge base on, its FAQ, GitHub mocks. */

export { REPO };
export const REF = { installationId: INSTALLATION_ID, repositoryId: REPO.id };
export const KNOWLEDGE_CONFIG = { knowledge_base: { enabled: true, faq: ["docs/FAQ.md"] } };

export const FAQ = [
  "# Frequently asked questions",
  "",
  "## Installing behind a corporate proxy",
  "",
  "Set `HTTPS_PROXY` in the environment, or `proxy:` in widgets.yml, before running widgets install.",
  "",
  "```sh",
  "# Not a heading: inside a fence",
  "```",
  "",
  "## Exporting a report to CSV",
  "",
  "Run `widgets report --format csv > report.csv` to export the weekly report as a CSV file.",
].join("\n");

/** The repository stored with the knowledge base on (its configuration fresh: no file is read). */
export async function seedKnowledgeRepository(db: Db, config: unknown = KNOWLEDGE_CONFIG): Promise<void> {
  await seedRepository(db);
  await storeConfig(db, REF, config);
}

type Earlier = {
  number: number;
  title: string;
  body: string;
  state?: "open" | "closed";
  outcome?: "positive" | "negative" | "neutral" | null;
  language?: string;
};

/** An earlier issue with its search document and, unless `outcome` is null, its experience. */
export async function seedEarlierIssue(db: Db, earlier: Earlier): Promise<void> {
  const state = earlier.state ?? "closed";
  const payload = issuesPayload(state === "closed" ? "closed" : "opened", { number: earlier.number, closedAt: "2026-10-20T10:00:00Z" });
  const key = { ...REF, number: earlier.number };
  await upsertIssue(db, key, issueSchema.parse({ ...(payload.issue as object), title: earlier.title }));
  const at = new Date("2026-10-20T10:00:00Z");
  await storeIssueDocument(db, key, { title: earlier.title, body: earlier.body, language: earlier.language ?? "english", at });
  const outcome = earlier.outcome === undefined ? "positive" : earlier.outcome;
  if (outcome === null) return;
  const survey = await db.query<{ id: number }>(
    `INSERT INTO surveys (installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'answered') RETURNING id`,
    [INSTALLATION_ID, REPO.id, earlier.number, at, REPORTER.id, REPORTER.login],
  );
  await db.query(
    `INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome, answered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $6)`,
    [INSTALLATION_ID, REPO.id, earlier.number, survey.rows[0]!.id, REPORTER.id, at, outcome],
  );
}

/** Serves a FAQ file through the contents API (base64, as GitHub answers JSON). */
export function mockFaqFile(text: string = FAQ, path = "docs/FAQ.md", status = 200): nock.Scope {
  const body =
    status === 200
      ? { type: "file", encoding: "base64", content: Buffer.from(text).toString("base64"), sha: "abc", path }
      : { message: "Not Found" };
  return nock(API).get(contentsPath(REPO.full_name, path)).reply(status, body);
}

export const ANSWER_COMMENT = 4200;
export const ANSWER_NODE = "IC_kwDOanswer4200";
export const POSTED_AT = "2026-11-03T10:00:06Z";

/** Expects the one answer comment on issue `issueNumber`; its bodies are pushed to `bodies`. */
export function mockAnswerPost(bodies: string[], issueNumber = 20, commentId = ANSWER_COMMENT): nock.Scope {
  return nock(API)
    .post(`${REPO_PATH}/issues/${issueNumber}/comments`, (body: { body?: string }) => bodies.push(body.body ?? "") > 0)
    .reply(201, { id: commentId, node_id: ANSWER_NODE, body: "answer", created_at: POSTED_AT, user: APP_BOT });
}

/** Expects the GraphQL mutation hiding the answer comment as off-topic; its variables are pushed to `calls`. */
export function mockMinimize(calls: unknown[]): nock.Scope {
  return nock(API)
    .post("/graphql", (body: { query?: string; variables?: unknown }) => {
      calls.push({ query: body.query, variables: body.variables });
      return body.query?.includes("minimizeComment") === true;
    })
    .reply(200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } });
}
