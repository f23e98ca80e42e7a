import { pino } from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { runDueWork } from "../../src/due-work.js";
import { applyRetention, retentionCutoff } from "../../src/privacy/retention.js";
import { backends, useDatabase } from "../helpers/db.js";
import { seedInstallation, seedIssue, seedRepository, turnSummariesOff } from "../model/seed.js";

const NOW = new Date("2026-11-25T09:00:00Z");
const CUTOFF = new Date("2024-11-25T09:00:00Z"); // 730 days of 24 hours before NOW
const ms = (date: Date, offset: number) => new Date(date.getTime() + offset).toISOString();

/** Answered experiences in two installations, closed around the cutoff; issue numbers tell them apart. */
async function seed(db: Db): Promise<void> {
  for (const installation of [1, 2]) {
    await seedInstallation(db, installation);
    await seedRepository(db, installation, 10, "octo/app");
  }
  const closes: [number, number, string][] = [
    [1, 1, "2023-06-01T00:00:00Z"], // years before: deleted
    [1, 2, ms(CUTOFF, -1)], // a millisecond before the cutoff: deleted
    [1, 3, CUTOFF.toISOString()], // exactly at the cutoff: kept
    [1, 4, ms(CUTOFF, 1)], // just after: kept
    [1, 5, "2026-11-20T00:00:00Z"], // recent: kept
    [2, 6, "2024-01-01T00:00:00Z"], // another installation, old: deleted too (retention is time-based)
    [2, 7, "2026-01-01T00:00:00Z"], // another installation, recent: kept
  ];
  for (const [installation, number, closedAt] of closes) {
    await seedIssue(db, {
      installation,
      repo: 10,
      number,
      reporter: 100 + number,
      openedAt: "2023-01-01T00:00:00Z",
      closedAt,
      outcome: "positive",
    });
  }
}

const numbers = async (db: Db, table: string, column: string) =>
  (await db.query<{ n: number }>(`SELECT ${column} AS n FROM ${table} ORDER BY ${column}`)).rows.map((row) => row.n);

describe.each(backends)("retention on $name", ({ create }) => {
  const { db } = useDatabase(create);
  beforeEach(async () => {
    await seed(db());
  });

  it("computes the cutoff as whole days of 24 hours", () => {
    expect(retentionCutoff(NOW, 730)).toEqual(CUTOFF);
    expect(retentionCutoff(NOW, 1)).toEqual(new Date("2026-11-24T09:00:00Z"));
  });

  it("deletes exactly the experiences, and their surveys, closed before the cutoff", async () => {
    expect(await applyRetention(db(), NOW, 730)).toBe(3);

    expect(await numbers(db(), "experiences", "issue_number")).toEqual([3, 4, 5, 7]);
    expect(await numbers(db(), "surveys", "issue_number")).toEqual([3, 4, 5, 7]);
    expect(await numbers(db(), "issues", "number")).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await applyRetention(db(), NOW, 730)).toBe(0);
  });

  it("runs with the due work, by the retention it is given", async () => {
    await turnSummariesOff(db());
    const deps = {
      db: db(),
      log: pino({ level: "silent" }),
      octokitFor: () => Promise.reject(new Error("no GitHub call expected")),
      retentionDays: 365,
    };

    const result = await runDueWork(deps, NOW);

    expect(result).toMatchObject({ experiencesExpired: 5, surveysWorked: 0, summariesPosted: 0 });
    expect(await numbers(db(), "experiences", "issue_number")).toEqual([5, 7]);
  });

  it("refuses a retention under one day", async () => {
    await expect(applyRetention(db(), NOW, 0)).rejects.toThrow(RangeError);
    expect(await numbers(db(), "experiences", "issue_number")).toHaveLength(7);
  });
});
