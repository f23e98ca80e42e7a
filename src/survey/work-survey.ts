import type { Octokit } from "../github/octokit.js";
import type { ClaimedSurvey } from "../queries/surveys.js";
import type { SurveyWorkDeps } from "./ask-survey.js";
import { askSurvey } from "./ask-survey.js";
import { pollSurvey } from "./poll-survey.js";

/** Does what a claimed survey is waiting for: its comment posted, or its reactions read. */
export async function workSurvey(deps: SurveyWorkDeps, octokit: Octokit, survey: ClaimedSurvey, now: Date): Promise<void> {
  if (survey.status === "to_ask") return askSurvey(deps, octokit, survey, now);
  return pollSurvey(deps, octokit, survey, now);
}
