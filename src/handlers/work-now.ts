import type { Logger } from "pino";
import type { AppDeps } from "../app-deps.js";
import type { Octokit } from "../github/octokit.js";
import { claimSurvey } from "../queries/surveys.js";
import { workSurvey } from "../survey/work-survey.js";

/**
 * Works a survey right after the webhook that made it due, so the reporter is asked within seconds.
 * A failure is logged, not thrown: the survey stays due and the sweep takes it up.
 */
export async function workSurveyNow(
  deps: AppDeps,
  log: Logger,
  octokit: Octokit,
  installationId: number,
  surveyId: number,
): Promise<void> {
  try {
    const survey = await claimSurvey(deps.db, installationId, surveyId);
    if (survey) await workSurvey({ db: deps.db, log }, octokit, survey, deps.clock());
  } catch (error) {
    log.error({ surveyId, installationId, err: error }, "survey work after webhook failed; the sweep will retry");
  }
}
