import { z } from "zod";
import { feedbackBody } from "../feedback/feedback-body.js";
import { recordFeedback } from "../feedback/record-feedback.js";
import { retentionCutoff } from "../privacy/retention.js";
import type { ApiDeps, ApiHandler } from "./api-route.js";
import { apiRoute } from "./api-route.js";
import { authenticate } from "./authenticate.js";
import { callerRepository } from "./caller-repository.js";
import { ANSWERED, readJson } from "./read-json.js";
import { refuseInvalid, sendError, sendJson } from "./respond.js";

export const FEEDBACK_PATH = "/api/feedback";

const idempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, { message: "must be 1 to 255 visible ASCII characters" })
  .optional();

/**
 * `POST /api/feedback`: records an experience a desk reports, in a repository of the token's
 * installation; 201 `{ id, replayed }`. With an `Idempotency-Key` the installation used before for the
 * same feedback, nothing new is stored: the same id comes back, `replayed: true` and
 * `Idempotent-Replayed: true`; the key used for other feedback is answered 409.
 */
export function postFeedback(deps: ApiDeps): ApiHandler {
  return apiRoute(deps, FEEDBACK_PATH, async (req, res) => {
    const caller = await authenticate(deps, req, res, FEEDBACK_PATH);
    if (!caller) return;
    const key = idempotencyKey.safeParse(req.headers["idempotency-key"]);
    if (!key.success) return refuseInvalid(deps.log, res, FEEDBACK_PATH, key.error, "Idempotency-Key");
    const json = await readJson(deps, req, res, FEEDBACK_PATH);
    if (json === ANSWERED) return;
    const now = deps.clock();
    const body = feedbackBody(now, retentionCutoff(now, deps.retentionDays)).safeParse(json);
    if (!body.success) return refuseInvalid(deps.log, res, FEEDBACK_PATH, body.error, "body");
    const repository = await callerRepository(deps.db, deps.log, res, caller, body.data.repository, FEEDBACK_PATH);
    if (!repository) return;
    const target = { installationId: caller.installationId, repositoryId: repository.id };
    const recorded = await recordFeedback(deps.db, target, body.data, key.data ?? null, now);
    if (recorded.kind === "key_reused") {
      deps.log.warn({ path: FEEDBACK_PATH, installationId: caller.installationId }, "api request refused: idempotency key reused");
      return sendError(res, 409, "This Idempotency-Key was used for other feedback: send new feedback with a new key");
    }
    deps.log.info(
      { installationId: caller.installationId, repositoryId: repository.id, experienceId: recorded.id, replayed: recorded.replayed },
      "feedback recorded",
    );
    const replay: Record<string, string> = recorded.replayed ? { "idempotent-replayed": "true" } : {};
    sendJson(res, 201, { id: recorded.id, replayed: recorded.replayed }, replay);
  });
}
