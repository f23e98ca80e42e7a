import { describe, expect, it } from "vitest";
import { lastPeriods, periodFromKey } from "../../src/summary/periods.js";
import { renderCheckRunOutput, renderSummary, summaryTitle } from "../../src/summary/render.js";
import { trimToLimit } from "../../src/summary/trim.js";
import type { PainPoint, SummaryData } from "../../src/summary/types.js";
import { figures, service } from "./period-figures.js";

const MARKER = "<!-- satisfaction-bot:summary -->";
const WEEK = { marker: MARKER, periodNoun: "week" } as const;
// This week: satisfaction (4 − 1)/7 = 42.9 %, loyalty (4 + 3)/(7 + 3) = 70.0 %, BO 3/7 × 0.7 × 8 = 2.40.
// Previous: satisfaction (2 − 1)/4 = 25.0 %, loyalty (2 + 1)/(4 + 1) = 60.0 %, BO 0.25 × 0.6 × 4 = 0.60.
const current = figures(
  "2026-W47",
  { positive: 4, negative: 1, neutral: 2, pending: 2, repeatUsage: 3, marketDemand: 8 },
  {
    closed: 8,
    responseRate: 0.75,
    reopenRate: 0.125,
    timeToFirstResponse: { median: 3 * 3600 + 12 * 60, p90: 2 * 86_400 + 4 * 3600, count: 6 },
    timeToClose: { median: 86_400, p90: null, count: 8 },
  },
);
const previous = figures(
  "2026-W46",
  { positive: 2, negative: 1, neutral: 1, repeatUsage: 1, marketDemand: 4 },
  {
    closed: 4,
    responseRate: 0.5,
    reopenRate: 0,
    timeToFirstResponse: { median: 3600, p90: 7200, count: 2 },
  },
);

// The 12 weeks before W47 (W35 to W46): nothing but W40 and the previous week. W40: 1 positive, 3 negative,
// demand 4: satisfaction −50.0 %, loyalty 1/4, BO −0.5 × 0.25 × 4 = −0.50; 2 closed, both answered after 2 h.
// Averaged: satisfaction (2 + 1 − 1 − 3)/(4 + 4) = −12.5 %, loyalty (2 + 1 + 1)/(4 + 4 + 1) = 44.4 %, BO the mean
// of −0.50 and 0.60 = 0.05, each of 2 weeks; experiences 8/12 = 0.7 a week; response rate (2 + 2)/(2 + 4) = 66.7 %.
const w40 = figures(
  "2026-W40",
  { positive: 1, negative: 3, marketDemand: 4 },
  { closed: 2, responseRate: 1, reopenRate: 0, timeToFirstResponse: { median: 7200, p90: 7200, count: 2 } },
);
const baseline = {
  periods: lastPeriods(previous.period, 12, "UTC").map((p) =>
    p.key === "2026-W40" ? w40 : p.key === "2026-W46" ? previous : figures(p.key),
  ),
  service: service({ closed: 6, responseRate: 4 / 6, reopenRate: 0, timeToFirstResponse: { median: 3600, p90: 7200, count: 4 } }),
};

function summary(overrides: Partial<SummaryData> = {}): SummaryData {
  const weeks = lastPeriods(current.period, 12, "UTC")
    .slice(0, 10)
    .map((p) => figures(p.key));
  return {
    subject: "octo/app",
    current,
    previous,
    trend: [...weeks, previous, current],
    baseline,
    painPoints: [{ reference: "#12", title: "Crash on start", closedAt: new Date("2026-11-18T10:00:00Z") }],
    labels: [{ label: "bug", total: 5, positive: 3, negative: 1, neutral: 1, satisfaction: 0.4 }],
    responders: [{ login: "octocat", firstResponses: 4, medianSeconds: 1800 }],
    ...overrides,
  };
}

const section = (body: string, heading: string): string => body.split(`## ${heading}\n`)[1]?.split("\n## ")[0] ?? "";
const bytes = (text: string) => Buffer.byteLength(text, "utf8");

