import type { Octokit } from "./octokit.js";

/** One attempt at delivering a webhook to the app, as GitHub lists it (a redelivery keeps the GUID). */
export type DeliveryAttempt = {
  id: number;
  guid: string;
  deliveredAt: Date;
  redelivery: boolean;
  /** 0 when the app gave no answer (down, unreachable, timed out). */
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
};

/** `capped`: the page cap was reached, and older attempts within the window may be missing. */
export type DeliveryListing = { attempts: DeliveryAttempt[]; pages: number; capped: boolean };

const PER_PAGE = 100;

function attemptOf(item: {
  id: number | bigint;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code?: number | null;
  event: string;
  action: string | null;
  installation_id: number | bigint | null;
}): DeliveryAttempt {
  return {
    id: Number(item.id),
    guid: item.guid,
    deliveredAt: new Date(item.delivered_at),
    redelivery: item.redelivery,
    statusCode: typeof item.status_code === "number" ? item.status_code : 0,
    event: item.event,
    action: item.action,
    installationId: item.installation_id === null ? null : Number(item.installation_id),
  };
}

/**
 * The app's webhook delivery attempts since `since`, newest first (`GET /app/hook/deliveries`, as
 * the app, with its JWT). Pages are followed by the Link header's cursor until an attempt older than
 * `since` shows up, so no page beyond the window is asked for; at most `maxPages` pages.
 */
export async function listDeliveriesSince(appOctokit: Octokit, since: Date, maxPages: number): Promise<DeliveryListing> {
  const attempts: DeliveryAttempt[] = [];
  let pages = 0;
  const iterator = appOctokit.paginate.iterator(appOctokit.rest.apps.listWebhookDeliveries, { per_page: PER_PAGE });
  for await (const page of iterator) {
    pages++;
    for (const item of page.data) {
      const attempt = attemptOf(item);
      if (attempt.deliveredAt < since) return { attempts, pages, capped: false };
      attempts.push(attempt);
    }
    if (pages >= maxPages) return { attempts, pages, capped: true };
  }
  return { attempts, pages, capped: false };
}

/** Asks GitHub to deliver `deliveryId` again (`POST /app/hook/deliveries/{id}/attempts`, 202). */
export async function redeliver(appOctokit: Octokit, deliveryId: number): Promise<void> {
  await appOctokit.rest.apps.redeliverWebhookDelivery({ delivery_id: deliveryId });
}
