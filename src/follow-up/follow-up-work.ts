import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import { configFor, storedConfigFor } from "../config/repository-config.js";
import type { RepositoryConfig } from "../config/schema.js";
import { postCommentOnce } from "../github/comment-once.js";
import { addIssueLabels } from "../github/issue-labels.js";
import type { Octokit } from "../github/octokit.js";
import { httpStatus, isFinalRefusal } from "../github/octokit.js";
import type { FollowUpTarget } from "../queries/follow-ups.js";
import { FOLLOW_UP_REPLY, followUpForWork, markFollowedUp, reviseNegativeAnswer } from "../queries/follow-ups.js";
import { takeWrite } from "../queries/write-budget.js";
import type { WorkKind } from "../work/kind.js";
import { done } from "../work/kind.js";
import { currentAnswer } from "./current-answer.js";
import { followUpMarker, followUpReply } from "./message.js";

/** Why a follow-up is not made on this issue: reopened since, open, locked, or a reporter who left. */
function blockedBy(target: FollowUpTarget): string | null {
  if (target.reporterOptedOut) return "opted_out";
  if (target.issueOpen || target.reopenedSinceClose) return "reopened";
  if (target.locked) return "locked";
  return null;
}

/** The repository's configuration: the stored one while fresh, else read from GitHub again. */
async function repositoryConfig(deps: { db: Db; log: Logger }, octokit: Octokit, target: FollowUpTarget): Promise<RepositoryConfig> {
  const ref = { installationId: target.installationId, repositoryId: target.repositoryId, fullName: target.repositoryFullName };
  const stored = await storedConfigFor(deps.db, ref);
  return (stored.fresh ? stored : await configFor(deps, octokit, ref)).config;
}

/** Labels the issue, then (unless switched off) replies once; returns the reply, or null with the label only. */
async function followUp(octokit: Octokit, target: FollowUpTarget, config: RepositoryConfig, attempts: number) {
  const { label, enabled, message, mention } = config.follow_up;
  if (label !== null) await addIssueLabels(octokit, { fullName: target.repositoryFullName, number: target.issueNumber }, [label]);
  if (!enabled) return null;
  return postCommentOnce(octokit, {
    repositoryFullName: target.repositoryFullName,
    issueNumber: target.issueNumber,
    body: followUpReply(target.reporterLogin, target.id, { message, mention }),
    marker: followUpMarker(target.id),
    retry: attempts > 1,
  });
}

/**
 * The follow-up of a negative answer: the issue gets the configured label and, unless switched off,
 * one reply thanking the reporter and asking what went wrong, once the answer is read again and found
 * still negative. GitHub refusing for good (the issue gone or locked) ends it without a retry.
 */
export const followUpNegativeAnswer: WorkKind = {
  name: FOLLOW_UP_REPLY,
  maxAttempts: 8,
  finalStatuses: [],
  async handle({ db, log, octokit, now }, item) {
    const target = await followUpForWork(db, item.installationId, Number(item.key));
    if (target?.outcome !== "negative") return done("gone");
    if (target.followedUpAt !== null) return done("already_done");
    const ids = { experienceId: target.id, installationId: target.installationId, repositoryId: target.repositoryId };
    const blocked = blockedBy(target);
    if (blocked) {
      log.info({ ...ids, blocked }, "follow-up not made");
      return done(blocked);
    }
    const config = await repositoryConfig({ db, log }, octokit, target);
    if (!config.enabled || (config.follow_up.label === null && !config.follow_up.enabled)) return done("switched_off");
    if (config.dry_run) {
      log.info({ ...ids, label: config.follow_up.label, reply: config.follow_up.enabled }, "dry run: follow-up not posted");
      return done("dry_run");
    }
    const answer = await currentAnswer(octokit, target);
    if (answer !== "unknown" && (answer === "withdrawn" || answer.outcome !== "negative")) {
      if (answer !== "withdrawn") await reviseNegativeAnswer(db, target, answer);
      log.info({ ...ids, answer: answer === "withdrawn" ? answer : answer.outcome }, "answer no longer negative; no follow-up");
      return done("answer_changed");
    }
    if (!(await takeWrite(db, target.installationId))) {
      log.info(ids, "write budget of the minute spent; follow-up deferred");
      return { deferred: new Date(now.getTime() + 60_000) };
    }
    let reply;
    try {
      reply = await followUp(octokit, target, config, item.attempts);
    } catch (error) {
      if (!isFinalRefusal(error)) throw error;
      log.warn({ ...ids, status: httpStatus(error), err: error }, "follow-up ended: GitHub says the issue cannot take it");
      return done("cannot_follow_up");
    }
    if (reply === null) return done("labelled");
    await markFollowedUp(db, target, { commentId: reply.id, at: reply.createdAt });
    log.info({ ...ids, commentId: reply.id }, "follow-up posted");
    return done("replied");
  },
};
