import type { Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import { discussionAnswered } from "./handlers/discussion-answered.js";
import { discussionCategoryChanged } from "./handlers/discussion-category-changed.js";
import { discussionClosed } from "./handlers/discussion-closed.js";
import { discussionCommentCreated } from "./handlers/discussion-comment-created.js";
import { discussionCommentDeleted } from "./handlers/discussion-comment-deleted.js";
import { discussionCreated } from "./handlers/discussion-created.js";
import { discussionDeleted } from "./handlers/discussion-deleted.js";
import { discussionEdited } from "./handlers/discussion-edited.js";
import { discussionReopened } from "./handlers/discussion-reopened.js";
import { discussionTransferred } from "./handlers/discussion-transferred.js";
import { discussionUnanswered } from "./handlers/discussion-unanswered.js";
import { installationCreated } from "./handlers/installation-created.js";
import { installationDeleted } from "./handlers/installation-deleted.js";
import { installationNewPermissionsAccepted } from "./handlers/installation-new-permissions-accepted.js";
import { installationRepositoriesAdded } from "./handlers/installation-repositories-added.js";
import { installationRepositoriesRemoved } from "./handlers/installation-repositories-removed.js";
import { installationSuspend } from "./handlers/installation-suspend.js";
import { installationUnsuspend } from "./handlers/installation-unsuspend.js";
import { issueCommentCreated } from "./handlers/issue-comment-created.js";
import { issueCommentDeleted } from "./handlers/issue-comment-deleted.js";
import { issueCommentEdited } from "./handlers/issue-comment-edited.js";
import { issuesClosed } from "./handlers/issues-closed.js";
import { issuesDeleted } from "./handlers/issues-deleted.js";
import { issuesLabeled } from "./handlers/issues-labeled.js";
import { issuesOpened } from "./handlers/issues-opened.js";
import { issuesEdited } from "./handlers/issues-edited.js";
import { issuesReopened } from "./handlers/issues-reopened.js";
import { issuesTransferred } from "./handlers/issues-transferred.js";
import { issuesUnlabeled } from "./handlers/issues-unlabeled.js";
import { push } from "./handlers/push.js";
import { repositoryChanged } from "./handlers/repository-changed.js";
import { repositoryDeleted } from "./handlers/repository-deleted.js";
import { repositoryTransferred } from "./handlers/repository-transferred.js";

/**
 * The Probot app: wires each webhook event to its handler.
 *
 * What the handlers queue runs after the answer in the work engine: every kind of work is registered
 * in ./work/registry.ts. The scheduled work is ./due-work.ts, run every minute by ./scheduler.ts (and
 * by `satisfaction-bot sweep`): it plans the summaries whose time has come
 * (./summary/sweep-summaries.ts, posted by ./summary/summary-work.ts) and runs every due piece of work.
 */
export function satisfactionBot(deps: AppDeps) {
  return (app: Probot): void => {
    app.on("issues.opened", issuesOpened(deps));
    app.on("issues.closed", issuesClosed(deps));
    app.on("issues.reopened", issuesReopened(deps));
    app.on("issues.edited", issuesEdited(deps));
    app.on("issues.deleted", issuesDeleted(deps));
    app.on("issues.transferred", issuesTransferred(deps));
    app.on("issues.labeled", issuesLabeled(deps));
    app.on("issues.unlabeled", issuesUnlabeled(deps));
    app.on("issue_comment.created", issueCommentCreated(deps));
    app.on("issue_comment.edited", issueCommentEdited(deps));
    app.on("issue_comment.deleted", issueCommentDeleted(deps));
    app.on("discussion.created", discussionCreated(deps));
    app.on("discussion.edited", discussionEdited(deps));
    app.on("discussion.category_changed", discussionCategoryChanged(deps));
    app.on("discussion.answered", discussionAnswered(deps));
    app.on("discussion.unanswered", discussionUnanswered(deps));
    app.on("discussion.closed", discussionClosed(deps));
    app.on("discussion.reopened", discussionReopened(deps));
    app.on("discussion.deleted", discussionDeleted(deps));
    app.on("discussion.transferred", discussionTransferred(deps));
    app.on("discussion_comment.created", discussionCommentCreated(deps));
    app.on("discussion_comment.deleted", discussionCommentDeleted(deps));
    app.on("installation.created", installationCreated(deps));
    app.on("installation.new_permissions_accepted", installationNewPermissionsAccepted(deps));
    app.on("installation.deleted", installationDeleted(deps));
    app.on("installation.suspend", installationSuspend(deps));
    app.on("installation.unsuspend", installationUnsuspend(deps));
    app.on("installation_repositories.added", installationRepositoriesAdded(deps));
    app.on("installation_repositories.removed", installationRepositoriesRemoved(deps));
    app.on(["repository.publicized", "repository.privatized", "repository.renamed"], repositoryChanged(deps));
    app.on("repository.deleted", repositoryDeleted(deps));
    app.on("repository.transferred", repositoryTransferred(deps));
    app.on("push", push(deps));
  };
}
