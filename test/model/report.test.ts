import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { buildReport } from "../../src/model/report.js";
import { countExperiences } from "../../src/queries/experience-counts.js";
import type { StoredRepository } from "../../src/queries/repositories.js";
import { findRepositoriesByName } from "../../src/queries/repositories.js";
import { backends, useDatabase } from "../helpers/db.js";
import { seedInstallation, seedIssue, seedRepository } from "./seed.js";

const A = 100; // the installation reported on
const B = 200; // another installation with a repository of the same full name (and the same id)
const APP = 500; // octo/app, in A and in B
const OTHER = 501; // octo/other, in A
const ALICE = 1001;
const BOB = 1002;
const CAROL = 1003;
const DAVE = 1004;
const ERIN = 1005;
const FRANK = 1006;
const GINA = 2001;

const HOUR = 3600;
const DAY = 24 * HOUR;
const from = new Date("2026-11-01T00:00:00Z");
const noResponse = { firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 } };
const to = new Date("2026-12-01T00:00:00Z");

/**
 * Installation A, octo/app, window [2026-11-01, 2026-12-01):
 *   alice  #1  opened 10-01, closed 10-02 positive   outside (before from); makes alice a repeat user
 *   alice  #10 opened 11-02, closed 11-05 positive   in, repeat (her #1 is earlier)
 *   alice  #11 opened 11-03, closed 11-10 negative   in, repeat
 *   alice  #12 opened 11-04, closed 11-20 pending    in, pending: not in total nor repeat usage
 *   bob    #20 opened 10-20, closed exactly at from   positive, in (from is inclusive), not repeat:
 *          bob's earlier issue is in octo/other
 *   carol  #30 opened 11-01, closed exactly at to     positive, outside (to is exclusive)
 *   carol  #31 opened 10-01, closed 10-31T23:59:59    negative, outside
 *   dave   #40 opened 11-10, closed 11-15 neutral    in, not repeat (his #41 was opened later)
 *   dave   #41 opened 11-20, still open
 *   erin   #50 opened 11-21, closed 11-25 pending    in, pending
 *   frank  #60 opened 11-22, closed 11-28 positive   in, not repeat (his earlier issue is in installation B)
 * Installation A, octo/other: bob #1 opened 09-01.
 *
 * In the window: #10 #11 #12 #20 #40 #50 #60
 *   total = 5 (#10 #11 #20 #40 #60), pending = 2 (#12 #50)
 *   positive = 3 (#10 #20 #60), negative = 1 (#11), neutral = 1 (#40)
 *   repeatUsage = 2 (#10 #11), marketDemand = 5 (alice, bob, dave, erin, frank)
 *   satisfaction = (3 − 1) / 5 = 0.4
 *   loyalty = (3 + 2) / (5 + 2) = 5/7 ≈ 0.714286
 *   businessOpportunity = 0.4 × 5/7 × 5 = 10/7 ≈ 1.428571
 *
 * Installation B, octo/app (same id 500), issue numbers overlapping A's:
 *   frank  #10 opened 09-15, closed 09-20 positive   outside; makes frank a repeat user in B only
 *   frank  #60 opened 11-02, closed 11-12 positive   in, repeat
 *   gina   #11 opened 11-03, closed 11-13 negative   in
 *   alice  #12 opened 11-04, closed 11-14 negative   in, not repeat (her #1 is in installation A)
 *   total 3, positive 1, negative 2, repeatUsage 1, marketDemand 3
 *   satisfaction = (1 − 2) / 3 = −1/3; loyalty = (1 + 1) / (3 + 1) = 0.5; business opportunity = −1/3 × 0.5 × 3 = −0.5
 */
