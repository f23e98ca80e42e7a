import type { RepositoryConfig } from "../config/schema.js";
import type { Queryable } from "../db/types.js";
import type { IssueEvent, IssuePayload } from "../payloads.js";
import { retitleIssue } from "../queries/issues.js";
import { editIssueDocument, storeIssueDocument } from "../queries/knowledge-documents.js";
import { issueKey } from "../tracking/record-issue.js";

// The team: their issues are not support requests (the rule of SUPPORT_ISSUE in src/queries/scope.ts).
const TEAM_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/** An issue opened by someone outside the team: not a bot, not the owner, a member or a collaborator. */
export function isSupportIssue(issue: IssuePayload): boolean {
  return issue.user.type !== "Bot" && !TEAM_ASSOCIATIONS.has(issue.author_association) && issue.pull_request === undefined;
}

/** Whether the repository answers this new issue from its knowledge base. */
export function answersIssue(issue: IssuePayload, config: RepositoryConfig): boolean {
  return config.enabled && config.knowledge_base.enabled && isSupportIssue(issue);
}

/** Of an issue's body, what is searched and kept: the title and this many characters of the body. */
export const BODY_CHARACTERS = 4000;

/** The text a new issue is searched with: its title and the start of its body. */
export function queryText(issue: IssuePayload): string {
  return `${issue.title}\n${(issue.body ?? "").slice(0, BODY_CHARACTERS)}`;
}

/**
 * A close that opened a survey, of a support issue in a repository with the knowledge base on:
 * its title and bounded body are kept as a search document, linked only once the reporter's
 * answer is positive (and while the issue stays closed).
 */
export async function keepSearchDocument(tx: Queryable, event: IssueEvent, config: RepositoryConfig): Promise<void> {
  if (!answersIssue(event.issue, config) || event.issue.closed_at === null) return;
  await storeIssueDocument(tx, issueKey(event), {
    title: event.issue.title,
    body: (event.issue.body ?? "").slice(0, BODY_CHARACTERS),
    language: config.knowledge_base.language,
    at: event.issue.closed_at,
  });
}

/** An edited issue: what is stored of its text (its title, its search document) follows the edit. */
export async function followIssueEdit(tx: Queryable, event: IssueEvent): Promise<void> {
  const key = issueKey(event);
  await retitleIssue(tx, key, event.issue.title);
  await editIssueDocument(tx, key, { title: event.issue.title, body: (event.issue.body ?? "").slice(0, BODY_CHARACTERS) });
}
