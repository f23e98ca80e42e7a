import type { Logger } from "pino";
import { queueSummaryChat } from "../chat/queue-chat.js";
import type { Db } from "../db/types.js";
import type { RepositoryConfig } from "../config/schema.js";
import type { Octokit } from "../github/octokit.js";
import type { Conclusion } from "../github/summary-outputs.js";
import {
  closeIssue,
  createCheckRun,
  createIssue,
  findCheckRun,
  findIssueByMarker,
  headOfDefaultBranch,
} from "../github/summary-outputs.js";
import { summaryPageUrl } from "../github/web-url.js";
import type { SummaryKey } from "../queries/summaries.js";
import { markSummaryDone, previousSummaryIssue } from "../queries/summaries.js";
import { takeWrite } from "../queries/write-budget.js";
import { renderCheckRunOutput, renderSummary, summaryTitle } from "./render.js";
import type { Period, SummaryData } from "./types.js";

export const CHECK_RUN_NAME = "Satisfaction";

export type SummaryPost = {
  key: SummaryKey;
  /** Where it is posted: `owner/repo`, whether it is private, and the default branch when known. */
  target: { fullName: string; private: boolean; defaultBranch: string | null };
  period: Period;
  data: SummaryData;
  settings: Pick<RepositoryConfig["summary"], "labels" | "close_previous" | "threshold">;
  dryRun: boolean;
  /** Set for an organisation-wide summary: its title names the organisation. */
  organization: string | null;
  /** What goes to the installation's chat webhook, when one is set. */
  chat: RepositoryConfig["chat"];
};

export type PostOutcome = "posted" | "dry_run" | "deferred";

/** The stored summary being posted, and which attempt this is (a retry looks for an earlier post first). */
export type SummaryAttempt = { id: number; installationId: number; attempts: number };

/** The word for a period of each schedule, as the summary text uses it. */
export const PERIOD_NOUN = { weekly: "week", monthly: "month", daily: "day" } as const;

export function summaryMarker(key: SummaryKey): string {
  return `<!-- satisfaction-bot:summary:${key.scope}:${key.targetRepositoryId}:${key.periodKey}:${key.output} -->`;
}

/** Neutral without a satisfaction to judge; failure below the threshold or with an alert (a drop); else success. */
export function conclusionOf(satisfaction: number | null, threshold: number, alerts: readonly unknown[] = []): Conclusion {
  if (satisfaction === null) return "neutral";
  return satisfaction >= threshold && alerts.length === 0 ? "success" : "failure";
}

async function postIssue(octokit: Octokit, db: Db, post: SummaryPost, claim: SummaryAttempt, body: string): Promise<number> {
  const { fullName } = post.target;
  const marker = summaryMarker(post.key);
  const earlier = claim.attempts > 1 ? await findIssueByMarker(octokit, fullName, marker) : null;
  const title = summaryTitle(post.organization, post.period);
  const number = earlier ?? (await createIssue(octokit, fullName, { title, body, labels: post.settings.labels }));
  const previous = post.settings.close_previous ? await previousSummaryIssue(db, post.key) : null;
  if (previous !== null && previous !== number) await closeIssue(octokit, fullName, previous);
  return number;
}

async function postCheckRun(octokit: Octokit, post: SummaryPost, claim: SummaryAttempt): Promise<number> {
  const { fullName, defaultBranch } = post.target;
  const headSha = await headOfDefaultBranch(octokit, fullName, defaultBranch);
  const externalId = `${post.key.scope}:${post.key.targetRepositoryId}:${post.key.periodKey}`;
  const earlier = claim.attempts > 1 ? await findCheckRun(octokit, fullName, headSha, CHECK_RUN_NAME, externalId) : null;
  if (earlier !== null) return earlier;
  const options = { marker: summaryMarker(post.key), periodNoun: PERIOD_NOUN[post.period.schedule] };
  return createCheckRun(octokit, fullName, {
    name: CHECK_RUN_NAME,
    headSha,
    conclusion: conclusionOf(post.data.current.model.satisfaction, post.settings.threshold, post.data.alerts),
    output: renderCheckRunOutput(post.data, options),
    externalId,
  });
}

/**
 * Posts one stored summary (its work makes it once per (target, period, output) across every
 * instance). A failure is thrown: the work engine retries it. `deferred`: the write budget is spent.
 */
export async function postSummary(
  deps: { db: Db; log: Logger },
  octokit: Octokit,
  post: SummaryPost,
  claim: SummaryAttempt,
  now: Date,
): Promise<PostOutcome> {
  const { db, log } = deps;
  const context = {
    installationId: post.key.installationId,
    repositoryId: post.key.targetRepositoryId,
    period: post.key.periodKey,
    output: post.key.output,
  };
  const body = renderSummary(post.data, { marker: summaryMarker(post.key), periodNoun: PERIOD_NOUN[post.period.schedule] });
  if (post.dryRun) {
    // A private repository's summary stays out of info-level logs: its text is logged at debug.
    const text = { title: summaryTitle(post.organization, post.period), body };
    if (post.target.private) log.debug({ ...context, ...text }, "dry run: summary text");
    log.info({ ...context, ...(post.target.private ? {} : text) }, "dry run: summary not posted");
    await markSummaryDone(db, claim, { status: "dry_run", githubNumber: null, at: now });
    return "dry_run";
  }
  if (!(await takeWrite(db, post.key.installationId))) {
    log.info(context, "write budget of the minute spent; summary deferred");
    return "deferred";
  }
  const githubNumber =
    post.key.output === "issue" ? await postIssue(octokit, db, post, claim, body) : await postCheckRun(octokit, post, claim);
  // Posted and its chat messages queued together: a posted summary goes to chat once.
  const link = summaryPageUrl(octokit, post.target.fullName, post.key.output, githubNumber);
  await db.transaction(async (tx) => {
    await markSummaryDone(tx, claim, { status: "posted", githubNumber, at: now });
    await queueSummaryChat(tx, { ...post, noun: PERIOD_NOUN[post.period.schedule], link, targetPrivate: post.target.private }, now);
  });
  log.info({ ...context, githubNumber }, "summary posted");
  return "posted";
}
