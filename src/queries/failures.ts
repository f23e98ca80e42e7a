import type { Queryable } from "../db/types.js";

/** A webhook delivery the recovery job stopped asking GitHub to redeliver. App-wide: no installation. */
export type GivenUpDelivery = { guid: string; deliveryId: number; attempts: number; givenUpAt: Date };

/** Deliveries given up by the recovery job, most recently given up first. */
export async function givenUpDeliveries(db: Queryable): Promise<GivenUpDelivery[]> {
  const { rows } = await db.query<GivenUpDelivery>(
    `SELECT guid, delivery_id AS "deliveryId", attempts, given_up_at AS "givenUpAt"
     FROM delivery_redeliveries WHERE given_up_at IS NOT NULL
     ORDER BY given_up_at DESC, guid`,
  );
  return rows;
}
