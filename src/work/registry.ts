import { backfillInstallation } from "../backfill/backfill-work.js";
import { postChatMessage } from "../chat/chat-work.js";
import { postConfigCheck } from "../config/post-config-check.js";
import { followUpNegativeAnswer } from "../follow-up/follow-up-work.js";
import { refreshFaq } from "../knowledge/faq-work.js";
import { postAnswer } from "../knowledge/post-answer.js";
import { readAnswerReaction } from "../knowledge/read-answer.js";
import { confirmForgetMe } from "../privacy/confirm.js";
import { postSummaryWork } from "../summary/summary-work.js";
import { labelServiceMark } from "../service-levels/mark-work.js";
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
  labelServiceMark,
  postChatMessage,
  followUpNegativeAnswer,
  backfillInstallation,
  postAnswer,
  readAnswerReaction,
  refreshFaq,
];

export const workRegistry: WorkRegistry = new Map(WORK_KINDS.map((kind) => [kind.name, kind]));
