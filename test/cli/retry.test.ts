import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { seedConfigCheck, seedInstallation, seedRedelivery, seedRepository, seedSummary, seedSurvey } from "../helpers/seed-work.js";

// `retry` puts one failure back, in its own installation only, and refuses anything else with exit 2.
// (docs/operations.test.ts shows the sweep and the recovery job taking the retried rows up.)
useEmptyFolderForCli();

describe("satisfaction-bot retry", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await seedInstallation(db(), 100, "octo");
    await seedInstallation(db(), 200, "acme");
    await seedRepository(db(), 100, 700, "octo/app");
    await seedRepository(db(), 200, 800, "acme/site");
    await seedSurvey(db(), {
      id: 12,
      installation: 100,
      repo: 700,
      issue: 5,
      status: "failed",
      attempts: 8,
      endedAt: "2026-11-20T08:00:00Z",
    });
    await seedSurvey(db(), { id: 13, installation: 200, repo: 800, issue: 5, status: "failed", attempts: 8 });
    await seedSummary(db(), { id: 21, installation: 100, target: 700, period: "2026-W46", status: "failed", attempts: 8 });
    await seedSummary(db(), { id: 22, installation: 100, target: 700, period: "2026-W47", status: "posted" });
    await seedConfigCheck(db(), { id: 31, installation: 200, repo: 800, sha: "a".repeat(40), status: "failed" });
    await seedRedelivery(db(), "given-up", 9001, 3, "2026-11-22T10:00:00Z");
    await seedRedelivery(db(), "in-progress", 9002, 1, null);
  });
  beforeEach(() => cliOnDatabase(url()));

  const rows = async (sql: string) => (await db().query(sql)).rows;

  it("puts a failed survey back, due now, with its pending experience, and leaves the other installation's alone", async () => {
    const before = new Date();
    expect(await runCli("retry", "--survey", "12", "--installation", "100")).toEqual({
      code: 0,
      out: ["survey 12 of installation 100 put back: the sweep asks once more"],
      err: [],
    });
    expect(await rows("SELECT status, ended_at FROM surveys WHERE id = 12")).toEqual([{ status: "to_ask", ended_at: null }]);
    const [work] = await rows("SELECT state, run_at, attempts, failed_at FROM work WHERE kind = 'survey.ask' AND key = '12'");
    expect(work).toMatchObject({ state: "pending", attempts: 8, failed_at: null });
    expect((work?.run_at as Date).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(await rows("SELECT survey_id::int, outcome FROM experiences")).toEqual([{ survey_id: 12, outcome: "pending" }]);
    expect(await rows("SELECT status FROM surveys WHERE id = 13")).toEqual([{ status: "failed" }]);
    expect(await rows("SELECT state FROM work WHERE kind = 'survey.ask' AND key = '13'")).toEqual([{ state: "failed" }]);
  });

  it("does not reach another installation's work by its id", async () => {
    const { code, err } = await runCli("retry", "--survey", "13", "--installation", "100");
    expect({ code, err }).toEqual({
      code: 2,
      err: ["satisfaction-bot: survey 13 of installation 100 does not exist (see satisfaction-bot --help)"],
    });
    expect(await rows("SELECT status FROM surveys WHERE id = 13")).toEqual([{ status: "failed" }]);
  });

  it("puts a failed summary and a failed configuration check back, and refuses work that is not failed", async () => {
    expect((await runCli("retry", "--summary", "21", "--installation", "100")).out).toEqual([
      "summary 21 of installation 100 put back: the sweep posts it once more",
    ]);
    expect((await runCli("retry", "--config-check", "31", "--installation", "200")).code).toBe(0);
    expect(await rows("SELECT id, status FROM summaries ORDER BY id")).toEqual([
      { id: 21, status: "pending" },
      { id: 22, status: "posted" },
    ]);
    expect(await rows("SELECT status FROM config_checks")).toEqual([{ status: "pending" }]);
    expect(await rows("SELECT kind, key, state FROM work WHERE kind IN ('summary.post', 'config_check.post') ORDER BY kind")).toEqual([
      { kind: "config_check.post", key: "31", state: "pending" },
      { kind: "summary.post", key: "21", state: "pending" },
    ]);

    const posted = await runCli("retry", "--summary", "22", "--installation", "100");
    expect(posted).toMatchObject({
      code: 2,
      err: ["satisfaction-bot: summary 22 of installation 100 is not failed (posted): nothing to retry (see satisfaction-bot --help)"],
    });
    const again = await runCli("retry", "--summary", "21", "--installation", "100");
    expect(again).toMatchObject({ code: 2, err: [expect.stringContaining("is not failed (pending)")] });
  });

  it("forgets a given-up delivery, and refuses one still being redelivered", async () => {
    expect((await runCli("retry", "--delivery", "given-up")).out).toEqual([
      "delivery given-up put back: the recovery job asks GitHub to redeliver it again",
    ]);
    expect((await runCli("retry", "--delivery", "in-progress")).err).toEqual([
      "satisfaction-bot: delivery in-progress is not failed (still being redelivered): nothing to retry (see satisfaction-bot --help)",
    ]);
    expect(await rows("SELECT guid FROM delivery_redeliveries")).toEqual([{ guid: "in-progress" }]);
  });

  it.each([
    [["retry"], "--survey (or --summary, --config-check, --work, --delivery): give exactly one"],
    [["retry", "--survey", "12", "--summary", "21", "--installation", "100"], "give exactly one"],
    [["retry", "--survey", "12"], "--installation is required with --survey"],
    [["retry", "--config-check", "x1", "--installation", "100"], "--config-check must be an id that `failures` lists"],
    [["retry", "--delivery", "a b"], "--delivery must be a delivery GUID"],
    [["retry", "12"], "Unexpected argument '12'"],
  ])("exits 2 with one line on stderr for %j", async (argv, message) => {
    const { code, out, err } = await runCli(...argv);
    expect({ code, out, lines: err.length }).toEqual({ code: 2, out: [], lines: 1 });
    expect(err[0]).toContain(message);
  });

  it("is in the help", async () => {
    expect((await runCli("--help")).out.join("\n")).toContain(
      "retry (--survey|--summary|--config-check <id> --installation <id> | --work <kind>:<key> --installation <id>",
    );
  });
});
