import type { Octokit } from "./octokit.js";
import { splitFullName } from "./octokit.js";
import { surveyComment, surveyMarker } from "../survey/message.js";

type Target = {
  repositoryFullName: string;
  issueNumber: number;
  reporterLogin: string;
  id: number;
  askAttempts: number;
  message: string | null;
};

export type PostedComment = { id: number; createdAt: Date };

/**
 * Posts the survey comment. A retry first looks for the comment an earlier attempt may have made
 * before it could record it (a crash, a lost response), so an issue never gets two.
 */
export async function postSurveyComment(octokit: Octokit, survey: Target): Promise<PostedComment> {
  const { owner, repo } = splitFullName(survey.repositoryFullName);
  if (survey.askAttempts > 1) {
    const marker = surveyMarker(survey.id);
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: survey.issueNumber,
      per_page: 100,
    });
    const earlier = comments.find((comment) => comment.body?.includes(marker));
    if (earlier) return { id: earlier.id, createdAt: new Date(earlier.created_at) };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: survey.issueNumber,
    body: surveyComment(survey.reporterLogin, survey.id, survey.message),
  });
  return { id: data.id, createdAt: new Date(data.created_at) };
}
