import type { Logger } from "pino";
import type { AppDeps } from "../app-deps.js";
import type { Octokit } from "../github/octokit.js";
import { ASK_SURVEY } from "../queries/surveys.js";

/** What a close (of an issue) or resolution (of a discussion) opened: a survey, or why none. */
export type Opened = { surveyId: number } | { surveyId: null; reason: string };

/** Asks right after the webhook's answer when a survey was opened (its work was queued with it); logs why not otherwise. */
export async function askAfterAnswer(
  deps: AppDeps,
  context: { id: string; octokit: Octokit; log: Logger },
  installationId: number,
  opened: Opened,
): Promise<void> {
  if (opened.surveyId === null) {
    context.log.info({ deliveryId: context.id, reason: opened.reason }, "no survey for this close");
    return;
  }
  const refs = [{ installationId, kind: ASK_SURVEY, key: String(opened.surveyId) }];
  await deps.work({ installationId, octokit: context.octokit, log: context.log, refs });
}