describe("renderSummary", () => {
  it("starts with the marker, the headline figures and their changes, and the experiences", () => {
    const lines = renderSummary(summary(), WEEK).split("\n");
    expect(lines[0]).toBe(MARKER);
    const top = lines.slice(0, 8).join("\n");
    expect(top).toContain("**Satisfaction 42.9 %** (+17.9 pts) · **Loyalty 70.0 %** (+10.0 pts) · **Business opportunity 2.40** (+1.80)");
    expect(top).toContain("Experiences: 4 positive / 1 negative / 2 neutral / 2 pending");
  });

  it("breaks the week down by channel only when more than one channel had experiences", () => {
    const none = { medianSeconds: null, p90Seconds: null, count: 0 };
    const issues = {
      channel: "issues",
      total: 5,
      pending: 2,
      positive: 3,
      negative: 1,
      neutral: 1,
      satisfaction: 0.4,
      firstResponse: none,
    };
    const email = { channel: "email", total: 2, pending: 0, positive: 1, negative: 0, neutral: 1, satisfaction: 0.5, firstResponse: none };
    expect(renderSummary(summary({ channels: [issues] }), WEEK)).not.toContain("## By channel");
    const body = renderSummary(summary({ channels: [issues, email] }), WEEK);
    expect(body).toContain("| Issues | 40.0 % | 5 | 3 | 1 | 1 | 2 | n/a |\n| Email | 50.0 % | 2 | 1 | 0 | 1 | 0 | — |");
  });

  it("names the key figure that moved most against the previous week", () => {
    // Satisfaction +71 % (3/7 against 1/4), loyalty +17 %, business opportunity 2.40 against 0.60: +300 %,
    // experiences +75 %, response rate +50 %, time to first response 3 h 12 min against 1 h: +220 %.
    const top = renderSummary(summary(), WEEK).split("\n## ")[0] ?? "";
    expect(top).toContain("\n\nBiggest change: business opportunity +1.80 against the previous week (+300 %)\n\nExperiences:");
    const quiet = figures("2026-W47");
    expect(renderSummary(summary({ current: quiet, previous: figures("2026-W46") }), WEEK)).toContain(
      "No figure moved against the previous week.",
    );
    expect(renderCheckRunOutput(summary(), WEEK).summary).toContain("Biggest change: business opportunity +1.80");
  });

  it("tables every figure: this week, the previous one, the change, the average of the 12 weeks before, the change against it", () => {
    const table = section(renderSummary(summary(), WEEK), "Figures");
    expect(table).toContain("| Figure | This week | Previous week | Change | 12-week average | Against average |");
    // A ratio, a time or business opportunity that fewer weeks had says of how many weeks.
    for (const row of [
      "| Satisfaction | 42.9 % | 25.0 % | +17.9 pts | \u221212.5 % (2 weeks) | +55.4 pts |",
      "| Loyalty | 70.0 % | 60.0 % | +10.0 pts | 44.4 % (2 weeks) | +25.6 pts |",
      "| Business opportunity | 2.40 | 0.60 | +1.80 | 0.05 (2 weeks) | +2.35 |",
      "| Experiences (known outcome) | 7 | 4 | +3 | 0.7 | +6.3 |",
      "| Experiences pending | 2 | 0 | +2 | 0.0 | +2.0 |",
      "| Response rate | 75.0 % | 50.0 % | +25.0 pts | 66.7 % (2 weeks) | +8.3 pts |",
      "| Market demand | 8 | 4 | +4 | 0.7 | +7.3 |",
      "| Time to first response, median | 3 h 12 min | 1 h | +2 h 12 min | 1 h (2 weeks) | +2 h 12 min |",
      "| Time to close, median | 1 d | n/a | new | n/a | new |",
      "| Time to close, 90th percentile | n/a | n/a | n/a | n/a | n/a |",
      "| Reopen rate | 12.5 % | 0.0 % | +12.5 pts | 0.0 % (2 weeks) | +12.5 pts |",
    ]) {
      expect(table).toContain(row);
    }
    expect(table).toContain("<sub>Average: the 12 weeks before this one (2026-W35 to 2026-W46).");
  });

  it("prints missing figures as n/a or new, never NaN, Infinity or undefined", () => {
    const empty = figures("2026-W46");
    const broken = { ...current, model: { ...current.model, loyalty: Number.NaN, businessOpportunity: Number.POSITIVE_INFINITY } };
    for (const data of [summary({ previous: empty }), summary({ current: empty, trend: [empty] }), summary({ current: broken })]) {
      const body = renderSummary(data, WEEK);
      expect(body).not.toMatch(/NaN|Infinity|undefined|null/);
      expect(body).toContain("n/a");
    }
    const body = renderSummary(summary({ previous: empty }), WEEK);
    expect(body).toContain("**Satisfaction 42.9 %** (new)");
    expect(renderSummary(summary({ current: empty }), WEEK)).toContain("**Satisfaction n/a** · **Loyalty n/a**");
  });

  it("warns about a broken configuration near the top, with its file and line", () => {
    const configError = { file: "octo/app:.github/satisfaction.yml", line: 7, message: "schedule: Invalid option <daily|weekly>" };
    const body = renderSummary(summary({ configError }), WEEK);
    const warning = body.indexOf("> [!WARNING]");
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(body.indexOf("## Figures"));
    expect(body).toContain(
      "> **Configuration error** in `octo/app:.github/satisfaction.yml`, line 7: schedule: Invalid option &lt;daily\\|weekly&gt;",
    );
    expect(renderSummary(summary({ configError: { ...configError, line: null } }), WEEK)).toContain(
      "in `octo/app:.github/satisfaction.yml`: schedule",
    );
  });

  it("charts satisfaction over the periods with data, and tables every period from the first with an experience", () => {
    const trend = summary().trend.map((f, i) => (i === 3 ? figures(f.period.key, { positive: 1, negative: 1, neutral: 1 }) : f));
    const body = renderSummary(summary({ trend }), WEEK);
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(body)?.[1]?.split("\n") ?? [];
    expect(chart).toEqual([
      "xychart-beta",
      '  title "Satisfaction per week (%)"',
      '  x-axis ["W39", "W46", "W47"]',
      '  y-axis "Satisfaction (%)" -100 --> 100',
      "  line [0.0, 25.0, 42.9]",
    ]);
    const rows = section(body, "Trend")
      .split("\n")
      .filter((line) => /^\| \d{4}-/.test(line));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toBe("| 2026-09-21 to 2026-09-27 | 0.0 % | 33.3 % | 0.00 | 3 | 0 |");
    // A period without data after the first stays: a quiet week is worth seeing.
    expect(rows[1]).toBe("| 2026-09-28 to 2026-10-04 | n/a | n/a | n/a | 0 | 0 |");
    expect(rows[8]).toBe("| 2026-11-16 to 2026-11-22 | 42.9 % | 70.0 % | 2.40 | 7 | 2 |");
    expect(section(body, "Trend")).toContain("<sub>From the first week with an experience; the 3 before had none.</sub>");
  });

  it("says so instead of a chart when fewer than two periods have data", () => {
    const trend = summary().trend.map((f, i) => (i === 11 ? f : figures(f.period.key)));
    const body = renderSummary(summary({ trend }), WEEK);
    expect(body).not.toContain("```mermaid");
    expect(section(body, "Trend")).toContain("Not enough data for a chart yet: 1 of the last 12 weeks");
  });

  it("neutralises references, autolinks and bidi controls in a reason, so it links and back-references nothing", () => {
    const reason = "dup of acme/other#5, see #12 and GH-7 at https://evil.example or www.evil.example \u202Egnp.exe\u2066x\u2069";
    const point = { reference: "octo/app#12", title: "Fixed in #3", closedAt: new Date("2026-11-18T10:00:00Z"), reason };
    const body = renderSummary(summary({ painPoints: [point] }), WEEK);
    const lines = section(body, "Pain points").split("\n");
    expect(lines.find((l) => l.startsWith("- "))).toBe("- octo/app#12 Fixed in #&#8203;3 (closed 2026-11-18)");
    expect(lines.find((l) => l.includes("Reason:"))).toBe(
      "  Reason: dup of acme/other#&#8203;5, see #&#8203;12 and GH&#8203;-7 at https&#8203;://evil.example or www&#8203;.evil.example gnp.exex",
    );
    expect(section(body, "Pain points").replace("- octo/app#12 ", "")).not.toMatch(
      /(?<!&)#\d|GH-\d|https:\/\/|www\.|[\u202A-\u202E\u2066-\u2069]/,
    );
  });

  it("lists pain points with their titles made inert", () => {
    const title = "<script>alert(1)</script> @someone broke | the **table** _and_ [link](x) `code`";
    const body = renderSummary(
      summary({ painPoints: [{ reference: "octo/app#12", title, closedAt: new Date("2026-11-18T10:00:00Z") }] }),
      WEEK,
    );
    const line =
      section(body, "Pain points")
        .split("\n")
        .find((l) => l.startsWith("- ")) ?? "";
    expect(line).toBe(
      "- octo/app#12 &lt;script&gt;alert(1)&lt;/script&gt; @&#8203;someone broke \\| the \\*\\*table\\*\\* \\_and\\_ \\[link\\](x) \\`code\\` (closed 2026-11-18)",
    );
    expect(body).not.toMatch(/<script|@someone/);
    expect(renderSummary(summary({ painPoints: [] }), WEEK)).toContain("No negative experience this week.");
  });

  it("dates a pain point by the summary's time zone", () => {
    const period = periodFromKey("2026-W47", "America/New_York");
    const late = { reference: "#3", title: "Late", closedAt: new Date("2026-11-23T03:00:00Z") }; // 22:00 on the 22nd in New York
    const data = summary({ current: { ...current, period }, painPoints: [late] });
    expect(renderSummary(data, WEEK)).toContain("- #3 Late (closed 2026-11-22)");
  });

  it("tables labels, responders without pinging them, and repositories of an organisation", () => {
    const labels = [{ label: "a|b <i>", total: 1, positive: 0, negative: 1, neutral: 0, satisfaction: -1 }];
    const repositories = [
      { fullName: "octo/app", figures: current.model },
      { fullName: "octo/empty", figures: figures("2026-W47").model },
    ];
    const body = renderSummary(summary({ labels, repositories, subject: "octo" }), WEEK);
    expect(section(body, "By label")).toContain("| a\\|b &lt;i&gt; | 1 | 0 | 1 | 0 | \u2212100.0 % |");
    expect(section(body, "By responder")).toContain("| `octocat` | 4 | 30 min |");
    expect(section(body, "By repository")).toContain("| octo/app | 42.9 % | 70.0 % | 2.40 | 7 | 2 |");
    expect(section(body, "By repository")).toContain("| octo/empty | n/a | n/a | n/a | 0 | 0 |");
    expect(body.indexOf("## Pain points")).toBeLessThan(body.indexOf("## By repository"));
    expect(renderSummary(summary(), WEEK)).not.toContain("## By repository");
  });

  it("keeps a summary with 5,000 pain points under GitHub's limits, cutting the pain points", () => {
    const painPoints: PainPoint[] = Array.from({ length: 5000 }, (_, i) => ({
      reference: `octo/app#${i + 1}`,
      title: `Échec de la synchronisation — 同期に失敗しました ${i}`,
      closedAt: new Date("2026-11-18T10:00:00Z"),
    }));
    const data = summary({ painPoints });
    const body = renderSummary(data, WEEK);
    expect(body.length).toBeLessThan(65_536);
    const shown = body.split("\n").filter((line) => line.startsWith("- octo/app#")).length;
    expect(shown).toBeGreaterThan(100);
    expect(body).toContain(`… and ${5000 - shown} more`);

    const output = renderCheckRunOutput(data, WEEK);
    expect(bytes(output.summary)).toBeLessThanOrEqual(65_535);
    expect(output.summary).toContain("**Satisfaction 42.9 %** (+17.9 pts)");
    expect(output.summary).toContain("| Satisfaction | 42.9 % | 25.0 % | +17.9 pts |");
    expect(output.summary).toContain("| Reopen rate | 12.5 % | 0.0 % | +12.5 pts |");
    expect(output.summary).toContain("Left out to fit GitHub's size limit: By label, By responder.");
    expect(output.summary).toMatch(/… and \d+ more/);
  });

  it("cuts the repositories of a large organisation before the pain points", () => {
    const repositories = Array.from({ length: 3000 }, (_, i) => ({ fullName: `octo/repository-${i}`, figures: current.model }));
    const body = renderSummary(summary({ subject: "octo", repositories }), WEEK);
    expect(body.length).toBeLessThan(65_536);
    expect(section(body, "Pain points")).toContain("- #12 Crash on start (closed 2026-11-18)");
    expect(section(body, "By repository")).toMatch(/\| octo\/repository-0 \|[\s\S]*… and \d+ more/);
  });

  it("renders a small summary whole, the same in the check run", () => {
    const body = renderSummary(summary(), WEEK);
    expect(renderCheckRunOutput(summary(), WEEK).summary).toBe(body);
    expect(body).not.toContain("Left out");
    expect(body).not.toContain("more (left out");
  });
});

