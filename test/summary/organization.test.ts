import { describe, expect, it } from "vitest";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import type { IssueRequest } from "./support.js";
import {
  at,
  expectIssue,
  mockConfigFile,
  seedIssue,
  seedRepository,
  storeConfig,
  summaryDeps,
  summaryRows,
  sweepSummaries,
} from "./support.js";

const INSTALLATION = 5151;
const MONDAY_9 = at("2026-11-23T09:00:00Z");
const ORG_CONFIG = { organization_summary: { enabled: true, repository: "reports" } };
const REPORTS = { id: 900, fullName: "acme/reports" };
const PUBLIC = { id: 901, fullName: "acme/public-app" };
const SECRET = { id: 902, fullName: "acme/secret-app" };

// W47 across both: 3 positive, 2 negative, 5 reporters, no repeat: satisfaction 1/5 = 20.0 %, loyalty 3/5 = 60.0 %,
// business opportunity 0.2 × 0.6 × 5 = 0.60; nothing the week before, so every change is "new", and the
// experiences moved from 0, the only key figure both weeks have.
// acme/public-app alone: 0.0 %, 50.0 %, 0.00 on 2 experiences. acme/secret-app alone: 33.3 %, 66.7 %, 0.67 on 3.
const HEADLINE = [
  "**Satisfaction 20.0 %** (new) · **Loyalty 60.0 %** (new) · **Business opportunity 0.60** (new)",
  "Biggest change: experiences +5 against the previous week (from 0)",
  "Experiences: 3 positive / 2 negative / 0 neutral / 0 pending",
  "<sub>acme · 2026-11-16 to 2026-11-22 · changes against the previous week (2026-11-09 to 2026-11-15)</sub>",
].join("\n\n");
// 20.0 % is below the default threshold: the summary opens with an alert.
const ALERT = "> [!CAUTION]\n> **Satisfaction 20.0 % is below the target of 50.0 %.**";
const PUBLIC_ROW = "| acme/public-app | 0.0 % | 50.0 % | 0.00 | 2 | 0 |";
const SECRET_ROW = "| acme/secret-app | 33.3 % | 66.7 % | 0.67 | 3 | 0 |";
const SECRET_PAIN = "- acme/secret-app#41 Falcon codename leaks in logs (closed 2026-11-19)";

