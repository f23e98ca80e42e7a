import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { planServiceMarks } from "../../src/service-levels/plan-marks.js";
import { workRegistry } from "../../src/work/registry.js";
import { workDue } from "../../src/work/work-due.js";
import { API } from "../helpers/app.js";
import { createPgliteDatabase, createTestDatabase, useDatabase } from "../helpers/db.js";
import { at, REPO, seedIssue, seedRepository, storeConfig, summaryDeps } from "../summary/support.js";
import { rowsOf } from "../webhooks/support.js";
import { BY_THIS_APP } from "../helpers/fixtures.js";

// Service-level targets: an open issue labelled priority-support must get a first response within 4
// hours (calendar clock, warned 1 hour ahead: a quarter of it). The sweep marks it once per measure;
// the work engine puts the labels on through GitHub (nock: an unexpected call fails the test).
const OPENED = "2026-11-02T08:00:00Z";
const ISSUE = `/repos/${REPO.fullName}/issues/1`;
const CONFIG = {
  summary: { enabled: false },
  service_levels: {
    targets: [{ labels: ["priority-support"], first_response: "4h", resolution: "5d" }],
    mention_assignees: true,
  },
};

async function sweep(db: Db, now: Date) {
  const { deps } = await summaryDeps(db); // a new Probot each time: the app restarted between sweeps
  const planned = await planServiceMarks(deps, now);
  await workDue({ db, log: deps.log, kinds: workRegistry }, deps.octokitFor, now);
  return planned;
}

function githubIssue(labels: string[], state = "open") {
  return nock(API)
    .get(ISSUE)
    .reply(200, { number: 1, state, assignees: [{ login: "maint-a" }], labels: labels.map((name) => ({ name })) });
}

describe.each([
  ["postgres", createTestDatabase],
  ["pglite", createPgliteDatabase],
] as const)("service-level targets on %s", (_store, create) => {
  const { db } = useDatabase(create);
  beforeEach(async () => {
    await seedRepository(db());
    await storeConfig(db(), CONFIG);
    await seedIssue(db(), { number: 1, reporter: 11, openedAt: OPENED, labels: ["priority-support"] });
  });

  it("warns once before the breach, then labels the breach, across restarts", async () => {
    expect(await sweep(db(), at("2026-11-02T10:59:00Z"))).toEqual({ marked: 0, cleared: 0 });

    const warned = githubIssue(["priority-support"])
      .post(`${ISSUE}/labels`, { labels: ["sla-at-risk"] })
      .reply(200, [])
      .post(`${ISSUE}/comments`, (body) => body.body.startsWith("@maint-a: ") && body.body.includes("first response"))
      .reply(201, { id: 1 });
    expect(await sweep(db(), at("2026-11-02T11:00:00Z"))).toEqual({ marked: 1, cleared: 0 });
    expect(warned.isDone()).toBe(true);

    expect(await sweep(db(), at("2026-11-02T11:30:00Z"))).toEqual({ marked: 0, cleared: 0 });

    const breached = githubIssue(["priority-support", "sla-at-risk"])
      .post(`${ISSUE}/labels`, { labels: ["sla-breached"] })
      .reply(200, [])
      .delete(`${ISSUE}/labels/sla-at-risk`)
      .reply(200, []);
    expect(await sweep(db(), at("2026-11-02T12:00:01Z"))).toEqual({ marked: 1, cleared: 0 });
    expect(breached.isDone()).toBe(true);
    expect(await sweep(db(), at("2026-11-02T13:00:00Z"))).toEqual({ marked: 0, cleared: 0 });
    expect(await rowsOf(db(), "SELECT measure, mark FROM service_marks ORDER BY marked_at")).toEqual([
      { measure: "first_response", mark: "warning" },
      { measure: "first_response", mark: "breach" },
    ]);
    expect(await rowsOf(db(), "SELECT kind FROM work")).toEqual([]);
  });

  it("posts the warning's comment once when a retry follows a lost answer", async () => {
    const lost = githubIssue(["priority-support"]).post(`${ISSUE}/labels`).reply(200, []).post(`${ISSUE}/comments`).reply(502);
    await sweep(db(), at("2026-11-02T11:00:00Z"));
    expect(lost.isDone()).toBe(true);

    const key = `${REPO.id}#1:warning:first_response:priority-support`;
    const earlier = {
      id: 5,
      created_at: "2026-11-02T11:00:01Z",
      body: `@maint-a: … <!-- satisfaction-bot:sla-warning:${key} -->`,
      ...BY_THIS_APP,
    };
    const retried = githubIssue(["priority-support", "sla-at-risk"])
      .post(`${ISSUE}/labels`)
      .reply(200, [])
      .get(`${ISSUE}/comments`)
      .query(true)
      .reply(200, [earlier]);
    await sweep(db(), at("2026-11-02T11:05:00Z"));
    expect(retried.isDone()).toBe(true);
    expect(await rowsOf(db(), "SELECT kind FROM work")).toEqual([]);
  });

  it("takes the warning label off once the first response came", async () => {
    githubIssue(["priority-support"]).post(`${ISSUE}/labels`).reply(200, []).post(`${ISSUE}/comments`).reply(201, { id: 1 });
    await sweep(db(), at("2026-11-02T11:10:00Z"));
    await db().query("UPDATE issues SET first_response_at = $1", [at("2026-11-02T11:20:00Z")]);

    const cleared = nock(API).delete(`${ISSUE}/labels/sla-at-risk`).reply(200, []);
    expect(await sweep(db(), at("2026-11-02T11:30:00Z"))).toEqual({ marked: 0, cleared: 1 });
    expect(cleared.isDone()).toBe(true);
    // Met: no breach of the first response, ever; the resolution's clock still runs.
    expect(await sweep(db(), at("2026-11-02T13:00:00Z"))).toEqual({ marked: 0, cleared: 0 });
  });

  it("never labels a closed issue, nor one GitHub says is closed", async () => {
    await db().query("UPDATE issues SET state = 'closed', closed_at = $1", [at("2026-11-02T09:00:00Z")]);
    expect(await sweep(db(), at("2026-11-03T12:00:00Z"))).toEqual({ marked: 0, cleared: 0 });

    await db().query("UPDATE issues SET state = 'open', closed_at = NULL");
    const closedOnGitHub = githubIssue(["priority-support"], "closed");
    expect(await sweep(db(), at("2026-11-02T11:00:00Z"))).toEqual({ marked: 1, cleared: 0 });
    expect(closedOnGitHub.isDone()).toBe(true);
  });

  it("leaves issues without a target's label alone", async () => {
    await db().query("UPDATE issues SET labels = '{bug}'");
    expect(await sweep(db(), at("2026-11-09T12:00:00Z"))).toEqual({ marked: 0, cleared: 0 });
  });
});
