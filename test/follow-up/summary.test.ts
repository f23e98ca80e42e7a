import { describe, expect, it } from "vitest";
import { periodFromKey } from "../../src/summary/periods.js";
import { painPointsSection } from "../../src/summary/render-lists.js";
import { backends, useDatabase } from "../helpers/db.js";
import type { IssueRequest } from "../summary/support.js";
import {
  at,
  expectIssue,
  expectRepositoriesListed,
  expectRepositoryRead,
  seedIssue,
  seedRepository,
  storeConfig,
  summaryDeps,
  sweepSummaries,
} from "../summary/support.js";

const WEEK = periodFromKey("2026-W47", "UTC");
const point = (reason?: string) => ({ reference: "#12", title: "Slow builds", closedAt: new Date("2026-11-18T10:00:00Z"), reason });

describe("the pain points with their reasons", () => {
  it("shows each reason under its issue, inert, and how many were followed up", () => {
    const text = painPointsSection([point("See @alice's [link](x) <img> | *now*\n\nplease"), point()], WEEK, "week", 2, {
      negative: 3,
      followedUp: 2,
      reasons: 1,
    });
    expect(text).toBe(
      [
        "## Pain points",
        "",
        "2 of 3 followed up · 1 gave a reason",
        "",
        "- #12 Slow builds (closed 2026-11-18)",
        "  Reason: See @&#8203;alice's \\[link\\](x) &lt;img&gt; \\| \\*now\\* please",
        "- #12 Slow builds (closed 2026-11-18)",
      ].join("\n"),
    );
  });

  it("shows a long reason's first 280 characters", () => {
    const text = painPointsSection([point("x".repeat(2000))], WEEK, "week");
    expect(text).toContain(`  Reason: ${"x".repeat(279)}…`);
    expect(text).not.toContain("x".repeat(280));
  });

  it("says nothing of follow-ups in a period without negative experiences", () => {
    expect(painPointsSection([], WEEK, "week", 0, { negative: 0, followedUp: 0, reasons: 0 })).toBe(
      "## Pain points\n\nNo negative experience this week.",
    );
  });
});

const INSTALLATION = 5151;
const REPORTS = { id: 900, fullName: "acme/reports" };
const PUBLIC = { id: 901, fullName: "acme/public-app" };
const SECRET = { id: 902, fullName: "acme/secret-app" };
const LISTED = [
  { ...REPORTS, private: false },
  { ...PUBLIC, private: false },
  { ...SECRET, private: true },
];

describe.each(backends)("the organisation summary's pain points on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("posted in public, shows the public repositories' reasons and follow-ups only", async () => {
    const account = {
      login: "acme",
      type: "Organization" as const,
      config: { organization_summary: { enabled: true, repository: "reports" } },
    };
    await seedRepository(db(), { ...REPORTS, installationId: INSTALLATION, private: false, account });
    await seedRepository(db(), { ...PUBLIC, installationId: INSTALLATION, private: false, account });
    await seedRepository(db(), { ...SECRET, installationId: INSTALLATION, private: true, account });
    for (const repository of [PUBLIC, SECRET]) {
      await storeConfig(db(), { summary: { enabled: false } }, { repositoryId: repository.id, installationId: INSTALLATION });
      for (const number of [12, 13]) {
        await seedIssue(db(), {
          installationId: INSTALLATION,
          repositoryId: repository.id,
          number,
          reporter: repository.id * 100 + number,
          openedAt: "2026-11-16T08:00:00Z",
          closedAt: `2026-11-1${number - 5}T10:00:00Z`,
          outcome: "negative",
          title: `Problem ${number}`,
        });
      }
    }
    // #12 of each was followed up and answered with a reason; #13 of each was not followed up.
    await db().query(
      `UPDATE experiences SET followed_up_at = '2026-11-17T11:00:00Z', follow_up_comment_id = 1000 + repository_id,
         reason = CASE repository_id WHEN $1 THEN 'public reason' ELSE 'falcon secret reason' END,
         reason_comment_id = 2000 + repository_id, reason_at = '2026-11-17T12:00:00Z'
       WHERE issue_number = 12`,
      [PUBLIC.id],
    );
    const { deps } = await summaryDeps(db(), [INSTALLATION]);
    const posted: IssueRequest[] = [];
    expectRepositoryRead({ ...REPORTS, private: false });
    expectRepositoriesListed(LISTED);
    expectIssue(REPORTS.fullName, 7, posted);

    expect(await sweepSummaries(deps, at("2026-11-23T09:00:00Z"))).toEqual({ posted: 1, failed: 0 });
    const body = posted[0]?.body ?? "";
    expect(body).toContain(
      [
        "## Pain points",
        "",
        "1 of 2 followed up · 1 gave a reason",
        "",
        "- acme/public-app#13 Problem 13 (closed 2026-11-18)",
        "- acme/public-app#12 Problem 12 (closed 2026-11-17)",
        "  Reason: public reason",
      ].join("\n"),
    );
    expect(body).not.toContain("falcon");
  });
});
