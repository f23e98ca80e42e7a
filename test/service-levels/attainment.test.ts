import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { serviceSettingsOf } from "../../src/service-levels/response-times.js";
import { gatherSummary } from "../../src/summary/gather.js";
import { periodFromKey } from "../../src/summary/periods.js";
import { renderSummary } from "../../src/summary/render.js";
import { createPgliteDatabase, createTestDatabase, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import { REPO, seedIssue, seedRepository } from "../summary/support.js";

// Week 2026-W47 (Mon 2026-11-16 to Sun 2026-11-22, UTC). Target: priority-support, first response
// within 4h, resolution within 2d, on the calendar clock.
// #1 answered after 1 h, closed after 1 d: met.
// #2 answered after 6 h (breach of the first response), closed after 1 d.
// #3 answered after 2 h, closed after 3 d (breach of the resolution).
// #4 has no target label: not measured. #5 was closed in W46: not this week's.
const levels = { targets: [{ labels: ["priority-support"], first_response: "4h", resolution: "2d" }] };
const settings = serviceSettingsOf(configSchema.parse({ service_levels: levels }).service_levels);
const HOUR = 3600;

const plus = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR * 1000).toISOString();

describe.each([
  ["postgres", createTestDatabase],
  ["pglite", createPgliteDatabase],
] as const)("service-level attainment in a summary on %s", (_store, create) => {
  const { db } = useDatabase(create);

  it("counts each target's issues measured, met and breached, and lists the breaches", async () => {
    await seedRepository(db());
    const issue = (number: number, opened: string, answeredAfter: number, closedAfter: number, labels = ["priority-support"]) =>
      seedIssue(db(), {
        number,
        reporter: 100 + number,
        openedAt: opened,
        firstResponseAt: plus(opened, answeredAfter),
        closedAt: plus(opened, closedAfter),
        labels,
      });
    await issue(1, "2026-11-16T08:00:00Z", 1, 24);
    await issue(2, "2026-11-16T08:00:00Z", 6, 24);
    await issue(3, "2026-11-16T08:00:00Z", 2, 72);
    await issue(4, "2026-11-16T08:00:00Z", 9, 100, ["bug"]);
    await issue(5, "2026-11-09T08:00:00Z", 9, 24);
    const subject = {
      installationId: INSTALLATION_ID,
      name: REPO.fullName,
      repositories: [{ ...REPO, stargazers: 0 }],
      marketDemand: "reporters" as const,
      service: settings,
    };
    const period = periodFromKey("2026-W47", "UTC");
    const data = await gatherSummary(db(), subject, period, "UTC");

    expect(data.serviceLevels?.targets).toEqual([
      {
        target: "priority-support",
        firstResponse: { amount: 4, unit: "h" },
        resolution: { amount: 2, unit: "d" },
        measured: 3,
        met: 1,
        breached: 2,
        attainment: 1 / 3,
        breaches: [
          { reference: "#2", measures: [{ measure: "first_response", elapsedSeconds: 6 * HOUR, limitSeconds: 4 * HOUR }] },
          { reference: "#3", measures: [{ measure: "resolution", elapsedSeconds: 72 * HOUR, limitSeconds: 48 * HOUR }] },
        ],
      },
    ]);
    const body = renderSummary(data, { marker: "<!-- m -->", periodNoun: "week" });
    expect(body).toContain("## Service levels\n\nTimes count every hour (the calendar clock).");
    expect(body).toContain("| `priority-support` | 4h | 2d | 3 | 1 | 2 | 33.3 % |");
    expect(body).toContain("- #2 `priority-support`: first response 6 h (target 4 h)");
    expect(body).toContain("- #3 `priority-support`: resolution 3 d (target 2 d)");
  });

  it("shows no section without targets or business hours, and the clock alone with business hours only", async () => {
    await seedRepository(db());
    const base = {
      installationId: INSTALLATION_ID,
      name: REPO.fullName,
      repositories: [{ ...REPO, stargazers: 0 }],
      marketDemand: "reporters" as const,
    };
    const period = periodFromKey("2026-W47", "UTC");
    const plain = await gatherSummary(db(), { ...base, service: serviceSettingsOf(configSchema.parse({}).service_levels) }, period, "UTC");
    expect(plain.serviceLevels).toBeUndefined();
    const hours = { hours: { timezone: "Europe/Berlin", holidays: ["2026-12-24"] } };
    const business = await gatherSummary(
      db(),
      { ...base, service: serviceSettingsOf(configSchema.parse({ service_levels: hours }).service_levels) },
      period,
      "UTC",
    );
    const body = renderSummary(business, { marker: "<!-- m -->", periodNoun: "week" });
    expect(body).toContain("Times count business hours only: Mon, Tue, Wed, Thu, Fri 09:00–17:00 (Europe/Berlin), 1 holiday left out.");
    expect(body).not.toContain("| Target |");
  });
});
