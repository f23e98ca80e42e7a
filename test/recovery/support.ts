import { Writable } from "node:stream";
import nock from "nock";
import { pino } from "pino";
import type { Db, Queryable } from "../../src/db/types.js";
import { claimDelivery } from "../../src/queries/deliveries.js";
import type { RecoveryDeps } from "../../src/recovery/redeliver-failed.js";
import { API, createTestProbot } from "../helpers/app.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";

/** Shared set-up for the recovery of failed webhook deliveries: GitHub's listing, and the job's rows. */
export const NOW = new Date("2026-11-30T12:00:00Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const ago = (ms: number, from: Date = NOW) => new Date(from.getTime() - ms);
export const later = (ms: number, from: Date = NOW) => new Date(from.getTime() + ms);

export const DELIVERIES_PATH = "/app/hook/deliveries";
export const attemptsPath = (deliveryId: number) => `${DELIVERIES_PATH}/${deliveryId}/attempts`;

type ItemOptions = { id: number; guid: string; deliveredAt: Date; statusCode?: number; redelivery?: boolean };

/** One item of `GET /app/hook/deliveries`, shaped as GitHub documents it (a 500 by default). */
export function deliveryItem(options: ItemOptions) {
  const statusCode = options.statusCode ?? 500;
  return {
    id: options.id,
    guid: options.guid,
    delivered_at: options.deliveredAt.toISOString(),
    redelivery: options.redelivery ?? false,
    duration: 0.27,
    status: statusCode === 0 ? "Invalid HTTP Response: 503" : statusCode < 300 ? "OK" : "Internal Server Error",
    status_code: statusCode,
    event: "issues",
    action: "closed",
    installation_id: INSTALLATION_ID,
    repository_id: 186_853_002,
    throttled_at: null,
  };
}

const pageUrl = (cursor: string) => `${API}${DELIVERIES_PATH}?per_page=100&cursor=${cursor}`;

/**
 * Mocks the listing, one reply per page, newest first. Each page but the last links to the next by a
 * cursor (`rel="next"`); the last links to one more only when `moreAfter` is set, which no test mocks,
 * so a request for it fails the test.
 */
export function mockListing(pages: ReturnType<typeof deliveryItem>[][], options: { moreAfter?: boolean } = {}): void {
  pages.forEach((items, index) => {
    const hasNext = index < pages.length - 1 || options.moreAfter === true;
    const headers: Record<string, string> = hasNext ? { link: `<${pageUrl(`page${index + 2}`)}>; rel="next"` } : {};
    const query = index === 0 ? { per_page: 100 } : { per_page: 100, cursor: `page${index + 1}` };
    nock(API).get(DELIVERIES_PATH).query(query).reply(200, items, headers);
  });
}

/** Mocks GitHub accepting to redeliver each delivery id once. */
export function mockRedeliveries(...deliveryIds: number[]): void {
  for (const id of deliveryIds) nock(API).post(attemptsPath(id)).reply(202, {});
}

/** The log lines written, parsed, so a test can tell what was logged and how. */
export function capturedLog() {
  const lines: { level: number; msg: string; guid?: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")) as (typeof lines)[number]);
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), lines };
}

/** The recovery job's collaborators, as one instance: its own pool and its own Probot (app JWT). */
export function recoveryDeps(db: Db, log = pino({ level: "silent" })): RecoveryDeps {
  const probot = createTestProbot();
  return { db, log, appOctokit: () => probot.auth() };
}

/** A delivery the app recorded (what `applyOnce` writes when it takes a delivery). */
export async function recordDelivery(db: Queryable, guid: string): Promise<void> {
  await claimDelivery(db, guid, INSTALLATION_ID, "issues.closed");
}

export async function redeliveryRow(db: Queryable, guid: string) {
  const { rows } = await db.query<{ delivery_id: number; asked_at: Date; attempts: number; given_up_at: Date | null }>(
    "SELECT delivery_id, asked_at, attempts, given_up_at FROM delivery_redeliveries WHERE guid = $1",
    [guid],
  );
  return rows[0] ?? null;
}
