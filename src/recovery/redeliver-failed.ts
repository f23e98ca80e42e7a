import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Octokit } from "../github/octokit.js";
import { httpStatus } from "../github/octokit.js";
import { listDeliveriesSince, redeliver } from "../github/webhook-deliveries.js";
import {
  claimJobRun,
  forgetRedeliveryRequests,
  markRedeliveryGivenUp,
  RECOVERY_JOB,
  recordedGuids,
  recordRedeliveryRequest,
} from "../queries/delivery-recovery.js";
import type { FailedDelivery } from "./failed-deliveries.js";
import { byGuid, failedDeliveries } from "./failed-deliveries.js";

/** GitHub keeps deliveries redeliverable for 3 days on github.com, 7 on GitHub Enterprise Server. */
export const DEFAULT_WINDOW_DAYS = 3;
export const GHES_WINDOW_DAYS = 7;
/** Requests per delivery GUID: one that keeps failing is then given up, not redelivered forever. */
export const MAX_REQUESTS_PER_DELIVERY = 3;
export const RUN_INTERVAL_MINUTES = 10;
const MAX_PAGES = 100;
const MAX_REQUESTS_PER_RUN = 100;
const DAY_MS = 24 * 60 * 60_000;

/** `appOctokit` is authenticated as the app itself (its JWT): Probot's `auth()` with no installation. */
export type RecoveryDeps = { db: Db; log: Logger; appOctokit: () => Promise<Octokit> };
/** `examined`: delivery GUIDs listed within the window; `givenUp`: given up by this run. */
export type RecoveryResult = { examined: number; redelivered: number; givenUp: number };

type Outcome = "redelivered" | "given_up" | "already_given_up" | "refused";

async function recoverOne(deps: RecoveryDeps, octokit: Octokit, delivery: FailedDelivery, now: Date): Promise<Outcome> {
  const { guid, latest } = delivery;
  const about = { guid, deliveryId: latest.id, event: latest.event, action: latest.action, installationId: latest.installationId };
  // Recorded before asking, so a crash or a refused request still counts against the cap.
  const request = await recordRedeliveryRequest(deps.db, { guid, deliveryId: latest.id, at: now }, MAX_REQUESTS_PER_DELIVERY);
  if (request === null) {
    if (!(await markRedeliveryGivenUp(deps.db, guid, now))) return "already_given_up";
    deps.log.warn({ ...about, attempts: delivery.attempts }, "webhook delivery given up: still failing after redeliveries");
    return "given_up";
  }
  try {
    await redeliver(octokit, latest.id);
  } catch (error) {
    // No HTTP answer: GitHub is unreachable, and the rest of this run would only wait on it too.
    if (!(error as { response?: unknown }).response) throw error;
    deps.log.warn({ ...about, request, status: httpStatus(error), err: error }, "GitHub refused to redeliver a webhook delivery");
    return "refused";
  }
  deps.log.info({ ...about, request }, "asked GitHub to redeliver a failed webhook delivery");
  return "redelivered";
}

async function recoverAll(deps: RecoveryDeps, octokit: Octokit, deliveries: FailedDelivery[], now: Date, result: RecoveryResult) {
  let requests = 0;
  for (const [index, delivery] of deliveries.entries()) {
    if (requests >= MAX_REQUESTS_PER_RUN) {
      deps.log.warn({ waiting: deliveries.length - index }, "redelivery requests capped for this run; the rest wait for the next");
      return;
    }
    const outcome = await recoverOne(deps, octokit, delivery, now);
    if (outcome === "redelivered" || outcome === "refused") requests++;
    if (outcome === "redelivered") result.redelivered++;
    if (outcome === "given_up") result.givenUp++;
  }
}

/**
 * Asks GitHub to redeliver the app's webhook deliveries that failed before the app recorded them
 * (it, or PostgreSQL, was down and answered 5xx or nothing): those delivered within the last
 * `windowDays`, with no successful attempt, and not in `deliveries`. At most once every 10 minutes
 * across all instances; a run not claimed does nothing. A failure after the claim is logged, not
 * thrown: the run is over, and the next one, 10 minutes on, lists again.
 */
export async function redeliverFailedDeliveries(
  deps: RecoveryDeps,
  now: Date,
  options: { windowDays?: number } = {},
): Promise<RecoveryResult> {
  const result: RecoveryResult = { examined: 0, redelivered: 0, givenUp: 0 };
  if (!(await claimJobRun(deps.db, RECOVERY_JOB, now, RUN_INTERVAL_MINUTES))) return result;
  const since = new Date(now.getTime() - (options.windowDays ?? DEFAULT_WINDOW_DAYS) * DAY_MS);
  try {
    const octokit = await deps.appOctokit();
    const listing = await listDeliveriesSince(octokit, since, MAX_PAGES);
    if (listing.capped) deps.log.warn({ pages: listing.pages, since }, "webhook delivery listing cut short; older failures not examined");
    result.examined = byGuid(listing.attempts).size;
    const failed = failedDeliveries(listing.attempts);
    const recorded = await recordedGuids(
      deps.db,
      failed.map((delivery) => delivery.guid),
    );
    await recoverAll(
      deps,
      octokit,
      failed.filter((delivery) => !recorded.has(delivery.guid)),
      now,
      result,
    );
    await forgetRedeliveryRequests(deps.db, new Date(since.getTime() - DAY_MS));
  } catch (error) {
    deps.log.error({ err: error, status: httpStatus(error), ...result }, "webhook delivery recovery failed; it runs again later");
  }
  return result;
}
