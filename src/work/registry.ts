import { backfillInstallation } from "../backfill/backfill-work.js";
import { postConfigCheck } from "../config/post-config-check.js";
import { confirmForgetMe } from "../privacy/confirm.js";
import { postSummaryWork } from "../summary/summary-work.js";
import { askSurvey } from "../survey/ask-survey.js";
import { readSurveyReactions } from "../survey/poll-survey.js";
import type { WorkKind } from "./kind.js";
import type { WorkRegistry } from "./run-work.js";

/**
 * Every kind of work the app queues, by name. A new kind is one handler (a WorkKind beside the
 * domain code it belongs to) and one line here.
 */
export const WORK_KINDS: readonly WorkKind[] = [
  askSurvey,
  readSurveyReactions,
  postSummaryWork,
  postConfigCheck,
  confirmForgetMe,
  backfillInstallation,
];

export const workRegistry: WorkRegistry = new Map(WORK_KINDS.map((kind) => [kind.name, kind]));
