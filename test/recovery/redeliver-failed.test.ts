import { describe, expect, it } from "vitest";
import { redeliverFailedDeliveries } from "../../src/recovery/redeliver-failed.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import {
  ago,
  DAY,
  deliveryItem,
  HOUR,
  MINUTE,
  mockListing,
  mockRedeliveries,
  NOW,
  recordDelivery,
  recoveryDeps,
  redeliveryRow,
} from "./support.js";

describe("redelivering the webhook deliveries that failed before the app recorded them", () => {
  const { db } = useDatabase(createTestDatabase);

  const run = (options: { windowDays?: number } = {}) => redeliverFailedDeliveries(recoveryDeps(db()), NOW, options);

  it("redelivers a failed delivery (500, or no answer at all) that is not in deliveries", async () => {
    mockListing([
      [
        deliveryItem({ id: 11, guid: "g-500", deliveredAt: ago(HOUR), statusCode: 500 }),
        deliveryItem({ id: 12, guid: "g-timeout", deliveredAt: ago(2 * HOUR), statusCode: 0 }),
        deliveryItem({ id: 13, guid: "g-ok", deliveredAt: ago(3 * HOUR), statusCode: 200 }),
      ],
    ]);
    mockRedeliveries(11, 12);

    expect(await run()).toEqual({ examined: 3, redelivered: 2, givenUp: 0 });
    expect(await redeliveryRow(db(), "g-500")).toMatchObject({ delivery_id: 11, asked_at: NOW, attempts: 1, given_up_at: null });
    expect(await redeliveryRow(db(), "g-timeout")).toMatchObject({ delivery_id: 12, attempts: 1 });
    expect(await redeliveryRow(db(), "g-ok")).toBeNull();
  });

  it("leaves alone a failed delivery the app recorded: it took effect", async () => {
    await recordDelivery(db(), "g-recorded");
    mockListing([[deliveryItem({ id: 21, guid: "g-recorded", deliveredAt: ago(HOUR), statusCode: 502 })]]);

    expect(await run()).toEqual({ examined: 1, redelivered: 0, givenUp: 0 });
    expect(await redeliveryRow(db(), "g-recorded")).toBeNull();
  });

  it("leaves alone a delivery whose later redelivery (same GUID) succeeded", async () => {
    mockListing([
      [
        deliveryItem({ id: 32, guid: "g-healed", deliveredAt: ago(HOUR), statusCode: 202, redelivery: true }),
        deliveryItem({ id: 31, guid: "g-healed", deliveredAt: ago(5 * HOUR), statusCode: 503 }),
      ],
    ]);

    expect(await run()).toEqual({ examined: 1, redelivered: 0, givenUp: 0 });
  });

  it("asks for the newest failed attempt of a GUID, and for the oldest failed deliveries first", async () => {
    mockListing([
      [
        deliveryItem({ id: 43, guid: "g-young", deliveredAt: ago(HOUR) }),
        deliveryItem({ id: 42, guid: "g-old", deliveredAt: ago(2 * HOUR), redelivery: true }),
        deliveryItem({ id: 41, guid: "g-old", deliveredAt: ago(2 * DAY) }),
      ],
    ]);
    mockRedeliveries(42, 43);

    expect(await run()).toEqual({ examined: 2, redelivered: 2, givenUp: 0 });
    const { rows } = await db().query("SELECT guid, delivery_id FROM delivery_redeliveries ORDER BY guid");
    expect(rows).toEqual([
      { guid: "g-old", delivery_id: 42 },
      { guid: "g-young", delivery_id: 43 },
    ]);
  });

  it("ignores a delivery older than the window, and asks for no page after it", async () => {
    // The first page links to a second one, which is not mocked: asking for it would fail the test.
    mockListing(
      [
        [
          deliveryItem({ id: 52, guid: "g-recent", deliveredAt: ago(2 * DAY) }),
          deliveryItem({ id: 51, guid: "g-too-old", deliveredAt: ago(3 * DAY + MINUTE) }),
        ],
      ],
      { moreAfter: true },
    );
    mockRedeliveries(52);

    expect(await run()).toEqual({ examined: 1, redelivered: 1, givenUp: 0 });
    expect(await redeliveryRow(db(), "g-too-old")).toBeNull();
  });

  it("takes the window as a parameter (7 days on GitHub Enterprise Server)", async () => {
    mockListing([
      [
        deliveryItem({ id: 61, guid: "g-five-days", deliveredAt: ago(5 * DAY) }),
        deliveryItem({ id: 60, guid: "g-eight-days", deliveredAt: ago(8 * DAY) }),
      ],
    ]);
    mockRedeliveries(61);

    expect(await run({ windowDays: 7 })).toEqual({ examined: 1, redelivered: 1, givenUp: 0 });
  });

  it("follows the listing's cursor to a second page and groups a GUID across pages", async () => {
    mockListing([
      [
        deliveryItem({ id: 74, guid: "g-healed", deliveredAt: ago(HOUR), statusCode: 200, redelivery: true }),
        deliveryItem({ id: 73, guid: "g-first-page", deliveredAt: ago(2 * HOUR), statusCode: 0 }),
      ],
      [
        deliveryItem({ id: 72, guid: "g-second-page", deliveredAt: ago(DAY), statusCode: 500 }),
        deliveryItem({ id: 71, guid: "g-healed", deliveredAt: ago(2 * DAY), statusCode: 500 }),
      ],
    ]);
    mockRedeliveries(72, 73);

    expect(await run()).toEqual({ examined: 3, redelivered: 2, givenUp: 0 });
    expect(await redeliveryRow(db(), "g-healed")).toBeNull();
  });
});
