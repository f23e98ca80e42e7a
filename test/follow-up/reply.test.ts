import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { API, reaction } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { APP_BOT, BY_THIS_APP, INSTALLATION_ID, REPORTER } from "../helpers/fixtures.js";
import type { Sweeper } from "../survey/harness.js";
import { at, createSweepProbot, MINUTE, repoPath, sweep, sweeperFor } from "../survey/harness.js";
import {
  DUE,
  followUpOf,
  followUpWork,
  MARKER,
  mockAnswerReread,
  mockLabel,
  mockReply,
  REPLY_AT,
  REPLY_COMMENT,
  seedNegativeAnswer,
} from "./support.js";

const NOT_FOLLOWED_UP = { outcome: "negative", followed_up_at: null, follow_up_comment_id: null };

describe.each(backends)("the follow-up of a negative answer on $name", ({ create }) => {
  const { db } = useDatabase(create);
  let sweeper: Sweeper;
  beforeEach(async () => {
    sweeper = await sweeperFor(db(), createSweepProbot());
  });

  it("waits 15 minutes, reads the answer again, labels the issue and replies once, mentioning the reporter", async () => {
    const { experienceId } = await seedNegativeAnswer(db());
    expect(await followUpWork(db())).toEqual([{ key: String(experienceId), state: "pending", run_at: DUE, attempts: 0 }]);
    expect(await sweep(sweeper, at(DUE, -MINUTE))).toEqual({ worked: 0, installationsFailed: 0 });

    const reread = mockAnswerReread();
    const label = mockLabel();
    const bodies: string[] = [];
    const reply = mockReply(bodies);
    await sweep(sweeper, DUE);

    expect([reread.isDone(), label.isDone(), reply.isDone()]).toEqual([true, true, true]);
    expect(bodies).toEqual([
      `@${REPORTER.login} thank you for answering, and sorry this did not go well. What went wrong? A reply here helps us do better.\n\n` +
        `<!-- satisfaction-bot:follow-up:${experienceId} -->`,
    ]);
    expect(await followUpOf(db(), experienceId)).toMatchObject({
      outcome: "negative",
      followed_up_at: new Date(REPLY_AT),
      follow_up_comment_id: REPLY_COMMENT,
    });
    expect(await followUpWork(db())).toEqual([]);
    // Done once: a later sweep asks GitHub for nothing.
    expect(await sweep(sweeper, at(DUE, 60 * MINUTE))).toEqual({ worked: 0, installationsFailed: 0 });
  });

  it("posts the repository's own text and mentions its maintainers, logins or a team", async () => {
    const message = "Sorry {reporter}, what went wrong?";
    for (const [mention, cc] of [
      [["alice", "@bob"], "cc @alice @bob"],
      ["acme/support", "cc @acme/support"],
    ] as const) {
      await db().query("TRUNCATE experiences, surveys, issues, work, repository_configs CASCADE");
      const { experienceId } = await seedNegativeAnswer(db(), { follow_up: { message, mention, label: "unhappy" } });
      mockAnswerReread();
      mockLabel("unhappy");
      const bodies: string[] = [];
      mockReply(bodies);
      await sweep(sweeper, DUE);
      expect(bodies).toEqual([
        `Sorry @${REPORTER.login}, what went wrong?\n\n${cc}\n\n<!-- satisfaction-bot:follow-up:${experienceId} -->`,
      ]);
    }
  });

  it("only labels the issue when the reply is switched off (enabled: false)", async () => {
    const { experienceId } = await seedNegativeAnswer(db(), { follow_up: { enabled: false } });
    mockAnswerReread();
    const label = mockLabel();
    await sweep(sweeper, DUE);
    expect(label.isDone()).toBe(true);
    expect(await followUpOf(db(), experienceId)).toMatchObject(NOT_FOLLOWED_UP);
    expect(await followUpWork(db())).toEqual([]);
  });

  it("only replies when the label is switched off (label: null)", async () => {
    const { experienceId } = await seedNegativeAnswer(db(), { follow_up: { label: null } });
    mockAnswerReread();
    const reply = mockReply();
    await sweep(sweeper, DUE);
    expect(reply.isDone()).toBe(true);
    expect(await followUpOf(db(), experienceId)).toMatchObject({ follow_up_comment_id: REPLY_COMMENT });
  });

  it("does nothing on GitHub in dry_run, nor with both switched off, nor with the app off", async () => {
    for (const config of [{ dry_run: true }, { follow_up: { enabled: false, label: null } }, { enabled: false }]) {
      await db().query("TRUNCATE experiences, surveys, issues, work, repository_configs CASCADE");
      const { experienceId } = await seedNegativeAnswer(db(), config);
      expect(await sweep(sweeper, DUE)).toEqual({ worked: 1, installationsFailed: 0 });
      expect(await followUpOf(db(), experienceId)).toMatchObject(NOT_FOLLOWED_UP);
      expect(await followUpWork(db())).toEqual([]);
    }
  });

  it("does nothing when the reporter changed 👎 to 👍 before it ran, and records the new answer", async () => {
    const { experienceId } = await seedNegativeAnswer(db());
    const reread = mockAnswerReread([reaction("+1", REPORTER, "2026-11-03T10:09:00Z"), reaction("-1", APP_BOT, "2026-11-03T10:06:00Z")]);
    await sweep(sweeper, DUE);
    expect(reread.isDone()).toBe(true);
    expect(await followUpOf(db(), experienceId)).toMatchObject({ outcome: "positive", followed_up_at: null });
    const { rows } = await db().query("SELECT answered_at FROM experiences WHERE id = $1", [experienceId]);
    expect(rows).toEqual([{ answered_at: new Date("2026-11-03T10:09:00Z") }]);
    expect(await followUpWork(db())).toEqual([]);
  });

  it("does nothing when the reporter took the 👎 back, and keeps the answer recorded", async () => {
    const { experienceId } = await seedNegativeAnswer(db());
    mockAnswerReread([]);
    await sweep(sweeper, DUE);
    expect(await followUpOf(db(), experienceId)).toMatchObject(NOT_FOLLOWED_UP);
    expect(await followUpWork(db())).toEqual([]);
  });

  it("finds its reply by the marker after a lost response, and never posts a second", async () => {
    const { experienceId } = await seedNegativeAnswer(db());
    mockAnswerReread();
    mockLabel();
    const bodies: string[] = [];
    mockReply(bodies, { status: 502 }); // GitHub made the comment, but the answer was lost
    await sweep(sweeper, DUE);
    expect(await followUpWork(db())).toEqual([{ key: String(experienceId), state: "pending", run_at: at(DUE, 2 * MINUTE), attempts: 1 }]);
    expect(bodies[0]).toMatch(MARKER);

    mockAnswerReread();
    mockLabel();
    const listed = nock(API)
      .get(`${repoPath}/issues/1/comments`)
      .query({ per_page: 100 })
      .reply(200, [
        { id: 900, body: "survey", created_at: "2026-11-03T10:00:06Z", user: APP_BOT },
        { id: 951, body: bodies[0], created_at: "2026-11-03T10:20:02Z", user: APP_BOT, ...BY_THIS_APP },
      ]);
    await sweep(sweeper, at(DUE, 2 * MINUTE));

    expect(listed.isDone()).toBe(true);
    expect(await followUpOf(db(), experienceId)).toMatchObject({
      followed_up_at: new Date("2026-11-03T10:20:02Z"),
      follow_up_comment_id: 951,
    });
    expect(await followUpWork(db())).toEqual([]);
  });

  it("posts on a retry when the earlier attempt made no comment", async () => {
    const { experienceId } = await seedNegativeAnswer(db());
    mockAnswerReread();
    mockLabel("satisfaction-negative", 500);
    await sweep(sweeper, DUE);

    mockAnswerReread();
    mockLabel();
    nock(API).get(`${repoPath}/issues/1/comments`).query({ per_page: 100 }).reply(200, []);
    const reply = mockReply([], { createdAt: "2026-11-03T10:22:01Z" });
    await sweep(sweeper, at(DUE, 2 * MINUTE));
    expect(reply.isDone()).toBe(true);
    expect(await followUpOf(db(), experienceId)).toMatchObject({ follow_up_comment_id: REPLY_COMMENT });
  });

  it("ends without a retry when GitHub says the issue cannot take it (gone, or locked)", async () => {
    const { experienceId } = await seedNegativeAnswer(db());
    mockAnswerReread();
    mockLabel("satisfaction-negative", 404);
    await sweep(sweeper, DUE);
    expect(await followUpWork(db())).toEqual([]);
    expect(await followUpOf(db(), experienceId)).toMatchObject(NOT_FOLLOWED_UP);

    await db().query("TRUNCATE experiences, surveys, issues, work, repository_configs CASCADE");
    const locked = await seedNegativeAnswer(db());
    mockAnswerReread();
    mockLabel();
    nock(API).post(`${repoPath}/issues/1/comments`).reply(403, { message: "Unable to create comment because issue is locked." });
    await sweep(sweeper, DUE);
    expect(await followUpWork(db())).toEqual([]);
    expect(await followUpOf(db(), locked.experienceId)).toMatchObject(NOT_FOLLOWED_UP);
  });

  it("is not made on an issue reopened since, or locked", async () => {
    for (const change of [
      "UPDATE issues SET state = 'open', reopened_at = ARRAY['2026-11-03T10:10:00Z'::timestamptz]",
      "UPDATE issues SET reopened_at = ARRAY['2026-11-03T10:10:00Z'::timestamptz], closed_at = '2026-11-03T10:15:00Z'",
      "UPDATE issues SET locked = true",
    ]) {
      await db().query("TRUNCATE experiences, surveys, issues, work, repository_configs CASCADE");
      const { experienceId } = await seedNegativeAnswer(db());
      await db().query(change);
      expect(await sweep(sweeper, DUE)).toEqual({ worked: 1, installationsFailed: 0 });
      expect(await followUpOf(db(), experienceId)).toMatchObject(NOT_FOLLOWED_UP);
      expect(await followUpWork(db())).toEqual([]);
    }
  });

  it("waits, without spending an attempt, when the installation's write budget of the minute is spent", async () => {
    const { experienceId } = await seedNegativeAnswer(db());
    await db().query(
      `INSERT INTO write_budget (installation_id, minute, used) VALUES ($1, date_trunc('minute', now()), 70)
       ON CONFLICT (installation_id, minute) DO UPDATE SET used = 70`,
      [INSTALLATION_ID],
    );
    mockAnswerReread();
    await sweep(sweeper, DUE);
    expect(await followUpWork(db())).toEqual([{ key: String(experienceId), state: "pending", run_at: at(DUE, MINUTE), attempts: 0 }]);
    expect(await followUpOf(db(), experienceId)).toMatchObject(NOT_FOLLOWED_UP);
  });
});
