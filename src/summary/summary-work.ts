import { moveSubjectStatus } from "../queries/retry.js";
import { POST_SUMMARY, summaryForWork } from "../queries/summaries.js";
import type { WorkKind } from "../work/kind.js";
import { done } from "../work/kind.js";
import { organizationSummaryPost } from "./organization-summary.js";
import { postSummary } from "./post-summary.js";
import { repositorySummaryPost } from "./repository-summary.js";

/** Posting a planned summary (an issue or a check run); one that failed at every retry ends 'failed'. */
export const postSummaryWork: WorkKind = {
  name: POST_SUMMARY,
  maxAttempts: 8,
  finalStatuses: [],
  async handle(context, item) {
    const summary = await summaryForWork(context.db, item.installationId, Number(item.key));
    if (summary?.status !== "pending") return done("already_done");
    const build = summary.scope === "repository" ? repositorySummaryPost : organizationSummaryPost;
    const post = await build(context, context.octokit, summary);
    if (!post) return done("target_gone");
    const outcome = await postSummary(context, context.octokit, post, { ...summary, attempts: item.attempts }, context.now);
    return outcome === "deferred" ? { deferred: new Date(context.now.getTime() + 60_000) } : done(outcome);
  },
  onFailed: (tx, item) =>
    moveSubjectStatus(tx, "summaries", { installationId: item.installationId, id: Number(item.key) }, { from: "pending", to: "failed" }),
  async onRetry(tx, item) {
    await moveSubjectStatus(
      tx,
      "summaries",
      { installationId: item.installationId, id: Number(item.key) },
      { from: "failed", to: "pending" },
    );
    return null;
  },
};
