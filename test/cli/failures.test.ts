import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import {
  seedConfigCheck,
  seedInstallation,
  seedRedelivery,
  seedRepository,
  seedSummary,
  seedSurvey,
  seedWork,
} from "../helpers/seed-work.js";

useEmptyFolderForCli();

const LONG_ERROR = `HttpError: Server Error\n  while posting the comment ${"x".repeat(100)}`;

describe("satisfaction-bot failures", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await seedInstallation(db(), 100, "octo");
    await seedInstallation(db(), 200, "acme");
    await seedInstallation(db(), 300, "quiet");
    await seedRepository(db(), 100, 700, "octo/app");
    await seedRepository(db(), 200, 800, "acme/site");
    await seedRepository(db(), 200, 801, "acme/.github");
    // failed surveys: #12 in 100 (failed on the 20th), #13 in 200 (on the 21st, listed first); #14 answered
    await seedSurvey(db(), {
      id: 12,
      installation: 100,
      repo: 700,
      issue: 5,
      status: "failed",
      attempts: 8,
      lastError: "Server Error",
      endedAt: "2026-11-20T08:00:00Z",
    });
    await seedSurvey(db(), {
      id: 13,
      installation: 200,
      repo: 800,
      issue: 9,
      status: "failed",
      attempts: 9,
      lastError: LONG_ERROR,
      endedAt: "2026-11-21T08:00:00Z",
    });
    await seedSurvey(db(), { id: 14, installation: 100, repo: 700, issue: 6, status: "answered", endedAt: "2026-11-19T08:00:00Z" });
    // failed summaries: 21 in 100, 22 (organisation, check run) and 23 (its repository no longer stored) in 200; 24 posted
    await seedSummary(db(), {
      id: 21,
      installation: 100,
      target: 700,
      period: "2026-W46",
      status: "failed",
      attempts: 8,
      lastError: "Validation Failed",
    });
    await seedSummary(db(), {
      id: 22,
      installation: 200,
      target: 801,
      period: "2026-11",
      status: "failed",
      scope: "organization",
      output: "check_run",
      attempts: 8,
      lastError: "Not Found",
    });
    await seedSummary(db(), { id: 23, installation: 200, target: 999, period: "2026-W45", status: "failed", attempts: 8 });
    await seedSummary(db(), { id: 24, installation: 100, target: 700, period: "2026-W47", status: "posted" });
    // configuration checks: 31 failed in 200 (refused by GitHub), 32 posted in 100
    await seedConfigCheck(db(), {
      id: 31,
      installation: 200,
      repo: 800,
      sha: "1e2d3c4b5a69788796a5b4c3d2e1f00112233445",
      status: "failed",
      attempts: 1,
      lastError: "No commit found for SHA",
    });
    await seedConfigCheck(db(), {
      id: 32,
      installation: 100,
      repo: 700,
      sha: "9f8e7d6c5b4a39281706f5e4d3c2b1a009988776",
      status: "posted",
    });
    // failed work of another kind: a forget-me confirmation in 200 (its login dropped when it failed)
    await seedWork(db(), {
      installation: 200,
      repo: null,
      kind: "privacy.confirm",
      key: 5013,
      payload: { repository: "acme/site", issueNumber: 9, experiences: 0, surveys: 1, issuesReported: 1, issuesAnswered: 0 },
      failed: true,
      runAt: "2026-11-24T07:00:00Z",
      attempts: 8,
      lastError: "Forbidden",
      failedAt: "2026-11-24T08:00:00Z",
    });
    // deliveries: two given up (the later listed first), one still being redelivered
    await seedRedelivery(db(), "0b1c-given-up-early", 9001, 3, "2026-11-22T10:00:00Z");
    await seedRedelivery(db(), "7f3e-given-up-late", 9002, 3, "2026-11-23T10:00:00Z");
    await seedRedelivery(db(), "aaaa-in-progress", 9003, 1, null);
  });
  beforeEach(() => cliOnDatabase(url()));

  it("prints the failed surveys, summaries, checks, other work and given-up deliveries as tables", async () => {
    const { code, out, err } = await runCli("failures");
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const cut = `HttpError: Server Error while posting the comment ${"x".repeat(29)}…`;
    expect(out.join("\n").split("\n")).toEqual([
      "Failures (all installations)",
      "",
      "Failed surveys: 2",
      "  ID  INSTALLATION  REPOSITORY  ISSUE  ATTEMPTS  FAILED AT             LAST ERROR",
      `  13  200           acme/site   #9     9         2026-11-21T08:00:00Z  ${cut}`,
      "  12  100           octo/app    #5     8         2026-11-20T08:00:00Z  Server Error",
      "",
      "Failed summaries: 3",
      "  ID  INSTALLATION  REPOSITORY                   PERIOD    OUTPUT     ATTEMPTS  LAST ERROR",
      "  23  200           (repository gone)            2026-W45  issue      8         -",
      "  22  200           acme/.github (organisation)  2026-11   check_run  8         Not Found",
      "  21  100           octo/app                     2026-W46  issue      8         Validation Failed",
      "",
      "Failed configuration checks: 1",
      "  ID  INSTALLATION  REPOSITORY  COMMIT        ATTEMPTS  LAST ERROR",
      "  31  200           acme/site   1e2d3c4b5a69  1         No commit found for SHA",
      "",
      "Other failed work: 1",
      "  KIND             KEY   INSTALLATION  ATTEMPTS  FAILED AT             LAST ERROR",
      "  privacy.confirm  5013  200           8         2026-11-24T08:00:00Z  Forbidden",
      "",
      "Given-up webhook deliveries: 2",
      "  GUID                 DELIVERY  ATTEMPTS  GIVEN UP AT",
      "  7f3e-given-up-late   9002      3         2026-11-23T10:00:00Z",
      "  0b1c-given-up-early  9001      3         2026-11-22T10:00:00Z",
    ]);
    expect(cut).toHaveLength(80);
  });

  it("prints one JSON object with --json, errors whole", async () => {
    const { code, out, err } = await runCli("failures", "--json");
    expect({ code, err, lines: out.length }).toEqual({ code: 0, err: [], lines: 1 });
    expect(JSON.parse(out[0] ?? "")).toEqual({
      surveys: [
        {
          id: 13,
          installationId: 200,
          repository: "acme/site",
          issueNumber: 9,
          attempts: 9,
          lastError: LONG_ERROR,
          failedAt: "2026-11-21T08:00:00.000Z",
        },
        {
          id: 12,
          installationId: 100,
          repository: "octo/app",
          issueNumber: 5,
          attempts: 8,
          lastError: "Server Error",
          failedAt: "2026-11-20T08:00:00.000Z",
        },
      ],
      summaries: [
        {
          id: 23,
          installationId: 200,
          scope: "repository",
          repository: null,
          period: "2026-W45",
          output: "issue",
          attempts: 8,
          lastError: null,
        },
        {
          id: 22,
          installationId: 200,
          scope: "organization",
          repository: "acme/.github",
          period: "2026-11",
          output: "check_run",
          attempts: 8,
          lastError: "Not Found",
        },
        {
          id: 21,
          installationId: 100,
          scope: "repository",
          repository: "octo/app",
          period: "2026-W46",
          output: "issue",
          attempts: 8,
          lastError: "Validation Failed",
        },
      ],
      configChecks: [
        {
          id: 31,
          installationId: 200,
          repository: "acme/site",
          headSha: "1e2d3c4b5a69788796a5b4c3d2e1f00112233445",
          attempts: 1,
          lastError: "No commit found for SHA",
        },
      ],
      other: [
        {
          kind: "privacy.confirm",
          key: "5013",
          installationId: 200,
          attempts: 8,
          lastError: "Forbidden",
          failedAt: "2026-11-24T08:00:00.000Z",
        },
      ],
      deliveries: [
        { guid: "7f3e-given-up-late", deliveryId: 9002, attempts: 3, givenUpAt: "2026-11-23T10:00:00.000Z" },
        { guid: "0b1c-given-up-early", deliveryId: 9001, attempts: 3, givenUpAt: "2026-11-22T10:00:00.000Z" },
      ],
    });
  });

  it("lists one installation's failures with --installation, no deliveries (they are app-wide), and no other work section when there is none", async () => {
    const json = await runCli("failures", "--installation", "100", "--json");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out[0] ?? "")).toEqual({
      surveys: [
        {
          id: 12,
          installationId: 100,
          repository: "octo/app",
          issueNumber: 5,
          attempts: 8,
          lastError: "Server Error",
          failedAt: "2026-11-20T08:00:00.000Z",
        },
      ],
      summaries: [
        {
          id: 21,
          installationId: 100,
          scope: "repository",
          repository: "octo/app",
          period: "2026-W46",
          output: "issue",
          attempts: 8,
          lastError: "Validation Failed",
        },
      ],
      configChecks: [],
      other: [],
    });
    const text = await runCli("failures", "--installation", "300");
    expect(text).toEqual({
      code: 0,
      out: [
        [
          "Failures (installation 300)",
          "",
          "Failed surveys: none",
          "",
          "Failed summaries: none",
          "",
          "Failed configuration checks: none",
          "",
          "Given-up webhook deliveries: not listed with --installation (they are app-wide)",
        ].join("\n"),
      ],
      err: [],
    });
  });

  it.each([
    [["failures", "--installation", "octo"], "--installation must be an installation id"],
    [["failures", "--installation"], "Option '--installation <value>' argument missing"],
    [["failures", "--csv"], "Unknown option '--csv'"],
    [["failures", "surveys"], "surveys"],
    [["failures", "--installation", "999"], "--installation 999 is not an installation the app has"],
  ])("exits 2 with one line on stderr for %j", async (argv, message) => {
    const { code, out, err } = await runCli(...argv);
    expect({ code, out, lines: err.length }).toEqual({ code: 2, out: [], lines: 1 });
    expect(err[0]).toMatch(/^satisfaction-bot: [^\n]+ \(see satisfaction-bot --help\)$/);
    expect(err[0]).toContain(message);
  });

  it("is in the help", async () => {
    const { code, out } = await runCli("--help");
    expect(code).toBe(0);
    expect(out.join("\n")).toContain("failures [--installation <id>] [--json]");
  });
});
