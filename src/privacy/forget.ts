import type { Queryable } from "../db/types.js";
import type { CommentEvent } from "../payloads.js";
import { deleteLinkedDeskIdentities } from "../queries/desk-experiences.js";
import { forgetKnowledgeOf } from "../queries/knowledge-privacy.js";
import { deletePersonSurveys, recordOptOut, scrubReporter, scrubResponder } from "../queries/privacy.js";

/** What forgetting a person did, and what the confirmation needs (the login only to mention them). */
export type Forgotten = {
  installationId: number;
  person: { id: number; login: string };
  repositoryFullName: string;
  issueNumber: number;
  /** False when the person had already left: no second confirmation. */
  firstTime: boolean;
  experiences: number;
  surveys: number;
  issuesReported: number;
  issuesAnswered: number;
};

const COMMAND = /^\/satisfaction\s+forget-me$/i;
const FENCE = /^(```|~~~)/;

/** Whether a comment holds `/satisfaction forget-me` alone on a line (any case; not in a fenced code block). */
export function isForgetMeCommand(body: string | null | undefined): boolean {
  let inFence = false;
  for (const line of (body ?? "").split(/\r\n|\r|\n/)) {
    const text = line.trim();
    if (FENCE.test(text)) inFence = !inFence;
    else if (!inFence && COMMAND.test(text)) return true;
  }
  return false;
}

/**
 * Forgets a person in one installation: records that they left (their user id only), deletes their
 * surveys and experiences (a desk's too, under an identity linked to them, and the links), the
 * knowledge base's text of their issues and its answers to them, and takes their login (and titles)
 * off the issues they reported or first answered. Safe to repeat: a second time finds little or
 * nothing, and reports `firstTime: false`.
 */
export async function forgetPerson(
  tx: Queryable,
  installationId: number,
  person: { id: number; login: string },
  at: Date,
): Promise<Omit<Forgotten, "repositoryFullName" | "issueNumber">> {
  const firstTime = await recordOptOut(tx, installationId, person.id, at);
  const { experiences: surveyed, surveys } = await deletePersonSurveys(tx, installationId, person.id);
  const desk = await deleteLinkedDeskIdentities(tx, installationId, person.id);
  const experiences = surveyed + desk.experiences;
  await forgetKnowledgeOf(tx, installationId, person.id);
  const issuesReported = await scrubReporter(tx, installationId, person.id);
  const issuesAnswered = await scrubResponder(tx, installationId, person);
  return { installationId, person, firstTime, experiences, surveys, issuesReported, issuesAnswered };
}

/** A comment on an issue: when a person (not a bot) asks to be forgotten, forgets them. */
export async function forgetIfAsked(tx: Queryable, event: CommentEvent): Promise<Forgotten | null> {
  const { comment } = event;
  if (comment.user.type === "Bot" || comment.performed_via_github_app) return null;
  if (event.issue.pull_request !== undefined) return null;
  if (!isForgetMeCommand(comment.body)) return null;
  const person = { id: comment.user.id, login: comment.user.login };
  const done = await forgetPerson(tx, event.installation.id, person, comment.created_at);
  return { ...done, repositoryFullName: event.repository.full_name, issueNumber: event.issue.number };
}
