import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { periodFromKey } from "../../src/summary/periods.js";
import { repositorySummaryData } from "../../src/summary/repository-summary.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import { REPO, seedIssue, seedRepository } from "./support.js";

const repository = {
  installationId: INSTALLATION_ID,
  id: REPO.id,
  fullName: REPO.fullName,
  private: false,
  stargazers: 0,
  defaultBranch: "main",
};
const week = periodFromKey("2026-W47", "UTC");

describe.each(backends)("the by-label breakdown on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("leaves out the labels the app sets itself (follow-up, service levels, summary), as configured", async () => {
    await seedRepository(db());
    const labels = ["bug", "unhappy", "sla-at-risk", "late", "satisfaction-report"];
    await seedIssue(db(), {
      number: 1,
      reporter: 11,
      openedAt: "2026-11-16T08:00:00Z",
      closedAt: "2026-11-17T08:00:00Z",
      outcome: "negative",
      labels,
    });
    await seedIssue(db(), {
      number: 2,
      reporter: 12,
      openedAt: "2026-11-16T08:00:00Z",
      closedAt: "2026-11-18T08:00:00Z",
      outcome: "positive",
      labels: ["bug", "satisfaction-negative"],
    });
    const config = configSchema.parse({ follow_up: { label: "unhappy" }, service_levels: { breach_label: "late" } });

    const data = await repositorySummaryData(db(), repository, week, { config, error: null });

    // satisfaction-negative is an ordinary label here: this repository's follow-up label is "unhappy".
    expect(data.labels.map(({ label, total }) => [label, total])).toEqual([
      ["bug", 2],
      ["satisfaction-negative", 1],
    ]);
  });
});
