import type { OctokitFor } from "../github/octokit.js";
import type { ClaimedSurvey } from "../queries/surveys.js";
import { claimDueSurveys } from "../queries/surveys.js";
import { releaseAfterFailure } from "../queries/survey-progress.js";
import type { SurveyWorkDeps } from "./ask-survey.js";
import { workSurvey } from "./work-survey.js";

export type SweepDeps = SurveyWorkDeps & { octokitFor: OctokitFor };
export type SweepResult = { worked: number; installationsFailed: number };

const BATCH = 50;
const MAX_BATCHES = 40;
const RETRY_AFTER_AUTH_FAILURE_MS = 10 * 60_000;

function byInstallation(surveys: ClaimedSurvey[]): Map<number, ClaimedSurvey[]> {
  const groups = new Map<number, ClaimedSurvey[]>();
  for (const survey of surveys) groups.set(survey.installationId, [...(groups.get(survey.installationId) ?? []), survey]);
  return groups;
}

/**
 * Everything due at `now`: survey comments to post (or retry) and reactions to read. Safe to run
 * from several instances at once: each survey is claimed by one of them.
 */
export async function sweep(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const result: SweepResult = { worked: 0, installationsFailed: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const claimed = await claimDueSurveys(deps.db, now, BATCH);
    if (claimed.length === 0) break;
    for (const [installationId, surveys] of byInstallation(claimed)) {
      let octokit;
      try {
        octokit = await deps.octokitFor(installationId);
      } catch (error) {
        result.installationsFailed++;
        deps.log.error({ installationId, err: error }, "cannot authenticate as installation; its surveys wait");
        const retryAt = new Date(now.getTime() + RETRY_AFTER_AUTH_FAILURE_MS);
        for (const survey of surveys) await releaseAfterFailure(deps.db, survey, (error as Error).message, retryAt);
        continue;
      }
      for (const survey of surveys) {
        await workSurvey(deps, octokit, survey, now);
        result.worked++;
      }
    }
    if (claimed.length < BATCH) break;
  }
  return result;
}
