import { describe, expect, it } from "vitest";
import { backfillWindow, queueBackfill } from "../../src/backfill/queue-backfill.js";
import { forgetPerson } from "../../src/privacy/forget.js";
import { recordOptOut } from "../../src/queries/privacy.js";
import { createTestApp } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { uninstall, uninstallPayload } from "../helpers/uninstall.js";
import { rowsOf } from "../webhooks/support.js";
import {
  commentsPage,
  EDGE,
  issueRows,
  issuesPage,
  lowRateLimit,
  mockScenario,
  mockToken,
  NOW,
  REPO,
  SCENARIO,
  seedRepository,
  SINCE,
  startBackfill,
  sweepUntilIdle,
} from "./support.js";

const PEOPLE = "SELECT number, reporter_id, reporter_login, title, first_responder_id, first_responder_login FROM issues ORDER BY number";

describe.each(backends)("what a backfill keeps about people, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("imports no issue of a reporter who asked to be forgotten, and a forgotten responder as ghost", async () => {
    await seedRepository(db());
    await recordOptOut(db(), INSTALLATION_ID, MAINTAINER.id, new Date("2026-11-01T00:00:00Z"));
    await queueBackfill(db(), INSTALLATION_ID, [REPO.id], backfillWindow(NOW, 90));
    mockToken();
    mockScenario();

    await sweepUntilIdle(db(), NOW);

    // Codertocat left: their issue #4 is not imported, and where they answered first they are "ghost".
    expect(await rowsOf(db(), PEOPLE)).toEqual([
      {
        number: 1,
        reporter_id: REPORTER.id,
        reporter_login: REPORTER.login,
        title: "Issue 1",
        first_responder_id: null,
        first_responder_login: "ghost",
      },
      {
        number: 3,
        reporter_id: REPORTER.id,
        reporter_login: REPORTER.login,
        title: "Issue 3",
        first_responder_id: null,
        first_responder_login: "ghost",
      },
    ]);
  });

  it("forget-me takes a person off the backfilled issues they reported or first answered", async () => {
    await startBackfill(db());
    mockToken();
    mockScenario();
    await sweepUntilIdle(db(), NOW);

    await db().transaction(async (tx) => {
      await forgetPerson(tx, INSTALLATION_ID, REPORTER, NOW);
      await forgetPerson(tx, INSTALLATION_ID, MAINTAINER, NOW);
    });

    expect(await rowsOf(db(), PEOPLE)).toEqual([
      { number: 1, reporter_id: 0, reporter_login: "ghost", title: "", first_responder_id: null, first_responder_login: "ghost" },
      { number: 3, reporter_id: 0, reporter_login: "ghost", title: "", first_responder_id: null, first_responder_login: "ghost" },
      { number: 4, reporter_id: 0, reporter_login: "ghost", title: "", first_responder_id: null, first_responder_login: null },
    ]);
  });

  it("a person who leaves while a backfill runs is not imported by its later pages", async () => {
    await startBackfill(db());
    mockToken();
    issuesPage(SINCE, 1, SCENARIO.issues1, { next: true, headers: lowRateLimit(1_800_000_000) });
    await sweepUntilIdle(db(), NOW);
    await db().transaction((tx) => forgetPerson(tx, INSTALLATION_ID, REPORTER, NOW));

    const later = new Date(1_800_000_000_000);
    mockToken();
    issuesPage(EDGE.issues2, 1, SCENARIO.issues2);
    commentsPage(SINCE, 1, []);
    await sweepUntilIdle(db(), later);

    expect((await issueRows(db())).map((row) => [row.number, row.reporter_login])).toEqual([
      [1, "ghost"],
      [4, MAINTAINER.login],
    ]);
  });

  it("uninstalling deletes the backfill's runs and what a run in progress had seen", async () => {
    const { probot } = createTestApp(db(), () => NOW);
    await startBackfill(db());
    mockToken();
    issuesPage(SINCE, 1, SCENARIO.issues2, { next: true, headers: lowRateLimit(1_800_000_000) });
    await sweepUntilIdle(db(), NOW);
    expect(await rowsOf(db(), "SELECT kind, id FROM backfill_seen")).toEqual([{ kind: "older_issue", id: 3 }]);

    await uninstall(probot, db(), uninstallPayload(INSTALLATION_ID), NOW);

    for (const table of ["backfill_runs", "backfill_seen", "issues", "work"]) {
      expect(await rowsOf(db(), `SELECT count(*)::int AS n FROM ${table}`), table).toEqual([{ n: 0 }]);
    }
  });
});
