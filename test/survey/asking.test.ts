import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { surveyComment, surveyMarker } from "../../src/survey/message.js";
import { API, createTestApp, mockToken, receive, surveyCommentReply } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { BY_ANOTHER_APP, BY_THIS_APP, INSTALLATION_ID, issuesPayload, REPORTER } from "../helpers/fixtures.js";
import type { Sweeper } from "./harness.js";
import {
  at,
  commentsPath,
  createSweepProbot,
  DAY,
  experienceOf,
  log,
  MINUTE,
  seedSurvey,
  surveyRow,
  sweep,
  sweeperFor,
} from "./harness.js";

const closedAt = new Date("2026-11-03T10:00:00Z");
const now = new Date("2026-11-03T10:00:05Z");
const bot = { login: "satisfaction-bot[bot]", id: 1, type: "Bot" };
const listComments = () => nock(API).get(commentsPath(1)).query({ per_page: 100 });
const postComment = () => nock(API).post(commentsPath(1));

describe.each(backends)("asking the reporter on $name", ({ create }) => {
  const { db } = useDatabase(create);

  describe("through the sweep", () => {
    let deps: Sweeper;
    let id: number;
    beforeEach(async () => {
      deps = await sweeperFor(db(), createSweepProbot());
      id = await seedSurvey(db(), { number: 1, closedAt });
    });

    it("posts the survey comment with its hidden marker and starts the reading schedule", async () => {
      const bodies: string[] = [];
      postComment().reply(201, (_uri, body) => {
        bodies.push((body as { body: string }).body);
        return surveyCommentReply(900, "2026-11-03T10:00:06Z");
      });
      expect(await sweep(deps, now)).toEqual({ worked: 1, installationsFailed: 0 });

      expect(bodies).toEqual([surveyComment(REPORTER.login, id)]);
      expect(bodies[0]).toContain(`@${REPORTER.login}`);
      expect(bodies[0]).toContain(`<!-- satisfaction-bot:survey:${id} -->`);
      const asked = new Date("2026-11-03T10:00:06Z");
      expect(await surveyRow(db(), id)).toMatchObject({
        status: "asked",
        comment_id: 900,
        asked_at: asked,
        window_ends_at: at(asked, 14 * DAY),
        // The asking is done; the first read of the reactions is queued 10 minutes after the comment.
        work: { kind: "survey.read", state: "pending", run_at: at(asked, 10 * MINUTE), attempts: 0, last_error: null },
      });
    });

    it("leaves the survey to_ask, its asking queued later with last_error, after a 502 on the POST", async () => {
      postComment().reply(502, { message: "Bad Gateway" });
      await sweep(deps, now);

      const survey = await surveyRow(db(), id);
      expect(survey).toMatchObject({
        status: "to_ask",
        comment_id: null,
        work: { kind: "survey.ask", state: "pending", attempts: 1, locked_until: null },
      });
      expect(survey.work!.last_error).toMatch(/Bad Gateway/);
      expect(survey.work!.run_at.getTime()).toBeGreaterThan(now.getTime());
      expect(await experienceOf(db(), id)).toEqual({ outcome: "pending", answered_at: null });

      // Not retried before its retry time.
      expect(await sweep(deps, at(survey.work!.run_at, -1000))).toEqual({ worked: 0, installationsFailed: 0 });
      expect((await surveyRow(db(), id)).work).toMatchObject({ kind: "survey.ask", attempts: 1 });
    });

    it("on retry, posts when the issue's comments hold no marker of this survey", async () => {
      postComment().reply(502, { message: "Bad Gateway" });
      await sweep(deps, now);
      const retryAt = (await surveyRow(db(), id)).work!.run_at;

      const listed = listComments().reply(200, [
        { id: 11, body: "Fixed in 1.2.3", created_at: "2026-11-03T09:59:00Z", user: bot },
        { id: 12, body: surveyComment(REPORTER.login, id * 10), created_at: "2026-11-03T09:00:00Z", user: bot, ...BY_THIS_APP },
      ]);
      const posted = postComment().reply(201, surveyCommentReply(901, retryAt.toISOString()));
      await sweep(deps, retryAt);

      expect(listed.isDone() && posted.isDone()).toBe(true);
      expect(await surveyRow(db(), id)).toMatchObject({
        status: "asked",
        comment_id: 901,
        work: { kind: "survey.read", attempts: 0, last_error: null },
      });
    });

    it.each([404, 410, 422])("abandons the survey on a %s to the POST: cancelled, experience removed", async (status) => {
      postComment().reply(status, { message: `refused with ${status}` });
      await sweep(deps, now);

      // Done with: no work is left queued for it, none failed.
      expect(await surveyRow(db(), id)).toMatchObject({ status: "cancelled", ended_at: now, work: null });
      expect(await experienceOf(db(), id)).toBeNull();

      // Never tried again.
      expect(await sweep(deps, at(now, 30 * DAY))).toEqual({ worked: 0, installationsFailed: 0 });
      expect(await surveyRow(db(), id)).toMatchObject({ status: "cancelled", work: null });
    });
  });

  it("on a retry, adopts no comment of someone else's carrying the survey's marker: an outsider's or another app's; it asks itself", async () => {
    const { probot } = createTestApp(db(), () => now);
    mockToken();
    postComment().reply(502, { message: "Bad Gateway" });
    await receive(probot, "issues", issuesPayload("opened"));
    await receive(probot, "issues", issuesPayload("closed", { closedAt: closedAt.toISOString() }));
    const { rows } = await db().query<{ id: number }>("SELECT id FROM surveys");
    const id = rows[0]!.id;
    const failed = await surveyRow(db(), id);

    // An outsider copied the marker (it is predictable), and another installed app did too.
    const forged = `no need to ask\n\n${surveyMarker(id)}`;
    const outsider = { login: "mallory", id: 666, type: "User" };
    listComments().reply(200, [
      { id: 31, body: forged, created_at: "2026-11-03T10:00:01Z", user: outsider, performed_via_github_app: null },
      {
        id: 32,
        body: forged,
        created_at: "2026-11-03T10:00:02Z",
        user: { login: "other-app[bot]", id: 7, type: "Bot" },
        ...BY_ANOTHER_APP,
      },
    ]);
    const posted = postComment().reply(201, surveyCommentReply(903, "2026-11-03T10:02:00Z"));
    await sweep({ db: db(), log, octokitFor: async () => probot.auth(INSTALLATION_ID) }, failed.work!.run_at);

    expect(posted.isDone()).toBe(true);
    expect(await surveyRow(db(), id)).toMatchObject({ status: "asked", comment_id: 903 });
  });

  it("after a 502 on the webhook's POST, the sweep finds the comment that was made and does not post again", async () => {
    const { probot } = createTestApp(db(), () => now);
    mockToken();
    const firstPost = postComment().reply(502, { message: "Bad Gateway" });
    await receive(probot, "issues", issuesPayload("opened"));
    await receive(probot, "issues", issuesPayload("closed", { closedAt: closedAt.toISOString() }));
    expect(firstPost.isDone()).toBe(true);

    const { rows } = await db().query<{ id: number }>("SELECT id FROM surveys");
    const id = rows[0]!.id;
    const failed = await surveyRow(db(), id);
    expect(failed).toMatchObject({ status: "to_ask", work: { kind: "survey.ask", attempts: 1 } });

    // The 502 was GitHub's gateway: the comment had been created all the same.
    const listed = listComments().reply(200, [
      { id: 11, body: "Fixed in 1.2.3", created_at: "2026-11-03T09:59:00Z", user: bot },
      {
        id: 902,
        body: `@${REPORTER.login} thanks...\n\n${surveyMarker(id)}`,
        created_at: "2026-11-03T10:00:06Z",
        user: bot,
        ...BY_THIS_APP,
      },
    ]);
    const deps = { db: db(), log, octokitFor: async () => probot.auth(INSTALLATION_ID) };
    await sweep(deps, failed.work!.run_at);

    expect(listed.isDone()).toBe(true);
    const asked = new Date("2026-11-03T10:00:06Z");
    expect(await surveyRow(db(), id)).toMatchObject({
      status: "asked",
      comment_id: 902,
      asked_at: asked,
      work: { kind: "survey.read", run_at: at(asked, 10 * MINUTE), attempts: 0, last_error: null },
    });
    expect(await experienceOf(db(), id)).toEqual({ outcome: "pending", answered_at: null });
  });
});