describe("trimToLimit", () => {
  it("drops and cuts sections in their trim order, never the others", () => {
    const items = Array.from({ length: 50 }, (_, i) => `item ${i}`);
    const list = (keep: number) => [...items.slice(0, keep), `… and ${items.length - keep} more`].join("\n");
    const sections = [
      { name: "Top", text: "top ".repeat(20) },
      { name: "List", text: list(50), trim: { order: 2, items: 50, cut: list } },
      { name: "Extra", text: "x".repeat(200), trim: { order: 1 } },
    ];
    expect(trimToLimit(sections, 10_000)).not.toContain("Left out");
    const trimmed = trimToLimit(sections, 300);
    expect(trimmed.length).toBeLessThanOrEqual(300);
    expect(trimmed).toContain("top top");
    expect(trimmed).not.toContain("xxx");
    expect(trimmed).toContain("Left out to fit GitHub's size limit: Extra.");
    expect(trimmed).toMatch(/item 0\n[\s\S]*… and \d+ more/);
  });
});

describe("titles", () => {
  it("gives the headline numbers, or that there was nothing, in the check run's title", () => {
    expect(renderCheckRunOutput(summary(), WEEK).title).toBe("Satisfaction 42.9 % · Loyalty 70.0 % · 7 experiences · 2 pending");
    const empty = figures("2026-W47");
    expect(renderCheckRunOutput(summary({ current: empty }), WEEK).title).toBe("No experiences this week");
    expect(renderCheckRunOutput(summary({ current: empty }), { marker: MARKER, periodNoun: "month" }).title).toBe(
      "No experiences this month",
    );
    const waiting = summary({ current: figures("2026-W47", { pending: 3 }), configError: { file: "f", line: 1, message: "m" } });
    expect(renderCheckRunOutput(waiting, WEEK).title).toBe(
      "No experience with a known outcome this week · 3 pending · configuration error",
    );
  });

  it("names the period, and the organisation of an organisation-wide summary", () => {
    expect(summaryTitle(null, current.period)).toBe("Satisfaction report: 2026-11-16 to 2026-11-22");
    expect(summaryTitle("octo-org", current.period)).toBe("Satisfaction report: 2026-11-16 to 2026-11-22 (octo-org)");
    expect(summaryTitle(null, periodFromKey("2026-11-23", "UTC"))).toBe("Satisfaction report: 2026-11-23");
  });
});
