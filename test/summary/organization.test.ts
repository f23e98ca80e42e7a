import { describe, expect, it } from "vitest";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import {
  INSTALLATION,
  LISTED,
  ORG_CONFIG,
  REPORTS,
  SECRET_FIGURES,
  SECRET_NAMES,
  seedOrganization as seed,
} from "./organization-support.js";
import type { IssueRequest } from "./support.js";
import { at, expectIssue, expectRepositoriesListed, expectRepositoryRead, mockConfigFile, summaryRows, sweepSummaries } from "./support.js";

const MONDAY_9 = at("2026-11-23T09:00:00Z");

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
// Posted in public, the headline is acme/public-app's alone: 1 positive and 1 negative of 2 reporters.
const PUBLIC_HEADLINE = [
  "**Satisfaction 0.0 %** (new) · **Loyalty 50.0 %** (new) · **Business opportunity 0.00** (new)",
  "Biggest change: experiences +2 against the previous week (from 0)",
  "Experiences: 1 positive / 1 negative / 0 neutral / 0 pending",
  "<sub>acme · 2026-11-16 to 2026-11-22 · changes against the previous week (2026-11-09 to 2026-11-15)</sub>",
].join("\n\n");
// Both are below the default threshold: the summary opens with an alert.
const PUBLIC_ALERT = "> [!CAUTION]\n> **Satisfaction 0.0 % is below the target of 50.0 %.**";
const PUBLIC_ROW = "| acme/public-app | 0.0 % | 50.0 % | 0.00 | 2 | 0 |";
const SECRET_ROW = "| acme/secret-app | 33.3 % | 66.7 % | 0.67 | 3 | 0 |";
const SECRET_PAIN = "- acme/secret-app#41 Falcon codename leaks in logs (closed 2026-11-19)";

describe("organisation-wide summaries", () => {
  const { db } = useDatabase(createTestDatabase);

  /** The organisation of ./organization-support.ts; GitHub answers one read of the target, as stored, unless nothing is posted. */
  async function seedOrganization(options: { targetPrivate: boolean; config?: unknown; posts?: boolean }) {
    const seeded = await seed(db(), options);
    if (options.posts ?? true) expectRepositoryRead({ ...REPORTS, private: options.targetPrivate });
    if ((options.posts ?? true) && !options.targetPrivate) expectRepositoriesListed(LISTED);
    return seeded;
  }

  it("posts in a public repository the figures of the public repositories only, totals included", async () => {
    const { deps, installationsAsked } = await seedOrganization({ targetPrivate: false, config: ORG_CONFIG });
    const posted: IssueRequest[] = [];
    expectIssue(REPORTS.fullName, 7, posted);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });

    expect(posted.map((issue) => [issue.title, issue.labels])).toEqual([
      ["Satisfaction report: 2026-11-16 to 2026-11-22 (acme)", ["satisfaction-report"]],
    ]);
    const body = posted[0]?.body ?? "";
    const marker = "<!-- satisfaction-bot:summary:organization:900:2026-W47:issue -->";
    expect(body.startsWith(`${marker}\n\n${PUBLIC_ALERT}\n\n${PUBLIC_HEADLINE}\n\n`)).toBe(true);
    // The 12 weeks before had nothing: no ratio to average, a mean of 0 for every count.
    expect(body).toContain("| Satisfaction | 0.0 % | n/a | new | n/a | new |");
    expect(body).toContain("| Support issues closed | 2 | 0 | +2 | 0.0 | +2.0 |");
    expect(body).toContain("- acme/public-app#12 Slow builds on Windows (closed 2026-11-17)");
    expect(body).toContain(PUBLIC_ROW);
    expect(body).toContain("| build | 1 | 0 | 1 | 0 | \u2212100.0 % |");
    expect(body).toContain("| `pub-maint` | 1 | 1 h |");
    for (const secret of [...SECRET_NAMES, ...SECRET_FIGURES]) {
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

    expect(posted[0]?.body).toContain(PUBLIC_HEADLINE);
    const { rows } = await db().query<{ config: { organization_summary: unknown } }>(
      "SELECT organization_config AS config FROM installations WHERE id = $1 AND organization_config_loaded_at IS NOT NULL",
      [INSTALLATION],
    );
    expect(rows.map((row) => row.config.organization_summary)).toEqual([{ enabled: true, repository: "reports" }]);
  });

  it("posts no organisation summary when the organisation has not enabled it", async () => {
    const { deps, installationsAsked } = await seedOrganization({ targetPrivate: false, config: {}, posts: false });
    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 0, failed: 0 });
    expect({ asked: installationsAsked, rows: await summaryRows(db()) }).toEqual({ asked: [], rows: [] });
  });
});
