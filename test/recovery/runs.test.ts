import nock from "nock";
import { describe, expect, it } from "vitest";
import { runDueWork } from "../../src/due-work.js";
import { claimJobRun, RECOVERY_JOB } from "../../src/queries/delivery-recovery.js";
import { redeliverFailedDeliveries } from "../../src/recovery/redeliver-failed.js";
import { API } from "../helpers/app.js";
import { useSecondInstance } from "../helpers/db.js";
import {
  ago,
  attemptsPath,
  capturedLog,
  DAY,
  DELIVERIES_PATH,
  deliveryItem,
  HOUR,
  later,
  MINUTE,
  mockListing,
  mockRedeliveries,
  NOW,
  recoveryDeps,
  redeliveryRow,
} from "./support.js";

describe("runs of the recovery job: the cap, one instance at a time, every 10 minutes", () => {
  const { db, secondPool } = useSecondInstance();

  it("asks at most three times for a delivery that keeps failing, then gives it up, logged once", async () => {
    const { log, lines } = capturedLog();
    const deps = recoveryDeps(db(), log);
    const attempts = [deliveryItem({ id: 100, guid: "g-stuck", deliveredAt: ago(HOUR) })];
    for (const [index, at] of [0, 10, 20].map((minutes) => [minutes / 10, later(minutes * MINUTE)] as const)) {
      mockListing([attempts]);
      mockRedeliveries(attempts[0]!.id);
      expect(await redeliverFailedDeliveries(deps, at)).toEqual({ examined: 1, redelivered: 1, givenUp: 0 });
      expect(await redeliveryRow(db(), "g-stuck")).toMatchObject({ attempts: index + 1, delivery_id: attempts[0]!.id });
      // GitHub redelivers at once, and the app fails again: a new attempt with the same GUID.
      attempts.unshift(deliveryItem({ id: 101 + index, guid: "g-stuck", deliveredAt: later(MINUTE, at), redelivery: true }));
    }

    mockListing([attempts]);
    expect(await redeliverFailedDeliveries(deps, later(30 * MINUTE))).toEqual({ examined: 1, redelivered: 0, givenUp: 1 });
    mockListing([attempts]);
    expect(await redeliverFailedDeliveries(deps, later(40 * MINUTE))).toEqual({ examined: 1, redelivered: 0, givenUp: 0 });

    expect(await redeliveryRow(db(), "g-stuck")).toMatchObject({ attempts: 3, given_up_at: later(30 * MINUTE) });
    const givenUp = lines.filter((line) => line.msg.startsWith("webhook delivery given up"));
    expect(givenUp).toHaveLength(1);
    expect(givenUp[0]).toMatchObject({ level: 40, guid: "g-stuck" });
  });

  it("lets one of two instances running at once list and redeliver; the other does nothing", async () => {
    mockListing([[deliveryItem({ id: 200, guid: "g-raced", deliveredAt: ago(HOUR) })]]);
    mockRedeliveries(200);

    const results = await Promise.all([
      redeliverFailedDeliveries(recoveryDeps(db()), NOW),
      redeliverFailedDeliveries(recoveryDeps(secondPool()), NOW),
    ]);

    expect(results).toContainEqual({ examined: 1, redelivered: 1, givenUp: 0 });
    expect(results).toContainEqual({ examined: 0, redelivered: 0, givenUp: 0 });
    expect(await redeliveryRow(db(), "g-raced")).toMatchObject({ attempts: 1 });
  });

  it("does nothing, asking GitHub nothing, when run again within 10 minutes; lists again after", async () => {
    const deps = recoveryDeps(db());
    mockListing([[]]);
    expect(await redeliverFailedDeliveries(deps, NOW)).toEqual({ examined: 0, redelivered: 0, givenUp: 0 });

    expect(await redeliverFailedDeliveries(deps, later(10 * MINUTE - 1_000))).toEqual({ examined: 0, redelivered: 0, givenUp: 0 });
    expect(nock.pendingMocks()).toEqual([]);

    mockListing([[deliveryItem({ id: 300, guid: "g-next", deliveredAt: later(5 * MINUTE) })]]);
    mockRedeliveries(300);
    expect(await redeliverFailedDeliveries(deps, later(10 * MINUTE))).toEqual({ examined: 1, redelivered: 1, givenUp: 0 });
  });

  it("is not held back by a run recorded far ahead (a `sweep --now` in the future)", async () => {
    expect(await claimJobRun(db(), RECOVERY_JOB, later(30 * DAY), 10)).toBe(true);
    mockListing([[]]);

    expect(await redeliverFailedDeliveries(recoveryDeps(db()), NOW)).toEqual({ examined: 0, redelivered: 0, givenUp: 0 });
  });

  it("goes on past a redelivery GitHub refuses, which still counts against the cap", async () => {
    const { log, lines } = capturedLog();
    mockListing([
      [
        deliveryItem({ id: 402, guid: "g-fine", deliveredAt: ago(HOUR) }),
        deliveryItem({ id: 401, guid: "g-refused", deliveredAt: ago(2 * HOUR) }),
      ],
    ]);
    nock(API).post(attemptsPath(401)).reply(422, { message: "Validation Failed" });
    mockRedeliveries(402);

    expect(await redeliverFailedDeliveries(recoveryDeps(db(), log), NOW)).toEqual({ examined: 2, redelivered: 1, givenUp: 0 });
    expect(await redeliveryRow(db(), "g-refused")).toMatchObject({ attempts: 1 });
    expect(lines.find((line) => line.guid === "g-refused")).toMatchObject({
      level: 40,
      msg: "GitHub refused to redeliver a webhook delivery",
    });
  });

  it("logs a listing GitHub fails to answer, and waits for the next run", async () => {
    const { log, lines } = capturedLog();
    nock(API).get(DELIVERIES_PATH).query({ per_page: 100 }).reply(502, { message: "Bad Gateway" });

    expect(await redeliverFailedDeliveries(recoveryDeps(db(), log), NOW)).toEqual({ examined: 0, redelivered: 0, givenUp: 0 });
    expect(lines.map((line) => [line.level, line.msg])).toEqual([[50, "webhook delivery recovery failed; it runs again later"]]);
  });

  it("runs from the due work when given an app client, and is skipped without one", async () => {
    const octokitFor = () => Promise.reject(new Error("no installation is due"));
    const base = { db: db(), log: recoveryDeps(db()).log, octokitFor, retentionDays: 730 };
    expect(await runDueWork(base, NOW)).toMatchObject({ deliveriesRedelivered: 0 });

    mockListing([[deliveryItem({ id: 500, guid: "g-due", deliveredAt: ago(HOUR) })]]);
    mockRedeliveries(500);
    const withApp = { ...base, appOctokit: recoveryDeps(db()).appOctokit, redeliveryWindowDays: 3 };
    expect(await runDueWork(withApp, NOW)).toMatchObject({ deliveriesRedelivered: 1, surveysWorked: 0, summariesPosted: 0 });
  });
});
