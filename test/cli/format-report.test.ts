import { describe, expect, it } from "vitest";
import { formatReport } from "../../src/cli/format-report.js";
import type { ResponseStats } from "../../src/model/channels.js";
import type { Report } from "../../src/model/report.js";

const none: ResponseStats = { medianSeconds: null, p90Seconds: null, count: 0 };
const channel = (name: string, total: number, firstResponse: ResponseStats = none) => ({
  channel: name,
  total,
  positive: total,
  negative: 0,
  neutral: 0,
  pending: 0,
  satisfaction: 1,
  firstResponse,
});

describe("report's table for people", () => {
  it("gives each channel's first response as the summary does: measured, n/a when none yet, — for a desk", () => {
    const report = {
      repository: "octo/app",
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-12-01T00:00:00.000Z",
      clock: "calendar",
      satisfaction: 1,
      loyalty: 1,
      businessOpportunity: 3,
      total: 3,
      positive: 3,
      negative: 0,
      neutral: 0,
      pending: 0,
      repeatUsage: 0,
      marketDemand: 3,
      responseRate: 1,
      firstResponse: { medianSeconds: 3600, p90Seconds: 3600, count: 1 },
      timeToClose: { medianSeconds: 7200, p90Seconds: 7200, count: 1 },
      channels: [channel("issues", 1, { medianSeconds: 3600, p90Seconds: 3600, count: 1 }), channel("discussions", 1), channel("email", 1)],
    } as unknown as Report;

    const lines = formatReport(report).split("\n");
    const section = lines.slice(lines.findIndex((line) => line.startsWith("By channel")));
    expect(section).toEqual([
      "By channel (experiences known, satisfaction, first response median; — not measured)",
      "  issues           1   100.0 %        1 h",
      "  discussions      1   100.0 %        n/a",
      "  email            1   100.0 %          —",
    ]);
  });
});
