import type { ApiDeps, ApiHandler } from "./api-route.js";
import { FEEDBACK_PATH, postFeedback } from "./post-feedback.js";
import { getSatisfaction, SATISFACTION_PATH } from "./get-satisfaction.js";

/** The API's routes, as the server's route map keys them (`METHOD /path`); docs/openapi.yaml documents each. */
export function apiRoutes(deps: ApiDeps): [string, ApiHandler][] {
  return [
    [`POST ${FEEDBACK_PATH}`, postFeedback(deps)],
    [`GET ${SATISFACTION_PATH}`, getSatisfaction(deps)],
  ];
}
