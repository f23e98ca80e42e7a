import nock from "nock";
import { describe, expect, it } from "vitest";
import { API } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import type { IssueRequest } from "../summary/support.js";
import {
  at,
  expectIssue,
  REPO,
  seedRepository,
  seedWeek47,
  storeConfig,
  summaryDeps,
  summaryRows,
  sweepSummaries,
} from "../summary/support.js";
import { chatRows, expectChat, setHook, workChat } from "./support.js";

const MONDAY_9 = at("2026-11-23T09:00:00Z");

// o/r's week 47 (test/summary/support.ts): satisfaction 25.0 %, below the default threshold: one alert.
const SUMMARY_TEXT = [
  "*Satisfaction report: o/r* · 2026-11-16 to 2026-11-22",
  "Satisfaction *25.0 %* (+25.0 pts) · Loyalty *60.0 %* (+10.0 pts) · Business opportunity *0.60* (+0.60)",
  "Experiences: 2 positive / 1 negative / 1 neutral / 1 pending",
  "<https://github.com/o/r/issues/31|Read the summary>",
].join("\n");
const ALERT_TEXT = [
  ":rotating_light: *Satisfaction alert: o/r* · 2026-11-16 to 2026-11-22",
  "Satisfaction 25.0 % is below the target of 50.0 %.",
  "<https://github.com/o/r/issues/31|Read the summary>",
].join("\n");

describe.each(backends)("a posted summary sent to chat, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  async function postWeek47(config: Record<string, unknown>, options: { hook?: boolean; post?: boolean } = {}) {
    await seedRepository(db(), REPO);
    await seedWeek47(db());
    await storeConfig(db(), config);
    if (options.hook ?? true) await setHook(db(), INSTALLATION_ID);
    const { deps } = await summaryDeps(db());
    const issues: IssueRequest[] = [];
    if (options.post ?? true) expectIssue(REPO.fullName, 31, issues);
    await sweepSummaries(deps, MONDAY_9);
    return { deps, issues };
  }

  it("queues the headline and the alert with the summary, and sends each once", async () => {
    const { deps, issues } = await postWeek47({});
    expect(issues).toHaveLength(1);
    expect((await chatRows(db())).map((row) => [row.kind, row.status, row.work_state, row.payload])).toEqual([
      ["summary", "pending", "pending", { message: "summary", scope: "repository", period: "2026-W47" }],
      ["alert", "pending", "pending", { message: "alert", scope: "repository", period: "2026-W47" }],
    ]);

    const sent: string[] = [];
    expectChat(sent);
    expectChat(sent);
    expect(await workChat(deps, MONDAY_9)).toEqual({ sent: 2 });
    expect(sent.sort()).toEqual([ALERT_TEXT, SUMMARY_TEXT].sort());
    expect((await chatRows(db())).map((row) => [row.kind, row.status, row.sent_at, row.work_state])).toEqual([
      ["summary", "sent", MONDAY_9, null],
      ["alert", "sent", MONDAY_9, null],
    ]);

    // Nothing more: a later sweep sends nothing (an unmocked request would fail the test).
    expect(await sweepSummaries(deps, at("2026-11-23T10:00:00Z"))).toEqual({ posted: 0, failed: 0 });
    expect(await workChat(deps, at("2026-11-23T10:00:00Z"))).toEqual({});
  });

  it("sends the alert alone with chat.summaries off, and the headline alone with chat.alerts off", async () => {
    const { deps } = await postWeek47({ chat: { summaries: false } });
    const sent: string[] = [];
    expectChat(sent);
    expect(await workChat(deps, MONDAY_9)).toEqual({ sent: 1 });
    expect(sent).toEqual([ALERT_TEXT]);

    await db().exec("DELETE FROM summaries; DELETE FROM chat_messages");
    await db().query("UPDATE repository_configs SET config = $1", [JSON.stringify({ chat: { alerts: false } })]);
    expectIssue(REPO.fullName, 31, []);
    await sweepSummaries(deps, MONDAY_9);
    expectChat(sent);
    expect(await workChat(deps, MONDAY_9)).toEqual({ sent: 1 });
    expect(sent).toEqual([ALERT_TEXT, SUMMARY_TEXT]);
  });

  it("queues nothing without a chat webhook, nor with both switched off", async () => {
    await postWeek47({}, { hook: false });
    expect(await chatRows(db())).toEqual([]);
    expect(await summaryRows(db())).toEqual([expect.objectContaining({ status: "posted" })]);

    await db().query("DELETE FROM summaries");
    await db().query("UPDATE repository_configs SET config = $1", [JSON.stringify({ chat: { summaries: false, alerts: false } })]);
    await setHook(db(), INSTALLATION_ID);
    const { deps } = await summaryDeps(db());
    expectIssue(REPO.fullName, 31, []);
    await sweepSummaries(deps, MONDAY_9);
    expect(await chatRows(db())).toEqual([]);
  });

  it("sends nothing in dry_run", async () => {
    const { deps } = await postWeek47({ dry_run: true }, { post: false });
    expect(await summaryRows(db())).toEqual([expect.objectContaining({ status: "dry_run" })]);
    expect(await chatRows(db())).toEqual([]);
    expect(await workChat(deps, MONDAY_9)).toEqual({});
  });

  it("sends a summary posted as an issue and as a check run once, linking the output posted first", async () => {
    await seedRepository(db(), { ...REPO, defaultBranch: "main" });
    await seedWeek47(db());
    await storeConfig(db(), { summary: { output: "both" } });
    await setHook(db(), INSTALLATION_ID);
    const { deps } = await summaryDeps(db());
    expectIssue(REPO.fullName, 31, []);
    nock(API)
      .get(`/repos/${REPO.fullName}/branches/main`)
      .reply(200, { name: "main", commit: { sha: "6dcb09b5b57875f334f61aebed695e2e4193db5e" } });
    nock(API).post(`/repos/${REPO.fullName}/check-runs`).reply(201, { id: 555 });
    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 2, failed: 0 });
    expect((await chatRows(db())).map((row) => row.kind)).toEqual(["summary", "alert"]);

    const sent: string[] = [];
    expectChat(sent);
    expectChat(sent);
    expect(await workChat(deps, MONDAY_9)).toEqual({ sent: 2 });
    const link = /<(https:\/\/github\.com\/o\/r\/(issues\/31|runs\/555))\|Read the summary>$/;
    expect(sent.map((text) => link.exec(text)?.[1])).toEqual([expect.any(String), expect.any(String)]);
    expect(new Set(sent.map((text) => link.exec(text)?.[1])).size).toBe(1);
  });
});
