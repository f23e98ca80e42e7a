import type { DeliveryAttempt } from "../github/webhook-deliveries.js";

/** A webhook delivery (one GUID) none of whose listed attempts the app answered with a 2xx. */
export type FailedDelivery = {
  guid: string;
  /** The newest attempt: the one to ask GitHub to redeliver. */
  latest: DeliveryAttempt;
  /** When the oldest listed attempt was made: the closest to leaving GitHub's window. */
  firstDeliveredAt: Date;
  attempts: number;
};

/** A 2xx: the app took the delivery. 0 (no answer, timed out), 4xx and 5xx are failures. */
export function succeeded(attempt: DeliveryAttempt): boolean {
  return attempt.statusCode >= 200 && attempt.statusCode < 300;
}

/** The listed attempts grouped by GUID (a redelivery keeps its delivery's GUID). */
export function byGuid(attempts: DeliveryAttempt[]): Map<string, DeliveryAttempt[]> {
  const groups = new Map<string, DeliveryAttempt[]>();
  for (const attempt of attempts) {
    const group = groups.get(attempt.guid);
    if (group) group.push(attempt);
    else groups.set(attempt.guid, [attempt]);
  }
  return groups;
}

/**
 * The deliveries whose every listed attempt failed, oldest first (those leave GitHub's window
 * first). A GUID with any successful attempt, a redelivery included, is left out.
 */
export function failedDeliveries(attempts: DeliveryAttempt[]): FailedDelivery[] {
  const failed: FailedDelivery[] = [];
  for (const [guid, group] of byGuid(attempts)) {
    if (group.some(succeeded)) continue;
    const times = group.map((attempt) => attempt.deliveredAt.getTime());
    const latest = group.reduce((newest, attempt) => (attempt.deliveredAt > newest.deliveredAt ? attempt : newest));
    failed.push({ guid, latest, firstDeliveredAt: new Date(Math.min(...times)), attempts: group.length });
  }
  return failed.sort((a, b) => a.firstDeliveredAt.getTime() - b.firstDeliveredAt.getTime());
}
