import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { defaultConfig } from "../../src/config/schema.js";
import { buildReport } from "../../src/model/report.js";
import { serviceSettingsOf } from "../../src/service-levels/response-times.js";
import { gatherSummary } from "../../src/summary/gather.js";
import { periodFromKey } from "../../src/summary/periods.js";
import { renderSummary } from "../../src/summary/render.js";
import type { StoredRepository } from "../../src/queries/repositories.js";
import { findRepositoriesByName } from "../../src/queries/repositories.js";
import { backends, useDatabase } from "../helpers/db.js";
import { seedDeskExperience, seedIdentityLink, seedInstallation, seedIssue, seedRepository } from "./seed.js";

const A = 100;
const APP = 500;
const [ALICE, BOB, ERIN, FRANK] = [1001, 1002, 1005, 1006];
const HOUR = 3600;
const from = new Date("2026-11-01T00:00:00Z");
const to = new Date("2026-12-01T00:00:00Z");
const inA = { installation: A, repo: APP };
const desk = (channel: string, identity: string, at: string, outcome: "positive" | "negative" | "neutral", more = {}) =>
  seedDeskExperience(db, { ...inA, channel, identity, at, outcome, ...more });
let db: Db;

/**
 * octo/app, window November 2026, every channel:
 *   alice  issue #1        opened 10-01, closed 10-02 positive   before the window: alice has come before
 *   alice  discussion #2   opened 11-03, closed 11-05 positive   first response after 2 h; repeat (#1)
 *   bob    discussion #3   opened 11-04, closed 11-06 negative   first response after 4 h
 *   erin   issue #4        opened 11-01, closed 11-02 positive   first response after 1 h
 *   frank  issue #5        opened 11-20, closed 11-21 positive   no response; repeat: frank's linked desk identity wrote on 10-25
 *   email  carol@example   10-20 positive (before), 11-10 negative   the second is a repeat of the first
 *   email  dan@example     11-15 neutral
 *   chat   alice-chat      11-12 positive   linked to alice: repeat (her #1), and alice counts once
 *   email  frank@example   10-25 positive   linked to frank, before the window
 *
 * In the window: #2 #3 #4 #5, carol 11-10, dan, alice-chat: total 7, positive 4, negative 2, neutral 1.
 * Repeat usage 4 (#2, #5, carol 11-10, alice-chat). People: alice, bob, erin, frank, carol, dan = 6.
 * satisfaction = (4 − 2) / 7 = 2/7; loyalty = (4 + 4) / (7 + 4) = 8/11; opportunity = 2/7 × 8/11 × 6 = 96/77.
 */
async function seedChannels(): Promise<void> {
  await seedInstallation(db, A);
  await seedRepository(db, A, APP, "octo/app");
  await seedIssue(db, {
    ...inA,
    number: 1,
    reporter: ALICE,
    openedAt: "2026-10-01T09:00:00Z",
    closedAt: "2026-10-02T09:00:00Z",
    outcome: "positive",
  });
  const discussion = { ...inA, channel: "discussions" as const };
  await seedIssue(db, {
    ...discussion,
    number: 2,
    reporter: ALICE,
    openedAt: "2026-11-03T09:00:00Z",
    firstResponseAt: "2026-11-03T11:00:00Z",
    closedAt: "2026-11-05T09:00:00Z",
    outcome: "positive",
  });
  await seedIssue(db, {
    ...discussion,
    number: 3,
    reporter: BOB,
    openedAt: "2026-11-04T09:00:00Z",
    firstResponseAt: "2026-11-04T13:00:00Z",
    closedAt: "2026-11-06T09:00:00Z",
    outcome: "negative",
  });
  await seedIssue(db, {
    ...inA,
    number: 4,
    reporter: ERIN,
    openedAt: "2026-11-01T09:00:00Z",
    firstResponseAt: "2026-11-01T10:00:00Z",
    closedAt: "2026-11-02T09:00:00Z",
    outcome: "positive",
  });
  await seedIssue(db, {
    ...inA,
    number: 5,
    reporter: FRANK,
    openedAt: "2026-11-20T09:00:00Z",
    closedAt: "2026-11-21T09:00:00Z",
    outcome: "positive",
  });
  await desk("email", "carol@example.com", "2026-10-20T09:00:00Z", "positive");
  await desk("email", "carol@example.com", "2026-11-10T09:00:00Z", "negative", {
    url: "https://desk.example.com/tickets/42?q=a b",
    comment: "Refund took *two* weeks, ask @octo",
  });
  await desk("email", "dan@example.com", "2026-11-15T09:00:00Z", "neutral");
  await desk("chat", "alice-chat", "2026-11-12T09:00:00Z", "positive");
  await desk("email", "frank@example.com", "2026-10-25T09:00:00Z", "positive");
  await seedIdentityLink(db, A, "alice-chat", ALICE);
  await seedIdentityLink(db, A, "frank@example.com", FRANK);
}

