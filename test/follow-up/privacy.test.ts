import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { applyRetention } from "../../src/privacy/retention.js";
import { createTestApp, mockToken, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { uninstall, uninstallPayload } from "../helpers/uninstall.js";
import { commentWithBody, mockConfirmation } from "../privacy/support.js";
import { createSweepProbot, sweep, sweeperFor } from "../survey/harness.js";
import { rowsOf } from "../webhooks/support.js";
import { DUE, followUpWork, seedFollowedUp, seedNegativeAnswer } from "./support.js";

const REASON = "Nobody read my logs, and the fix was a guess.";
const closed = issuesPayload("closed");

/** The tables that hold the reason's text, if any: every table of the app is searched. */
async function tablesHolding(db: Db, text: string): Promise<string[]> {
  const tables = await rowsOf<{ name: string }>(db, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const holding: string[] = [];
  for (const { name } of tables) {
    const found = await rowsOf(db, `SELECT 1 FROM ${name} t WHERE strpos(row_to_json(t)::text, $1) > 0 LIMIT 1`, [text]);
    if (found.length > 0) holding.push(name);
  }
  return holding;
}

describe.each(backends)("a reason is deleted with the experience it explains, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  /** A followed-up negative answer whose reporter gave REASON. */
  async function withReason() {
    const { probot } = createTestApp(db());
    await seedFollowedUp(db(), new Date("2026-11-03T10:20:01Z"));
    await receive(probot, "issue_comment", commentWithBody(closed, REPORTER, REASON, { commentId: 61 }));
    expect(await tablesHolding(db(), REASON)).toEqual(["experiences"]);
    return probot;
  }

  it("by /satisfaction forget-me", async () => {
    const probot = await withReason();
    mockToken();
    const confirm = mockConfirmation(REPORTER.login, { check: (body) => body.includes("1 rating and 1 survey") });
    await receive(probot, "issue_comment", commentWithBody(closed, REPORTER, "/satisfaction forget-me", { commentId: 62 }));
    expect(confirm.isDone()).toBe(true);
    expect(await tablesHolding(db(), REASON)).toEqual([]);
  });

  it("by retention", async () => {
    await withReason();
    // Closed 2026-11-03T09:59:06Z: 730 days before this (2028 has a 29 February) is 2026-11-03T10:00:00Z.
    expect(await applyRetention(db(), new Date("2028-11-02T10:00:00Z"), 730)).toBe(1);
    expect(await tablesHolding(db(), REASON)).toEqual([]);
  });

  it("by uninstalling the app", async () => {
    const probot = await withReason();
    await uninstall(probot, db(), uninstallPayload(INSTALLATION_ID));
    expect(await tablesHolding(db(), REASON)).toEqual([]);
    expect(await rowsOf(db(), "SELECT id FROM experiences")).toEqual([]);
  });

  it("and a reporter who leaves before the follow-up ran gets none", async () => {
    const { probot } = createTestApp(db());
    await seedNegativeAnswer(db());
    mockToken();
    mockConfirmation(REPORTER.login);
    await receive(probot, "issue_comment", commentWithBody(closed, REPORTER, "/satisfaction forget-me", { commentId: 63 }));
    expect(await followUpWork(db())).toEqual([]);
    const sweeper = await sweeperFor(db(), createSweepProbot());
    expect(await sweep(sweeper, DUE)).toEqual({ worked: 0, installationsFailed: 0 });
  });
});
