import nock from "nock";
import type { Logger } from "pino";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import type { DueWorkDeps } from "../../src/due-work.js";
import { runDueWork } from "../../src/due-work.js";
import { API, createTestApp, createTestProbot, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import { mockInstallationLookup, uninstallPayload } from "../helpers/uninstall.js";
import { turnSummariesOff } from "../model/seed.js";
import { capturedLog, mockListing } from "../recovery/support.js";
import { installationRows } from "../security/support.js";
import { rowsOf } from "../webhooks/support.js";
import { OTHER_INSTALLATION, seed } from "./support.js";

// Issue 18, item 7: installation.deleted is not believed on its word. The webhook records the
// request; the due work asks GitHub (`GET /app/installations/{id}`) and erases only on a 404.
const RECEIVED = new Date("2026-11-03T10:00:05Z"); // createTestApp's clock
const minutesLater = (minutes: number) => new Date(RECEIVED.getTime() + minutes * 60_000);

/** The due work as the server runs it, as the app (JWT); no installation's own work is due yet. */
function dueWorkDeps(db: Db, log: Logger = pino({ level: "silent" }), withApp = true): DueWorkDeps {
  const probot = createTestProbot();
  const octokitFor = () => Promise.reject(new Error("no installation work is due"));
  return { db, log, octokitFor, retentionDays: 730, ...(withApp ? { appOctokit: () => probot.auth() } : {}) };
}

/** One installation's rows, leaving out the record of delivery `deliveryId`. */
async function rowsBesides(db: Db, installationId: number, deliveryId: string) {
  const rows = await installationRows(db, installationId);
  return { ...rows, deliveries: rows.deliveries?.filter((row) => (row as { id: string }).id !== deliveryId) };
}

const requestedAt = async (db: Db) =>
  rowsOf(db, "SELECT id, uninstall_requested_at FROM installations WHERE uninstall_requested_at IS NOT NULL");

describe.each(backends)("an uninstall erases an installation only once GitHub confirms it, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  /** Both installations seeded, their rows before, and the installation.deleted of 4242 received. */
  async function uninstalled() {
    const { probot } = createTestApp(db());
    await seed(probot);
    await turnSummariesOff(db());
    const before = { mine: await installationRows(db(), INSTALLATION_ID), other: await installationRows(db(), OTHER_INSTALLATION) };
    const deliveryId = await receive(probot, "installation", uninstallPayload(INSTALLATION_ID));
    return { probot, before, deliveryId };
  }

  it("installation.deleted only records the request; the due work erases every row once GitHub answers 404", async () => {
    const { before, deliveryId } = await uninstalled();
    expect(await requestedAt(db())).toEqual([{ id: INSTALLATION_ID, uninstall_requested_at: RECEIVED }]);
    const waiting = await rowsBesides(db(), INSTALLATION_ID, deliveryId);
    expect({ ...waiting, installations: before.mine.installations }).toEqual(before.mine);

    const { log, lines } = capturedLog();
    mockInstallationLookup(INSTALLATION_ID, 404);
    mockListing([[]]); // the delivery recovery's run, with the same app client
    expect(await runDueWork(dueWorkDeps(db(), log), minutesLater(1))).toMatchObject({ installationsErased: 1 });

    const empty = Object.fromEntries(Object.keys(before.mine).map((table) => [table, []]));
    expect(await installationRows(db(), INSTALLATION_ID)).toEqual(empty);
    expect(await installationRows(db(), OTHER_INSTALLATION)).toEqual(before.other);
    expect(lines.find((line) => line.msg === "installation erased: GitHub confirmed the uninstall")).toMatchObject({
      level: 30,
      installationId: INSTALLATION_ID,
    });
  });

  it("a forged or replayed installation.deleted erases nothing while GitHub still has the installation: every row kept, the request cleared", async () => {
    const { probot, before, deliveryId } = await uninstalled();
    const { log, lines } = capturedLog();
    mockInstallationLookup(INSTALLATION_ID, { suspendedAt: null });
    mockListing([[]]);
    expect(await runDueWork(dueWorkDeps(db(), log), minutesLater(1))).toMatchObject({ installationsErased: 0 });

    expect(await rowsBesides(db(), INSTALLATION_ID, deliveryId)).toEqual(before.mine);
    expect(await requestedAt(db())).toEqual([]);
    expect(lines.find((line) => line.msg === "installation.deleted not confirmed by GitHub; data kept")).toMatchObject({
      level: 40,
      installationId: INSTALLATION_ID,
    });

    // The same delivery again is already processed: nothing recorded, GitHub not asked (no mock).
    await receive(probot, "installation", uninstallPayload(INSTALLATION_ID), deliveryId);
    expect(await requestedAt(db())).toEqual([]);
    expect(await runDueWork(dueWorkDeps(db()), minutesLater(2))).toMatchObject({ installationsErased: 0 });
    expect(await rowsBesides(db(), INSTALLATION_ID, deliveryId)).toEqual(before.mine);
  });

  it("keeps every row of a merely suspended installation, and records its suspension", async () => {
    const { before, deliveryId } = await uninstalled();
    mockInstallationLookup(INSTALLATION_ID, { suspendedAt: "2026-11-03T09:30:00Z" });
    mockListing([[]]);
    expect(await runDueWork(dueWorkDeps(db()), minutesLater(1))).toMatchObject({ installationsErased: 0 });

    const [installation] = before.mine.installations as Record<string, unknown>[];
    const suspended = { ...installation, suspended_at: new Date("2026-11-03T09:30:00Z") };
    expect(await rowsBesides(db(), INSTALLATION_ID, deliveryId)).toEqual({ ...before.mine, installations: [suspended] });
    expect(await requestedAt(db())).toEqual([]);
  });

  it("keeps the rows and the request while GitHub fails (500, no answer), and erases at a later run answered 404", async () => {
    const { before, deliveryId } = await uninstalled();
    const { log, lines } = capturedLog();
    mockInstallationLookup(INSTALLATION_ID, 500);
    mockListing([[]]);
    expect(await runDueWork(dueWorkDeps(db(), log), minutesLater(1))).toMatchObject({ installationsErased: 0 });
    nock(API).get(`/app/installations/${INSTALLATION_ID}`).replyWithError("socket hang up");
    expect(await runDueWork(dueWorkDeps(db(), log), minutesLater(2))).toMatchObject({ installationsErased: 0 });

    const waiting = await rowsBesides(db(), INSTALLATION_ID, deliveryId);
    expect({ ...waiting, installations: before.mine.installations }).toEqual(before.mine);
    expect(await requestedAt(db())).toEqual([{ id: INSTALLATION_ID, uninstall_requested_at: RECEIVED }]);
    const failures = lines.filter((line) => line.msg === "uninstall not confirmed: GitHub did not answer; asked again at the next sweep");
    expect(failures.map((line) => [line.level, (line as { status?: number }).status])).toEqual([
      [40, 500],
      [40, undefined],
    ]);

    mockInstallationLookup(INSTALLATION_ID, 404);
    expect(await runDueWork(dueWorkDeps(db()), minutesLater(3))).toMatchObject({ installationsErased: 1 });
    expect(await rowsOf(db(), "SELECT id FROM installations")).toEqual([{ id: OTHER_INSTALLATION }]);
  });

  it("erases nothing and keeps the request when no app client is configured", async () => {
    const { before, deliveryId } = await uninstalled();
    expect(await runDueWork(dueWorkDeps(db(), undefined, false), minutesLater(1))).toMatchObject({ installationsErased: 0 });

    const waiting = await rowsBesides(db(), INSTALLATION_ID, deliveryId);
    expect({ ...waiting, installations: before.mine.installations }).toEqual(before.mine);
    expect(await requestedAt(db())).toEqual([{ id: INSTALLATION_ID, uninstall_requested_at: RECEIVED }]);
  });

  it("records nothing for an installation it never stored, and asks GitHub nothing about it", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "installation", uninstallPayload(777));
    expect(await rowsOf(db(), "SELECT id FROM installations")).toEqual([]);
    mockListing([[]]);
    expect(await runDueWork(dueWorkDeps(db()), minutesLater(1))).toMatchObject({ installationsErased: 0 });
  });
});