describe.each(backends)("the model across channels on $name", ({ create }) => {
  const store = useDatabase(create, { emptyEachTest: false });
  let repository: StoredRepository;
  beforeAll(async () => {
    db = store.db();
    await seedChannels();
    repository = (await findRepositoriesByName(db, "octo/app"))[0] as StoredRepository;
  });

  it("counts every channel together, a linked desk identity as its GitHub user", async () => {
    const report = await buildReport(db, repository, from, to);
    expect(report).toMatchObject({ total: 7, pending: 0, positive: 4, negative: 2, neutral: 1, repeatUsage: 4, marketDemand: 6 });
    expect(report.satisfaction).toBeCloseTo(2 / 7, 12);
    expect(report.loyalty).toBeCloseTo(8 / 11, 12);
    expect(report.businessOpportunity).toBeCloseTo(96 / 77, 12);
  });

  it("breaks the window down by channel: GitHub's first, then the desks by name", async () => {
    const { channels } = await buildReport(db, repository, from, to);
    const none = { medianSeconds: null, p90Seconds: null, count: 0 };
    expect(channels).toEqual([
      // #4 answered after 1 h, #5 never
      {
        channel: "issues",
        total: 2,
        pending: 0,
        positive: 2,
        negative: 0,
        neutral: 0,
        satisfaction: 1,
        firstResponse: { medianSeconds: HOUR, p90Seconds: HOUR, count: 1 },
      },
      // 2 h and 4 h: median 3 h, 90th percentile 2 + 0.9 × 2 = 3.8 h
      {
        channel: "discussions",
        total: 2,
        pending: 0,
        positive: 1,
        negative: 1,
        neutral: 0,
        satisfaction: 0,
        firstResponse: { medianSeconds: 3 * HOUR, p90Seconds: expect.closeTo(3.8 * HOUR, 6), count: 2 },
      },
      { channel: "chat", total: 1, pending: 0, positive: 1, negative: 0, neutral: 0, satisfaction: 1, firstResponse: none },
      { channel: "email", total: 2, pending: 0, positive: 0, negative: 1, neutral: 1, satisfaction: -0.5, firstResponse: none },
    ]);
  });

  it("shows the same breakdown in the monthly summary, between the figures and the trend", async () => {
    const subject = {
      installationId: A,
      name: "octo/app",
      repositories: [{ id: APP, fullName: "octo/app", stargazers: null }],
      marketDemand: "reporters" as const,
      service: serviceSettingsOf(defaultConfig.service_levels),
    };
    const data = await gatherSummary(db, subject, periodFromKey("2026-11", "UTC"), "UTC");
    expect(data.channels).toEqual((await buildReport(db, repository, from, to)).channels);
    const body = renderSummary(data, { marker: "<!-- m -->", periodNoun: "month" });
    const section = body.slice(body.indexOf("## By channel"), body.indexOf("## Trend"));
    expect(section.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| Channel"))).toEqual([
      "| Issues | 100.0 % | 2 | 2 | 0 | 0 | 0 | 1 h |",
      "| Discussions | 0.0 % | 2 | 1 | 1 | 0 | 0 | 3 h |",
      "| Chat | 100.0 % | 1 | 1 | 0 | 0 | 0 | — |",
      "| Email | −50.0 % | 2 | 0 | 1 | 1 | 0 | — |",
    ]);
    expect(body.indexOf("## Figures")).toBeLessThan(body.indexOf("## By channel"));
    // The pain points list the desk's negative by its channel alone (never the desk's link or the person's comment), beside the discussion's.
    expect(body).toContain(["- Email (closed 2026-11-10)", "- [#3](/octo/app/discussions/3) (closed 2026-11-06)"].join("\n"));
    expect(body).not.toMatch(/desk\.example|Refund|carol/);
  });

  it("counts a desk identity as its own person once the link is gone", async () => {
    await db.query("DELETE FROM identity_links WHERE installation_id = $1", [A]);
    // alice-chat is no longer alice (not a repeat, one more person); frank's #5 has no earlier contact.
    const report = await buildReport(db, repository, from, to);
    expect(report).toMatchObject({ total: 7, repeatUsage: 2, marketDemand: 7 });
    expect(report.loyalty).toBeCloseTo((4 + 2) / (7 + 2), 12);
  });
});
