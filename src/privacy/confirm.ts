import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Octokit } from "../github/octokit.js";
import { splitFullName } from "../github/octokit.js";
import { FORGOTTEN, markOptOutConfirmed } from "../queries/privacy.js";
import type { Forgotten } from "./forget.js";

/** Hidden in the reply, to tell it apart from other comments of the app. */
export const FORGET_ME_MARKER = "<!-- satisfaction-bot:forget-me -->";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What was deleted, one line each; zero counts left out. */
function deletedLines(forgotten: Forgotten): string[] {
  const lines: string[] = [];
  if (forgotten.surveys > 0 || forgotten.experiences > 0) {
    lines.push(`- deleted: ${count(forgotten.experiences, "rating", "ratings")} and ${count(forgotten.surveys, "survey", "surveys")} of yours`);
  }
  if (forgotten.issuesReported > 0) {
    lines.push(
      `- removed: your login, user id and titles from ${count(forgotten.issuesReported, "issue", "issues")} you opened (now "${FORGOTTEN.login}")`,
    );
  }
  if (forgotten.issuesAnswered > 0) {
    lines.push(`- removed: your login from ${count(forgotten.issuesAnswered, "issue", "issues")} you first answered`);
  }
  return lines.length > 0 ? lines : ["- nothing had been stored about you"];
}

/** The reply to `/satisfaction forget-me`: who, what was deleted, and that they will not be asked again. */
export function forgetMeReply(forgotten: Forgotten): string {
  return [
    `@${forgotten.person.login} done: satisfaction-bot has forgotten you in the repositories of this installation.`,
    deletedLines(forgotten).join("\n"),
    "You will not be asked for feedback again: only your GitHub user id is kept, to know not to ask you. " +
      "Survey comments already posted stay on GitHub but are no longer read.",
    FORGET_ME_MARKER,
  ].join("\n\n");
}

/**
 * Posts the confirmation once, after the opt-out was committed, and records it. A failure is
 * logged, not thrown or retried: the opt-out itself is already durable.
 */
export async function confirmForgotten(db: Db, log: Logger, octokit: Octokit, forgotten: Forgotten): Promise<void> {
  const { installationId, person } = forgotten;
  try {
    const { owner, repo } = splitFullName(forgotten.repositoryFullName);
    const { data } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: forgotten.issueNumber,
      body: forgetMeReply(forgotten),
    });
    await markOptOutConfirmed(db, installationId, person.id, { commentId: data.id, at: new Date(data.created_at) });
    log.info({ installationId, commentId: data.id }, "forget-me confirmed");
  } catch (error) {
    log.error({ installationId, err: error }, "forget-me confirmation failed; the opt-out stands");
  }
}
