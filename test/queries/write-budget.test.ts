import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Queryable } from "../../src/db/types.js";
import { takeWrite, WRITES_PER_HOUR, WRITES_PER_MINUTE } from "../../src/queries/write-budget.js";
import { backends, useDatabase } from "../helpers/db.js";
import { seedInstallation } from "../helpers/seed-work.js";

// GitHub's secondary limits: 80 content-creating requests a minute, 500 an hour. Each test runs in
// one transaction, where now() stands still, so no minute can turn under it.
const A = 100;
const B = 200;

/** Spends `used` of installation `installationId`'s budget `minutesAgo` minutes before now(). */
async function spent(tx: Queryable, installationId: number, minutesAgo: number, used: number): Promise<void> {
  await tx.query(
    `INSERT INTO write_budget (installation_id, minute, used) VALUES ($1, date_trunc('minute', now()) - make_interval(mins => $2::int), $3)`,
    [installationId, minutesAgo, used],
  );
}

async function takes(tx: Queryable, installationId: number, times: number): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let i = 0; i < times; i++) results.push(await takeWrite(tx, installationId));
  return results;
}

const rows = async (tx: Queryable) =>
  (
    await tx.query(
      "SELECT installation_id::int AS inst, round(extract(epoch FROM date_trunc('minute', now()) - minute) / 60)::int AS ago, used FROM write_budget ORDER BY 1, 2",
    )
  ).rows;

describe.each(backends)("the write budget on $name", ({ create }) => {
  const { db } = useDatabase(create, { emptyEachTest: false });
  beforeAll(async () => {
    await seedInstallation(db(), A, "a");
    await seedInstallation(db(), B, "b");
  });
  beforeEach(async () => db().exec("DELETE FROM write_budget"));

  it(`allows ${WRITES_PER_MINUTE} a minute, and does not count a refused request`, async () => {
    await db().transaction(async (tx) => {
      await spent(tx, A, 0, WRITES_PER_MINUTE - 2);
      expect(await takes(tx, A, 4)).toEqual([true, true, false, false]);
      expect(await rows(tx)).toEqual([{ inst: A, ago: 0, used: WRITES_PER_MINUTE }]);
    });
  });

  it(`allows ${WRITES_PER_HOUR} in the last hour, counting the past 59 minutes and this one`, async () => {
    await db().transaction(async (tx) => {
      // 8 minutes of 60 each = 480 over the hour: spent, although this minute has none.
      for (const ago of [5, 10, 20, 30, 40, 50, 55, 59]) await spent(tx, A, ago, 60);
      expect(await takes(tx, A, 2)).toEqual([false, false]);
      // The oldest leaves the hour: 420 in it, so 60 more fit, then no more.
      await tx.query(
        "UPDATE write_budget SET minute = minute - interval '1 minute' WHERE minute = date_trunc('minute', now()) - interval '59 minutes'",
      );
      const results = await takes(tx, A, 62);
      expect(results.filter(Boolean)).toHaveLength(60);
      expect(results.slice(60)).toEqual([false, false]);
      expect((await rows(tx)).find((row) => row.ago === 0)).toEqual({ inst: A, ago: 0, used: 60 });
    });
  });

  it("keeps each installation's budget apart", async () => {
    await db().transaction(async (tx) => {
      await spent(tx, A, 0, WRITES_PER_MINUTE);
      await spent(tx, A, 30, WRITES_PER_HOUR);
      expect(await takes(tx, B, 1)).toEqual([true]);
      expect(await takes(tx, A, 1)).toEqual([false]);
    });
  });
});
