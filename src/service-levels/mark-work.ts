import { z } from "zod";
import { storedConfigFor } from "../config/repository-config.js";
import { postCommentOnce } from "../github/comment-once.js";
import { addIssueLabels, currentIssue, removeIssueLabel } from "../github/issue-labels.js";
import { issueState } from "../queries/service-marks.js";
import { repositoryById } from "../queries/summary-candidates.js";
import { takeWrite } from "../queries/write-budget.js";
import type { WorkKind } from "../work/kind.js";
import { done } from "../work/kind.js";
import { LABEL_SERVICE_MARK } from "./plan-marks.js";
import { MEASURE_WORDS } from "./targets.js";

const markWorkSchema = z.object({
  number: z.number().int().positive(),
  target: z.string(),
  measure: z.enum(["first_response", "resolution"]),
  action: z.enum(["warning", "breach", "clear"]),
});

/** The one comment a warning may bring: the assignees mentioned, the target and measure named (labels as code). */
function warningComment(assignees: string[], work: z.infer<typeof markWorkSchema>, marker: string): string {
  const mentions = assignees.map((login) => `@${login}`).join(" ");
  const target = work.target
    .split(",")
    .map((label) => `\`${label.replace(/`/g, "'")}\``)
    .join(", ");
  return `${mentions}: this issue is close to breaching its ${MEASURE_WORDS[work.measure]} target (${target}).\n\n${marker}`;
}

/**
 * Puts a service-level label on an open issue (the warning, or the breach, which replaces the
 * warning), with one comment mentioning the assignees when asked; or takes a met warning's label off.
 * Never labels a closed issue: GitHub's state is checked first, not only the stored one.
 */
export const labelServiceMark: WorkKind = {
  name: LABEL_SERVICE_MARK,
  maxAttempts: 8,
  // The issue or the repository is gone, or the label cannot be set.
  finalStatuses: [404, 410, 422],
  async handle({ db, log, octokit, now }, item) {
    const work = markWorkSchema.parse(item.payload);
    const repository = item.repositoryId === null ? null : await repositoryById(db, item.installationId, item.repositoryId);
    if (!repository) return done("gone");
    const key = { installationId: item.installationId, repositoryId: repository.id, number: work.number };
    const state = await issueState(db, key);
    if (state === null || (state === "closed" && work.action !== "clear")) return done("closed");
    const { config } = await storedConfigFor(db, { installationId: key.installationId, repositoryId: key.repositoryId });
    const levels = config.service_levels;
    const meta = { installationId: key.installationId, repositoryId: key.repositoryId, issue: work.number, action: work.action };
    if (config.dry_run) {
      log.info(meta, "dry run: service-level label not changed");
      return done("dry_run");
    }
    const issue = { fullName: repository.fullName, number: work.number };
    if (work.action === "clear") {
      await removeIssueLabel(octokit, issue, levels.warning_label);
      return done("cleared");
    }
    const current = await currentIssue(octokit, issue);
    if (!current.open) return done("closed");
    await addIssueLabels(octokit, issue, [work.action === "breach" ? levels.breach_label : levels.warning_label]);
    if (work.action === "breach" && current.labels.includes(levels.warning_label))
      await removeIssueLabel(octokit, issue, levels.warning_label);
    if (work.action === "warning" && levels.mention_assignees && current.assignees.length > 0) {
      if (!(await takeWrite(db, key.installationId))) return { deferred: new Date(now.getTime() + 60_000) };
      // A retry looks for the comment an earlier attempt posted before it could finish.
      const marker = `<!-- satisfaction-bot:sla-warning:${item.key} -->`;
      const body = warningComment(current.assignees, work, marker);
      await postCommentOnce(octokit, {
        repositoryFullName: issue.fullName,
        issueNumber: issue.number,
        body,
        marker,
        retry: item.attempts > 1,
      });
    }
    log.info(meta, "service-level label set");
    return done(work.action);
  },
};
