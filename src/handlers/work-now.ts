import type { Logger } from "pino";
import type { AppDeps } from "../app-deps.js";
import { postConfigCheck } from "../config/post-config-check.js";
import type { Octokit } from "../github/octokit.js";
import { claimConfigCheck } from "../queries/config-checks.js";
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

/** Posts a push's configuration check right after the answer; a failure is left for the sweep, never thrown. */
export async function postConfigCheckNow(deps: AppDeps, log: Logger, octokit: Octokit, installationId: number, id: number): Promise<void> {
  try {
    const check = await claimConfigCheck(deps.db, installationId, id);
    if (check) await postConfigCheck({ db: deps.db, log }, octokit, check, deps.clock());
  } catch (error) {
    log.error({ installationId, configCheckId: id, err: error }, "configuration check after push failed; the sweep will retry");
  }
}
