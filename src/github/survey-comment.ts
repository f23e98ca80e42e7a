import type { Octokit } from "./octokit.js";
import type { PostedComment } from "./comment-once.js";
import { postCommentOnce } from "./comment-once.js";
import { surveyComment, surveyMarker } from "../survey/message.js";

type Target = {
  repositoryFullName: string;
  issueNumber: number;
  reporterLogin: string;
  id: number;
  askAttempts: number;
  message: string | null;
};

/**
 * Posts the survey comment. A retry first looks for the comment an earlier attempt may have made
 * before it could record it (a crash, a lost response), so an issue never gets two.
 */
export async function postSurveyComment(octokit: Octokit, survey: Target): Promise<PostedComment> {
  return postCommentOnce(octokit, {
    repositoryFullName: survey.repositoryFullName,
    issueNumber: survey.issueNumber,
    body: surveyComment(survey.reporterLogin, survey.id, survey.message),
    marker: surveyMarker(survey.id),
    retry: survey.askAttempts > 1,
  });
}
