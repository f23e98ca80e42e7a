import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { buildReport } from "../../src/model/report.js";
import { repositoryByName } from "../../src/queries/summary-candidates.js";
import { serviceSettingsOf } from "../../src/service-levels/response-times.js";
import { serviceFigures } from "../../src/service-levels/service-figures.js";
import { createTestApp, receive } from "../helpers/app.js";
import { createPgliteDatabase, createTestDatabase, useDatabase } from "../helpers/db.js";
import { commentPayload, INSTALLATION_ID, labelPayload, MAINTAINER } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";

// Response times through the webhooks: a pause label put on and taken off twice, a reporter's and an
// outsider's comment before a maintainer's, and the times read on the calendar and business clocks.
const HOUR = 3600;
const OUTSIDER = { login: "helpful-stranger", id: 7_770_001, type: "User" };
const OPENED = "2026-11-02T08:00:00Z"; // Monday 09:00 in Berlin (CET)
const ISSUE = { createdAt: OPENED };

const settings = (levels: Record<string, unknown>) => serviceSettingsOf(configSchema.parse({ service_levels: levels }).service_levels);
const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

describe.each([
  ["postgres", createTestDatabase],
  ["pglite", createPgliteDatabase],
] as const)("response times on %s", (_store, create) => {
  const { db } = useDatabase(create);

  async function playConversation(): Promise<void> {
    const { probot } = createTestApp(db());
    const label = (action: "labeled" | "unlabeled", at: string) => labelPayload(action, "waiting-for-author", at, ISSUE);
    await receive(probot, "issues", label("labeled", "2026-11-02T09:00:00Z"));
    await receive(probot, "issues", label("unlabeled", "2026-11-02T10:00:00Z"));
    const second = label("labeled", "2026-11-02T12:00:00Z");
    await receive(probot, "issues", second, "same-delivery");
    await receive(probot, "issues", second, "same-delivery");
    await receive(probot, "issues", label("unlabeled", "2026-11-03T09:00:00Z"));
    const comment = (commenter: typeof MAINTAINER, association: string, at: string, commentId: number) =>
      commentPayload("created", { ...ISSUE, commenter, commenterAssociation: association, commentedAt: at, commentId });
    await receive(probot, "issue_comment", comment(OUTSIDER, "NONE", "2026-11-03T10:00:00Z", 1));
    await receive(probot, "issue_comment", comment(MAINTAINER, "OWNER", "2026-11-03T11:00:00Z", 2));
  }

  it("keeps every label change once, and both first responses", async () => {
    await playConversation();
    expect(await rowsOf(db(), "SELECT action, at FROM label_events ORDER BY at")).toHaveLength(4);
    const [issue] = await rowsOf<{ first_response_at: Date; first_any_response_at: Date }>(
      db(),
      "SELECT first_response_at, first_any_response_at FROM issues",
    );
    expect(issue?.first_any_response_at.toISOString()).toBe("2026-11-03T10:00:00.000Z");
    expect(issue?.first_response_at.toISOString()).toBe("2026-11-03T11:00:00.000Z");
  });

  it("stops the clocks while the pause label is on, and counts business hours only when asked", async () => {
    await playConversation();
    const repository = await repositoryByName(db(), INSTALLATION_ID, "Codertocat/Hello-World");
    const scope = {
      installationId: INSTALLATION_ID,
      repositoryIds: [repository!.id],
      from: new Date(OPENED),
      to: new Date("2026-11-09T00:00:00Z"),
    };
    // Paused 09:00–10:00 and 12:00 (Mon) – 09:00 (Tue) UTC.
    const paused = HOUR + seconds("2026-11-02T12:00:00Z", "2026-11-03T09:00:00Z");
    const calendar = await serviceFigures(db(), scope, settings({}));
    expect(calendar.timeToFirstResponse).toEqual({
      median: seconds(OPENED, "2026-11-03T11:00:00Z") - paused,
      p90: seconds(OPENED, "2026-11-03T11:00:00Z") - paused,
      count: 1,
    });
    const anyone = await serviceFigures(db(), scope, settings({ responders: "anyone" }));
    expect(anyone.timeToFirstResponse.median).toBe(seconds(OPENED, "2026-11-03T10:00:00Z") - paused);
    const unpaused = await serviceFigures(db(), scope, settings({ pause_labels: [] }));
    expect(unpaused.timeToFirstResponse.median).toBe(seconds(OPENED, "2026-11-03T11:00:00Z"));
    // Business hours 09:00–17:00 Berlin = 08:00–16:00 UTC: Monday 08–09 and 10–12 (3 h), Tuesday 09–11 (2 h).
    const business = await serviceFigures(db(), scope, settings({ hours: { timezone: "Europe/Berlin" } }));
    expect(business.timeToFirstResponse.median).toBe(5 * HOUR);
  });

  it("says in the report which clock it counted on", async () => {
    await playConversation();
    const repository = await repositoryByName(db(), INSTALLATION_ID, "Codertocat/Hello-World");
    const window = [new Date(OPENED), new Date("2026-11-09T00:00:00Z")] as const;
    const demand = { setting: "reporters" as const, stars: 0 };
    expect((await buildReport(db(), repository!, ...window, demand, settings({}))).clock).toBe("calendar");
    expect((await buildReport(db(), repository!, ...window, demand, settings({ hours: {} }))).clock).toBe("business");
  });
});
