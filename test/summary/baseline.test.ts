import { beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { serviceSettingsOf } from "../../src/service-levels/response-times.js";
import { gatherSummary } from "../../src/summary/gather.js";
import type { SummarySubject } from "../../src/summary/gather.js";
import {
  formatCountChange,
  formatDuration,
  formatDurationChange,
  formatNumber,
  formatPercent,
  formatRatioChange,
} from "../../src/summary/format.js";
import { periodFromKey } from "../../src/summary/periods.js";
import { renderSummary } from "../../src/summary/render.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import type { IssueSeed } from "./support.js";
import { REPO, seedIssue, seedRepository } from "./support.js";

const HOUR = 3_600_000;
const W35 = Date.parse("2026-08-24T00:00:00Z"); // the Monday 12 weeks before 2026-W47
const POSITIVE = [2, 1, 0, 3, 0, 2, 1, 4, 0, 2, 1, 3];
const NEGATIVE = [0, 1, 0, 1, 0, 0, 2, 1, 0, 0, 1, 0];
const iso = (time: number) => new Date(time).toISOString();
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** PostgreSQL's percentile_cont: linear between the two nearest of the sorted values. */
function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = q * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low]! + (at - low) * ((sorted[low + 1] ?? sorted[low]!) - sorted[low]!);
}

/**
 * Week i of the 12 before 2026-W47 (W35 + i): POSITIVE[i] then NEGATIVE[i] issues, issue j opened on
 * Tuesday, closed 2 + 3j + i hours later, and answered after (j + 1)/2 hours when j is even. Every
 * reporter is new. 2026-W47: 2 positive, 2 negative, each closed 7 days after it was opened, none answered.
 */
function seeds(): { issues: IssueSeed[]; closeHours: number[]; responseHours: number[] } {
  const issues: IssueSeed[] = [];
  const [closeHours, responseHours] = [[] as number[], [] as number[]];
  POSITIVE.forEach((positive, week) => {
    const tuesday = W35 + (week * 7 + 1) * 24 * HOUR;
    for (let j = 0; j < positive + NEGATIVE[week]!; j++) {
      const [close, response] = [2 + 3 * j + week, (j + 1) / 2];
      closeHours.push(close);
      if (j % 2 === 0) responseHours.push(response);
      issues.push({
        number: 100 + week * 10 + j,
        reporter: 1000 + week * 10 + j,
        openedAt: iso(tuesday),
        closedAt: iso(tuesday + close * HOUR),
        outcome: j < positive ? "positive" : "negative",
        ...(j % 2 === 0 ? { firstResponseAt: iso(tuesday + response * HOUR), firstResponder: "maint" } : {}),
      });
    }
  });
  for (let k = 0; k < 4; k++) {
    const opened = Date.parse("2026-11-12T00:00:00Z") + k * 6 * HOUR;
    const outcome = k < 2 ? "positive" : "negative";
    issues.push({ number: 900 + k, reporter: 2000 + k, openedAt: iso(opened), closedAt: iso(opened + 168 * HOUR), outcome });
  }
  return { issues, closeHours, responseHours };
}

describe.each(backends)("the comparison with the 12 weeks before, on $name", ({ create }) => {
  // Seeded once: the tests only read.
  const { db } = useDatabase(create, { emptyEachTest: false });
  const { issues, closeHours, responseHours } = seeds();
  beforeAll(async () => {
    await seedRepository(db());
    for (const issue of issues) await seedIssue(db(), issue);
  });

  async function body(): Promise<string> {
    const subject: SummarySubject = {
      installationId: INSTALLATION_ID,
      name: REPO.fullName,
      repositories: [{ ...REPO, stargazers: null }],
      marketDemand: "reporters",
      service: serviceSettingsOf(defaultConfig.service_levels),
    };
    const data = await gatherSummary(db(), subject, periodFromKey("2026-W47", "UTC"), "UTC");
    return renderSummary(data, { marker: "<!-- m -->", periodNoun: "week" });
  }

  it("averages each figure over the 12 weeks before, leaving out the weeks without data", async () => {
    const total = sum(POSITIVE) + sum(NEGATIVE);
    const weeksWithExperiences = POSITIVE.filter((p, i) => p + NEGATIVE[i]! > 0).length;
    const satisfaction = (sum(POSITIVE) - sum(NEGATIVE)) / total;
    const responseRate = responseHours.length / closeHours.length;
    const closeMedian = percentile(closeHours, 0.5) * 3600;
    const text = await body();
    expect(weeksWithExperiences).toBe(9);
    for (const row of [
      `| Satisfaction | 0.0 % | 100.0 % | \u2212100.0 pts | ${formatPercent(satisfaction)} (9 weeks) | ${formatRatioChange(0, satisfaction)} |`,
      `| Loyalty | 50.0 % | 100.0 % | \u221250.0 pts | ${formatPercent(sum(POSITIVE) / total)} (9 weeks) |`,
      `| Experiences (known outcome) | 4 | 3 | +1 | ${formatNumber(total / 12, 1)} | ${formatCountChange(4, total / 12, 1)} |`,
      `| — neutral | 0 | 0 | ±0 | 0.0 | ±0.0 |`,
      `| Response rate | 0.0 % | 66.7 % | \u221266.7 pts | ${formatPercent(responseRate)} (9 weeks) | ${formatRatioChange(0, responseRate)} |`,
      `| Time to first response, median | n/a | 1 h | n/a | ${formatDuration(percentile(responseHours, 0.5) * 3600)} (9 weeks) | n/a |`,
      `| Time to close, median | 7 d | 16 h | +6 d 8 h | ${formatDuration(closeMedian)} (9 weeks) | ${formatDurationChange(168 * 3600, closeMedian)} |`,
    ]) {
      expect(text).toContain(row);
    }
    // W46's 90th percentile: 16 h + 0.8 × (19 h − 16 h) = 18 h 24 min.
    const p90 = formatDuration(percentile(closeHours, 0.9) * 3600);
    expect(text).toContain(`| Time to close, 90th percentile | 7 d | 18 h 24 min | +6 d 6 h | ${p90} (9 weeks) |`);
    expect(text).toContain("<sub>Average: the 12 weeks before this one (2026-W35 to 2026-W46).");
  });

  it("names in the headline the figure that moved most against the previous week", async () => {
    // W46: 3 issues closed after 13, 16 and 19 hours (median 16 h), 100 % satisfied, 2 of 3 answered (after 30 min
    // and 1 h 30 min: median 1 h).
    // W47: median time to close 168 h: +950 %, against −100 % for satisfaction, business opportunity and response rate.
    const relative = Math.round(((168 - 16) / 16) * 100);
    const top = (await body()).split("\n## ")[0];
    expect(top).toContain(`\n\nBiggest change: median time to close +6 d 8 h against the previous week (+${relative} %)\n\n`);
  });
});