describe("organisation-wide summaries", () => {
  const { db } = useDatabase(createTestDatabase);

  async function seedOrganization(options: { targetPrivate: boolean; config?: unknown }) {
    const account = { login: "acme", type: "Organization" as const, config: options.config };
    await seedRepository(db(), { ...REPORTS, installationId: INSTALLATION, private: options.targetPrivate, account });
    await seedRepository(db(), { ...PUBLIC, installationId: INSTALLATION, private: false, account });
    await seedRepository(db(), { ...SECRET, installationId: INSTALLATION, private: true, account });
    for (const repository of [PUBLIC, SECRET]) {
      // Each repository's own summary is off: only the organisation's is posted.
      await storeConfig(db(), { summary: { enabled: false } }, { repositoryId: repository.id, installationId: INSTALLATION });
    }
    const common = { installationId: INSTALLATION, openedAt: "2026-11-16T08:00:00Z" };
    const pub = { ...common, repositoryId: PUBLIC.id };
    const secret = { ...common, repositoryId: SECRET.id };
    await seedIssue(db(), {
      ...pub,
      number: 12,
      reporter: 21,
      closedAt: "2026-11-17T10:00:00Z",
      outcome: "negative",
      title: "Slow builds on Windows",
      labels: ["build"],
    });
    await seedIssue(db(), {
      ...pub,
      number: 13,
      reporter: 22,
      closedAt: "2026-11-18T10:00:00Z",
      outcome: "positive",
      firstResponseAt: "2026-11-16T09:00:00Z",
      firstResponder: "pub-maint",
    });
    await seedIssue(db(), {
      ...secret,
      number: 41,
      reporter: 31,
      closedAt: "2026-11-19T10:00:00Z",
      outcome: "negative",
      title: "Falcon codename leaks in logs",
      labels: ["falcon-internal"],
      firstResponseAt: "2026-11-16T10:00:00Z",
      firstResponder: "secret-maint",
    });
    await seedIssue(db(), { ...secret, number: 42, reporter: 32, closedAt: "2026-11-20T10:00:00Z", outcome: "positive" });
    await seedIssue(db(), { ...secret, number: 43, reporter: 33, closedAt: "2026-11-21T10:00:00Z", outcome: "positive" });
    return summaryDeps(db(), [INSTALLATION]);
  }

  it("posts in a public repository the totals of all, but names, links and counts only public repositories", async () => {
    const { deps, installationsAsked } = await seedOrganization({ targetPrivate: false, config: ORG_CONFIG });
    const posted: IssueRequest[] = [];
    expectIssue(REPORTS.fullName, 7, posted);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });

    expect(posted.map((issue) => [issue.title, issue.labels])).toEqual([
      ["Satisfaction report: 2026-11-16 to 2026-11-22 (acme)", ["satisfaction-report"]],
    ]);
    const body = posted[0]?.body ?? "";
    expect(body.startsWith(`<!-- satisfaction-bot:summary:organization:900:2026-W47:issue -->\n\n${ALERT}\n\n${HEADLINE}\n\n`)).toBe(true);
    // The 12 weeks before had nothing: no ratio to average, a mean of 0 for every count.
    expect(body).toContain("| Satisfaction | 20.0 % | n/a | new | n/a | new |");
    expect(body).toContain("| Support issues closed | 5 | 0 | +5 | 0.0 | +5.0 |");
    expect(body).toContain("- acme/public-app#12 Slow builds on Windows (closed 2026-11-17)");
    expect(body).toContain(PUBLIC_ROW);
    expect(body).toContain("| build | 1 | 0 | 1 | 0 | \u2212100.0 % |");
    expect(body).toContain("| `pub-maint` | 1 | 1 h |");
    for (const secret of ["secret-app", "#41", "#42", "#43", "Falcon", "falcon-internal", "secret-maint", "33.3 %", "66.7 %", "0.67"]) {
      expect(body, `leaks ${secret}`).not.toContain(secret);
    }
    expect(await summaryRows(db())).toEqual([
      expect.objectContaining({
        scope: "organization",
        target_repository_id: 900,
        period_key: "2026-W47",
        status: "posted",
        github_number: 7,
      }),
    ]);

    installationsAsked.length = 0;
    expect(await sweepSummaries(deps, at("2026-11-23T09:10:00Z"))).toEqual({ posted: 0, failed: 0 });
    expect(installationsAsked).toEqual([]);
  });

  it("posts nothing for a week in which none of the repositories had activity, unless asked to", async () => {
    const quiet = await seedOrganization({ targetPrivate: false, config: ORG_CONFIG });
    // Everything happened in 2026-W47; on 30 November the due week is 2026-W48, a quiet one.
    expect(await sweepSummaries(quiet.deps, at("2026-11-30T09:00:00Z"))).toEqual({ posted: 0, failed: 0 });
    expect(await summaryRows(db())).toEqual([]);

    await db().query("UPDATE installations SET organization_config = $1", [
      JSON.stringify({ ...ORG_CONFIG, summary: { post_quiet_periods: true } }),
    ]);
    const posted: IssueRequest[] = [];
    expectIssue(REPORTS.fullName, 8, posted);
    expect(await sweepSummaries(quiet.deps, at("2026-11-30T09:05:00Z"))).toEqual({ posted: 1, failed: 0 });
    expect(posted.map((issue) => issue.title)).toEqual(["Satisfaction report: 2026-11-23 to 2026-11-29 (acme)"]);
  });

  it("shows the private repository in a private target repository", async () => {
    const { deps } = await seedOrganization({ targetPrivate: true, config: ORG_CONFIG });
    const posted: IssueRequest[] = [];
    expectIssue(REPORTS.fullName, 7, posted);

    await sweepSummaries(deps, MONDAY_9);

    const body = posted[0]?.body ?? "";
    expect(body).toContain(HEADLINE);
    expect(body).toContain(SECRET_PAIN);
    expect(body).toContain(PUBLIC_ROW);
    expect(body).toContain(SECRET_ROW);
    expect(body).toContain("| falcon-internal | 1 | 0 | 1 | 0 | \u2212100.0 % |");
  });

  it("reads the organisation's settings from its .github repository when none are stored, and keeps them", async () => {
    const { deps } = await seedOrganization({ targetPrivate: false });
    mockConfigFile("acme/.github", "organization_summary:\n  enabled: true\n  repository: reports\n");
    const posted: IssueRequest[] = [];
    expectIssue(REPORTS.fullName, 7, posted);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });

    expect(posted[0]?.body).toContain(HEADLINE);
    const { rows } = await db().query<{ config: { organization_summary: unknown } }>(
      "SELECT organization_config AS config FROM installations WHERE id = $1 AND organization_config_loaded_at IS NOT NULL",
      [INSTALLATION],
    );
    expect(rows.map((row) => row.config.organization_summary)).toEqual([{ enabled: true, repository: "reports" }]);
  });

  it("posts no organisation summary when the organisation has not enabled it", async () => {
    const { deps, installationsAsked } = await seedOrganization({ targetPrivate: false, config: {} });
    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 0, failed: 0 });
    expect({ asked: installationsAsked, rows: await summaryRows(db()) }).toEqual({ asked: [], rows: [] });
  });
});