async function seedScenario(db: Db): Promise<void> {
  await seedInstallation(db, A);
  await seedInstallation(db, B);
  await seedRepository(db, A, APP, "octo/app");
  await seedRepository(db, A, OTHER, "octo/other");
  await seedRepository(db, B, APP, "octo/app");
  const inA = { installation: A, repo: APP };
  await seedIssue(db, {
    ...inA,
    number: 1,
    reporter: ALICE,
    openedAt: "2026-10-01T09:00:00Z",
    closedAt: "2026-10-02T09:00:00Z",
    outcome: "positive",
  });
  await seedIssue(db, {
    ...inA,
    number: 10,
    reporter: ALICE,
    openedAt: "2026-11-02T09:00:00Z",
    closedAt: "2026-11-05T09:00:00Z",
    outcome: "positive",
  });
  await seedIssue(db, {
    ...inA,
    number: 11,
    reporter: ALICE,
    openedAt: "2026-11-03T09:00:00Z",
    closedAt: "2026-11-10T09:00:00Z",
    outcome: "negative",
  });
  await seedIssue(db, {
    ...inA,
    number: 12,
    reporter: ALICE,
    openedAt: "2026-11-04T09:00:00Z",
    closedAt: "2026-11-20T09:00:00Z",
    outcome: "pending",
  });
  await seedIssue(db, { installation: A, repo: OTHER, number: 1, reporter: BOB, openedAt: "2026-09-01T09:00:00Z" });
  await seedIssue(db, {
    ...inA,
    number: 20,
    reporter: BOB,
    openedAt: "2026-10-20T09:00:00Z",
    closedAt: from.toISOString(),
    outcome: "positive",
  });
  await seedIssue(db, {
    ...inA,
    number: 30,
    reporter: CAROL,
    openedAt: "2026-11-01T09:00:00Z",
    closedAt: to.toISOString(),
    outcome: "positive",
  });
  await seedIssue(db, {
    ...inA,
    number: 31,
    reporter: CAROL,
    openedAt: "2026-10-01T09:00:00Z",
    closedAt: "2026-10-31T23:59:59Z",
    outcome: "negative",
  });
  await seedIssue(db, {
    ...inA,
    number: 40,
    reporter: DAVE,
    openedAt: "2026-11-10T09:00:00Z",
    closedAt: "2026-11-15T09:00:00Z",
    outcome: "neutral",
  });
  await seedIssue(db, { ...inA, number: 41, reporter: DAVE, openedAt: "2026-11-20T09:00:00Z" });
  await seedIssue(db, {
    ...inA,
    number: 50,
    reporter: ERIN,
    openedAt: "2026-11-21T09:00:00Z",
    closedAt: "2026-11-25T09:00:00Z",
    outcome: "pending",
  });
  await seedIssue(db, {
    ...inA,
    number: 60,
    reporter: FRANK,
    openedAt: "2026-11-22T09:00:00Z",
    closedAt: "2026-11-28T09:00:00Z",
    outcome: "positive",
  });
  const inB = { installation: B, repo: APP };
  await seedIssue(db, {
    ...inB,
    number: 10,
    reporter: FRANK,
    openedAt: "2026-09-15T09:00:00Z",
    closedAt: "2026-09-20T09:00:00Z",
    outcome: "positive",
  });
  await seedIssue(db, {
    ...inB,
    number: 60,
    reporter: FRANK,
    openedAt: "2026-11-02T09:00:00Z",
    closedAt: "2026-11-12T09:00:00Z",
    outcome: "positive",
  });
  await seedIssue(db, {
    ...inB,
    number: 11,
    reporter: GINA,
    openedAt: "2026-11-03T09:00:00Z",
    closedAt: "2026-11-13T09:00:00Z",
    outcome: "negative",
  });
  await seedIssue(db, {
    ...inB,
    number: 12,
    reporter: ALICE,
    openedAt: "2026-11-04T09:00:00Z",
    closedAt: "2026-11-14T09:00:00Z",
    outcome: "negative",
  });
}

