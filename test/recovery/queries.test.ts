import { describe, expect, it } from "vitest";
import {
  claimJobRun,
  forgetRedeliveryRequests,
  markRedeliveryGivenUp,
  RECOVERY_JOB,
  recordedGuids,
  recordRedeliveryRequest,
} from "../../src/queries/delivery-recovery.js";
import { backends, useDatabase } from "../helpers/db.js";
import { DAY, later, MINUTE, NOW, recordDelivery, redeliveryRow } from "./support.js";

describe.each(backends)("delivery recovery queries on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("claims the job once per 10 minutes", async () => {
    expect(await claimJobRun(db(), RECOVERY_JOB, NOW, 10)).toBe(true);
    expect(await claimJobRun(db(), RECOVERY_JOB, NOW, 10)).toBe(false);
    expect(await claimJobRun(db(), RECOVERY_JOB, later(9 * MINUTE), 10)).toBe(false);
    expect(await claimJobRun(db(), RECOVERY_JOB, later(10 * MINUTE), 10)).toBe(true);
    expect(await claimJobRun(db(), "no_such_job", later(DAY), 10)).toBe(false);
  });

  it("finds which GUIDs the app recorded", async () => {
    await recordDelivery(db(), "g-a");
    await recordDelivery(db(), "g-c");
    expect(await recordedGuids(db(), ["g-a", "g-b", "g-c"])).toEqual(new Set(["g-a", "g-c"]));
    expect(await recordedGuids(db(), [])).toEqual(new Set());
  });

  it("counts requests per GUID up to the cap, gives up once, and forgets old requests", async () => {
    const ask = (deliveryId: number, at: Date) => recordRedeliveryRequest(db(), { guid: "g-x", deliveryId, at }, 3);
    expect([await ask(1, NOW), await ask(2, later(MINUTE)), await ask(3, later(2 * MINUTE)), await ask(4, later(3 * MINUTE))]).toEqual([
      1,
      2,
      3,
      null,
    ]);
    expect(await redeliveryRow(db(), "g-x")).toMatchObject({ delivery_id: 3, attempts: 3, asked_at: later(2 * MINUTE) });
    expect(await markRedeliveryGivenUp(db(), "g-x", later(4 * MINUTE))).toBe(true);
    expect(await markRedeliveryGivenUp(db(), "g-x", later(5 * MINUTE))).toBe(false);

    expect(await forgetRedeliveryRequests(db(), NOW)).toBe(0);
    expect(await forgetRedeliveryRequests(db(), later(DAY))).toBe(1);
    expect(await redeliveryRow(db(), "g-x")).toBeNull();
  });
});
