import type { RepositoryConfig } from "../config/schema.js";
import { configFor } from "../config/repository-config.js";
import { postCommentOnce } from "../github/comment-once.js";
import { httpStatus, isFinalRefusal } from "../github/octokit.js";
import { webBaseUrl } from "../github/web-url.js";
import type { AnswerForWork } from "../queries/knowledge-answers.js";
import { answerForWork, endUnposted, markAnswerPosted, POST_ANSWER } from "../queries/knowledge-answers.js";
import { alignLanguage } from "../queries/knowledge-documents.js";
import type { KnowledgeMatch } from "../queries/knowledge-search.js";
import { searchKnowledge } from "../queries/knowledge-search.js";
import { takeWrite } from "../queries/write-budget.js";
import { nextPollAt, windowEnd } from "../survey/schedule.js";
import type { WorkContext, WorkKind, WorkOutcome } from "../work/kind.js";
import { done } from "../work/kind.js";
import { answerComment, answerMarker, matchUrl } from "./answer-comment.js";
import { ensureFaqLoaded } from "./faq.js";

/** Why the issue gets no answer any more: closed meanwhile, locked, or a reporter who asked to be forgotten. */
function blockedBy(answer: AnswerForWork): string | null {
  if (!answer.issueOpen) return "issue_closed";
  if (answer.locked) return "locked";
  if (answer.reporterOptedOut) return "opted_out";
  return null;
}

/** The repository's best matches for the issue's query, its FAQ read first when it never was. */
async function bestMatches(context: WorkContext, answer: AnswerForWork, config: RepositoryConfig): Promise<KnowledgeMatch[]> {
  const { db, log, octokit, now } = context;
  const kb = config.knowledge_base;
  const repository = { installationId: answer.installationId, repositoryId: answer.repositoryId, fullName: answer.repositoryFullName };
  await ensureFaqLoaded({ db, log }, octokit, repository, kb, now);
  await alignLanguage(db, repository, kb.language);
  return searchKnowledge(db, {
    ...repository,
    issueNumber: answer.issueNumber,
    lexemes: answer.lexemes ?? [],
    queryKey: answer.queryKey,
    language: kb.language,
    minScore: kb.min_score,
    limit: kb.max_links,
  });
}

/** Posts the comment once (a retry looks for the marker first) and records it, with the first read of its reactions. */
async function post(context: WorkContext, answer: AnswerForWork, matches: KnowledgeMatch[], config: RepositoryConfig, attempts: number) {
  const { db, octokit } = context;
  const links = matches.map((match) => ({
    match,
    url: matchUrl(webBaseUrl(octokit), { fullName: answer.repositoryFullName, defaultBranch: answer.defaultBranch }, match),
  }));
  const comment = await postCommentOnce(octokit, {
    repositoryFullName: answer.repositoryFullName,
    issueNumber: answer.issueNumber,
    body: answerComment(answer, links),
    marker: answerMarker(answer.id),
    retry: attempts > 1,
  });
  const windowEndsAt = windowEnd(comment.createdAt, config.survey.window_days);
  await markAnswerPosted(db, answer, {
    commentId: comment.id,
    nodeId: comment.nodeId,
    postedAt: comment.createdAt,
    windowEndsAt,
    links: matches.map((match) => ({ key: match.linkKey })),
    nextReadAt: nextPollAt(comment.createdAt, windowEndsAt, comment.createdAt) ?? windowEndsAt,
  });
  return comment;
}

/**
 * The knowledge-base answer of a new issue: searches what the repository knows and, when the best
 * matches clear `min_score`, posts one comment with at most `max_links` links. Nothing is posted on
 * an issue closed or locked meanwhile, under `dry_run`, or once the knowledge base is switched off.
 */
export const postAnswer: WorkKind = {
  name: POST_ANSWER,
  maxAttempts: 8,
  finalStatuses: [],
  async handle(context, item): Promise<WorkOutcome> {
    const { db, log, octokit, now } = context;
    const answer = await answerForWork(db, item.installationId, Number(item.key));
    if (answer?.status !== "to_post") return done("gone");
    const ids = { answerId: answer.id, installationId: answer.installationId, repositoryId: answer.repositoryId };
    const blocked = blockedBy(answer);
    const repository = { installationId: answer.installationId, repositoryId: answer.repositoryId, fullName: answer.repositoryFullName };
    const config = blocked ? null : (await configFor({ db, log }, octokit, repository)).config;
    if (!config?.enabled || !config.knowledge_base.enabled) {
      await endUnposted(db, answer, "skipped");
      log.info({ ...ids, blocked: blocked ?? "switched_off" }, "no knowledge-base answer");
      return done(blocked ?? "switched_off");
    }
    const matches = await bestMatches(context, answer, config);
    if (matches.length === 0 || config.dry_run) {
      await endUnposted(db, answer, matches.length === 0 ? "no_match" : "skipped");
      if (config.dry_run) log.info({ ...ids, links: matches.map((match) => match.linkKey) }, "dry run: knowledge-base answer not posted");
      return done(matches.length === 0 ? "no_match" : "dry_run");
    }
    if (!(await takeWrite(db, answer.installationId))) {
      log.info(ids, "write budget of the minute spent; knowledge-base answer deferred");
      return { deferred: new Date(now.getTime() + 60_000) };
    }
    try {
      const comment = await post(context, answer, matches, config, item.attempts);
      log.info({ ...ids, commentId: comment.id, links: matches.length }, "knowledge-base answer posted");
      return done("posted");
    } catch (error) {
      if (!isFinalRefusal(error)) throw error;
      await endUnposted(db, answer, "cancelled");
      log.warn({ ...ids, status: httpStatus(error), err: error }, "knowledge-base answer cancelled: GitHub says the issue cannot take it");
      return done("cancelled");
    }
  },
  onFailed: (tx, item) => endUnposted(tx, { installationId: item.installationId, id: Number(item.key) }, "failed"),
};
