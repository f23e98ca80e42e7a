import type { Queryable } from "../db/types.js";

/**
 * Records a delivery inside the transaction that applies it. Returns false when it was already
 * recorded: a concurrent copy waits on the unique key until the first commits, then sees it.
 */
export async function claimDelivery(tx: Queryable, id: string, installationId: number, event: string): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO deliveries (id, installation_id, event) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [id, installationId, event],
  );
  return result.rowCount === 1;
}

/** A delivery to record in the statement that applies it: its X-GitHub-Delivery and event name. */
export type DeliveryClaim = { deliveryId: string; event: string };
