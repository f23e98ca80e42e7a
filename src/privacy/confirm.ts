import { z } from "zod";
import type { Queryable } from "../db/types.js";
import { splitFullName } from "../github/octokit.js";
import { dropLoginFromWork, FORGOTTEN, isOptOutConfirmed, markOptOutConfirmed } from "../queries/privacy.js";
import type { WorkRef } from "../queries/work.js";
import { enqueueWork } from "../queries/work.js";
import { takeWrite } from "../queries/write-budget.js";
import type { WorkKind } from "../work/kind.js";
import { done } from "../work/kind.js";
import type { Forgotten } from "./forget.js";

/** Hidden in the reply, to tell it apart from other comments of the app. */
export const FORGET_ME_MARKER = "<!-- satisfaction-bot:forget-me -->";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What was deleted, one line each; zero counts left out. */
function deletedLines(forgotten: Forgotten): string[] {
  const lines: string[] = [];
  if (forgotten.surveys > 0 || forgotten.experiences > 0) {
    lines.push(
      `- deleted: ${count(forgotten.experiences, "rating", "ratings")} and ${count(forgotten.surveys, "survey", "surveys")} of yours`,
    );
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

/** The work kind that posts the confirmation reply. */
export const CONFIRM_FORGET_ME = "privacy.confirm";

// What the reply needs; the login only to mention the person, dropped if the reply fails for good.
const confirmationPayload = z.object({
  login: z.string().optional(),
  repository: z.string(),
  issueNumber: z.number().int(),
  experiences: z.number().int(),
  surveys: z.number().int(),
  issuesReported: z.number().int(),
  issuesAnswered: z.number().int(),
});

/** Queues the confirmation reply, in the transaction that forgot the person. */
export async function queueConfirmation(tx: Queryable, forgotten: Forgotten, at: Date): Promise<WorkRef> {
  const { installationId, person, repositoryFullName, issueNumber, experiences, surveys, issuesReported, issuesAnswered } = forgotten;
  const ref = { installationId, kind: CONFIRM_FORGET_ME, key: String(person.id) };
  const payload = {
    login: person.login,
    repository: repositoryFullName,
    issueNumber,
    experiences,
    surveys,
    issuesReported,
    issuesAnswered,
  };
  await enqueueWork(tx, { ...ref, repositoryId: null, payload, runAt: at });
  return ref;
}

/** Posting the confirmation of `/satisfaction forget-me` once, after the opt-out was committed, and recording it. */
export const confirmForgetMe: WorkKind = {
  name: CONFIRM_FORGET_ME,
  maxAttempts: 8,
  finalStatuses: [403, 404, 410, 422],
  async handle({ db, log, octokit, now }, item) {
    const userId = Number(item.key);
    if (await isOptOutConfirmed(db, item.installationId, userId)) return done("already_done");
    const payload = confirmationPayload.parse(item.payload);
    if (!(await takeWrite(db, item.installationId))) return { deferred: new Date(now.getTime() + 60_000) };
    const forgotten = {
      ...payload,
      installationId: item.installationId,
      person: { id: userId, login: payload.login ?? FORGOTTEN.login },
      repositoryFullName: payload.repository,
      firstTime: true,
    };
    const { owner, repo } = splitFullName(payload.repository);
    const { data } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: payload.issueNumber,
      body: forgetMeReply(forgotten),
    });
    await markOptOutConfirmed(db, item.installationId, userId, { commentId: data.id, at: new Date(data.created_at) });
    log.info({ installationId: item.installationId, commentId: data.id }, "forget-me confirmed");
    return done("posted");
  },
  onFailed: (tx, item) => dropLoginFromWork(tx, item.installationId, CONFIRM_FORGET_ME, item.key),
};