describe.each(backends)("the report on $name", ({ create }) => {
  const { db } = useDatabase(create, { emptyEachTest: false });
  let inA: StoredRepository;
  let inB: StoredRepository;
  beforeAll(async () => {
    await seedScenario(db());
    const found = await findRepositoriesByName(db(), "Octo/App");
    expect(found.map((repository) => repository.installationId)).toEqual([A, B]);
    [inA, inB] = found as [StoredRepository, StoredRepository];
  });

  it("counts the window's experiences: from inclusive, to exclusive, repeat usage per repository", async () => {
    expect(await countExperiences(db(), { installationId: A, repositoryId: APP, from, to })).toEqual({
      total: 5,
      pending: 2,
      positive: 3,
      negative: 1,
      neutral: 1,
      repeatUsage: 2,
      marketDemand: 5,
    });
  });

  it("builds every field of the report for installation A's octo/app", async () => {
    const report = await buildReport(db(), inA, from, to);
    const { satisfaction, loyalty, businessOpportunity, clock, firstResponse, timeToClose, responseRate, channels, ...rest } = report;
    // Every experience came from an issue: the breakdown has one row, the same counts.
    expect(channels).toEqual([
      { ...noResponse, channel: "issues", total: 5, pending: 2, positive: 3, negative: 1, neutral: 1, satisfaction: 0.4 },
    ]);
    // Opening to close of #10 #11 #12 #20 #40 #50 #60, in days: 3 7 16 11.625 5 4 6; nobody answered.
    // Median 6 d; 90th percentile (interpolated at rank 5.4 of 0-6) 11.625 + 0.4 × (16 − 11.625) = 13.375 d.
    expect({ clock, firstResponse, responseRate }).toEqual({
      clock: "calendar",
      firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
      responseRate: 0,
    });
    expect(timeToClose).toMatchObject({ medianSeconds: 6 * DAY, count: 7 });
    expect(timeToClose.p90Seconds).toBeCloseTo(13.375 * DAY, 3);
    expect(rest).toEqual({
      repository: "octo/app",
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-12-01T00:00:00.000Z",
      total: 5,
      pending: 2,
      positive: 3,
      negative: 1,
      neutral: 1,
      repeatUsage: 2,
      marketDemand: 5,
    });
    expect(satisfaction).toBeCloseTo(0.4, 12);
    expect(loyalty).toBeCloseTo(0.714286, 6);
    expect(businessOpportunity).toBeCloseTo(1.428571, 6);
  });

  it("keeps installation B's repository of the same name apart", async () => {
    const report = await buildReport(db(), inB, from, to);
    const { satisfaction, loyalty, businessOpportunity, clock, firstResponse, timeToClose, responseRate, channels, ...rest } = report;
    expect(channels).toEqual([
      { ...noResponse, channel: "issues", total: 3, pending: 0, positive: 1, negative: 2, neutral: 0, satisfaction: -1 / 3 },
    ]);
    // #60 #11 #12 of installation B each took 10 days to close.
    expect({ clock, timeToClose, responseRate }).toEqual({
      clock: "calendar",
      timeToClose: { medianSeconds: 10 * DAY, p90Seconds: 10 * DAY, count: 3 },
      responseRate: 0,
    });
    expect(firstResponse.count).toBe(0);
    expect(rest).toEqual({
      repository: "octo/app",
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-12-01T00:00:00.000Z",
      total: 3,
      pending: 0,
      positive: 1,
      negative: 2,
      neutral: 0,
      repeatUsage: 1,
      marketDemand: 3,
    });
    expect(satisfaction).toBeCloseTo(-1 / 3, 12);
    expect(loyalty).toBe(0.5);
    expect(businessOpportunity).toBeCloseTo(-0.5, 12);
  });

  it("moves the edges with the window: the experience at `to` belongs to the next one", async () => {
    // [2026-12-01, 2027-01-01): only carol's #30: positive, and a repeat (her #31 was opened earlier)
    // satisfaction = 1/1 = 1; loyalty = (1 + 1) / (1 + 1) = 1; business opportunity = 1 × 1 × 1 = 1
    const next = await buildReport(db(), inA, to, new Date("2027-01-01T00:00:00Z"));
    expect(next).toMatchObject({ total: 1, pending: 0, positive: 1, repeatUsage: 1, marketDemand: 1 });
    expect(next).toMatchObject({ satisfaction: 1, loyalty: 1, businessOpportunity: 1 });
    // [2026-10-01, 2026-11-01): alice #1 positive, carol #31 negative, each their first issue; #20 at 11-01 is not in it
    // satisfaction = (1 − 1) / 2 = 0; loyalty = (1 + 0) / (2 + 0) = 0.5; business opportunity = 0
    const before = await buildReport(db(), inA, new Date("2026-10-01T00:00:00Z"), from);
    expect(before).toMatchObject({ total: 2, positive: 1, negative: 1, repeatUsage: 0, marketDemand: 2 });
    expect(before).toMatchObject({ satisfaction: 0, loyalty: 0.5, businessOpportunity: 0 });
  });

  it("reports null figures, not NaN or 0, for a window with only pending experiences or none", async () => {
    // [2026-11-20, 2026-11-26): alice #12 and erin #50, both pending
    const pendingOnly = await buildReport(db(), inA, new Date("2026-11-20T00:00:00Z"), new Date("2026-11-26T00:00:00Z"));
    expect(pendingOnly).toMatchObject({ total: 0, pending: 2, repeatUsage: 0, marketDemand: 2 });
    expect(pendingOnly).toMatchObject({ satisfaction: null, loyalty: null, businessOpportunity: null });
    // Their issues took 16 and 4 days to close: median 10 d, 90th percentile 4 + 0.9 × 12 = 14.8 d.
    expect(pendingOnly.timeToClose).toEqual({ medianSeconds: 10 * DAY, p90Seconds: 14.8 * DAY, count: 2 });
    const empty = await buildReport(db(), inA, new Date("2030-01-01T00:00:00Z"), new Date("2030-02-01T00:00:00Z"));
    expect(empty).toEqual({
      repository: "octo/app",
      from: "2030-01-01T00:00:00.000Z",
      to: "2030-02-01T00:00:00.000Z",
      total: 0,
      pending: 0,
      positive: 0,
      negative: 0,
      neutral: 0,
      repeatUsage: 0,
      marketDemand: 0,
      satisfaction: null,
      loyalty: null,
      businessOpportunity: null,
      clock: "calendar",
      firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
      timeToClose: { medianSeconds: null, p90Seconds: null, count: 0 },
      responseRate: null,
      channels: [],
    });
  });

  it("measures first responses and closes of the window's experiences, and the share that had a response", async () => {
    const TIMES = 502;
    await seedRepository(db(), A, TIMES, "octo/times");
    const times = { installation: A, repo: TIMES, outcome: "positive" as const };
    // #1 answered after 1 h, closed after 2 d; #2 answered after 5 h, closed after 1 d; #3 never answered,
    // closed after 4 d; #4 answered only after its close (not a response to it), closed after 3 d.
    await seedIssue(db(), {
      ...times,
      number: 1,
      reporter: ALICE,
      openedAt: "2026-12-01T09:00:00Z",
      firstResponseAt: "2026-12-01T10:00:00Z",
      closedAt: "2026-12-03T09:00:00Z",
    });
    await seedIssue(db(), {
      ...times,
      number: 2,
      reporter: BOB,
      openedAt: "2026-12-02T09:00:00Z",
      firstResponseAt: "2026-12-02T14:00:00Z",
      closedAt: "2026-12-03T09:00:00Z",
    });
    await seedIssue(db(), { ...times, number: 3, reporter: CAROL, openedAt: "2026-12-02T09:00:00Z", closedAt: "2026-12-06T09:00:00Z" });
    await seedIssue(db(), {
      ...times,
      number: 4,
      reporter: DAVE,
      openedAt: "2026-12-02T09:00:00Z",
      firstResponseAt: "2026-12-08T09:00:00Z",
      closedAt: "2026-12-05T09:00:00Z",
    });
    const [repository] = await findRepositoriesByName(db(), "octo/times", A);
    if (!repository) throw new Error("octo/times is not stored");

    const report = await buildReport(db(), repository, new Date("2026-12-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"));

    // First responses 1 h and 5 h: median 3 h, 90th percentile 1 + 0.9 × 4 = 4.6 h. Closes 2, 1, 4, 3 d: median
    // 2.5 d, 90th percentile (rank 2.7) 3 + 0.7 × 1 = 3.7 d. Responded before the close: 2 of 4.
    expect({ firstResponse: report.firstResponse, timeToClose: report.timeToClose, responseRate: report.responseRate }).toEqual({
      firstResponse: { medianSeconds: 3 * HOUR, p90Seconds: 4.6 * HOUR, count: 2 },
      timeToClose: { medianSeconds: 2.5 * DAY, p90Seconds: 3.7 * DAY, count: 4 },
      responseRate: 0.5,
    });
  });
});
