import type { Octokit } from "./octokit.js";
import type { PostedComment } from "./comment-once.js";
import { postCommentOnce } from "./comment-once.js";
import { postDiscussionCommentOnce } from "./discussion-comments.js";
import { surveyComment, surveyMarker } from "../survey/message.js";

type Target = {
  repositoryFullName: string;
  issueNumber: number;
  reporterLogin: string;
  id: number;
  askAttempts: number;
  message: string | null;
  channel: "issues" | "discussions";
  discussionNodeId: string | null;
};

/**
 * Posts the survey comment: on an issue through REST, on a discussion through GraphQL. A retry first
 * looks for the comment an earlier attempt may have made before it could record it (a crash, a lost
 * response), so an issue or discussion never gets two.
 */
export async function postSurveyComment(octokit: Octokit, survey: Target): Promise<PostedComment> {
  const onDiscussion = survey.channel === "discussions";
  const comment = {
    body: surveyComment(survey.reporterLogin, survey.id, survey.message, onDiscussion ? "discussion" : "issue"),
    marker: surveyMarker(survey.id),
    retry: survey.askAttempts > 1,
  };
  if (!onDiscussion)
    return postCommentOnce(octokit, { ...comment, repositoryFullName: survey.repositoryFullName, issueNumber: survey.issueNumber });
  if (survey.discussionNodeId === null) throw new Error(`survey ${survey.id} is on a discussion without a GraphQL id`);
  return postDiscussionCommentOnce(octokit, { ...comment, discussionId: survey.discussionNodeId });
}
