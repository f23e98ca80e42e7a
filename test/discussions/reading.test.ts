import nock from "nock";
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { countExperiences } from "../../src/queries/experience-counts.js";
import { createTestApp, mockToken, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import {
  discussionCommentPayload,
  discussionPayload,
  graphqlReaction,
  mockAddDiscussionComment,
  mockDiscussionReactions,
  REPO,
} from "../helpers/discussion-fixtures.js";
import { INSTALLATION_ID, issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";
import { log, sweep } from "../survey/harness.js";

const SURVEY_NODE = "DC_survey";
const OUTCOME = `SELECT s.status, e.channel, e.outcome, e.answered_at FROM surveys s LEFT JOIN experiences e ON e.survey_id = s.id`;

/** A question answered and its author asked (the survey comment DC_survey posted at 10:00:06). */
async function askedQuestion(db: Db): Promise<Probot> {
  const { probot } = createTestApp(db);
  mockToken();
  mockAddDiscussionComment({ nodeId: SURVEY_NODE });
  await receive(probot, "discussion", discussionPayload("answered"));
  return probot;
}

async function sweepAt(db: Db, probot: Probot, at: string) {
  const octokit = await probot.auth(INSTALLATION_ID);
  return sweep({ db, log, octokitFor: async () => octokit }, new Date(at));
}

describe.each(backends)("reading a discussion survey's reactions on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("reads the author's reaction back by GraphQL on the survey's schedule: a positive experience on the discussions channel", async () => {
    const probot = await askedQuestion(db());
    const read = mockDiscussionReactions(SURVEY_NODE, [
      graphqlReaction("THUMBS_DOWN", { id: 999 }, "2026-11-03T10:03:00Z"),
      graphqlReaction("HEART", { id: REPORTER.id }, "2026-11-03T10:05:00Z"),
      graphqlReaction("EYES", null),
    ]);
    // before the first read of the schedule (10 minutes after asking), nothing is read
    expect((await sweepAt(db(), probot, "2026-11-03T10:09:00Z")).worked).toBe(0);
    await sweepAt(db(), probot, "2026-11-03T10:20:00Z");
    expect(read.isDone()).toBe(true);
    expect(await rowsOf(db(), OUTCOME)).toEqual([
      { status: "answered", channel: "discussions", outcome: "positive", answered_at: new Date("2026-11-03T10:05:00Z") },
    ]);
  });

  it("keeps reading while there is no answer, and a comment on the discussion brings the read forward", async () => {
    const probot = await askedQuestion(db());
    mockDiscussionReactions(SURVEY_NODE, []);
    await sweepAt(db(), probot, "2026-11-03T10:20:00Z");
    expect(await rowsOf(db(), OUTCOME)).toEqual([{ status: "asked", channel: "discussions", outcome: "pending", answered_at: null }]);
    const reread = mockDiscussionReactions(SURVEY_NODE, [graphqlReaction("CONFUSED", { id: REPORTER.id }, "2026-11-03T10:30:00Z")]);
    const comment = { commenter: REPORTER, commenterAssociation: "NONE", commentedAt: "2026-11-03T10:31:00Z", commentId: 7 };
    await receive(probot, "discussion_comment", discussionCommentPayload("created", comment));
    expect(reread.isDone()).toBe(true);
    expect(await rowsOf(db(), OUTCOME)).toEqual([
      { status: "answered", channel: "discussions", outcome: "negative", answered_at: new Date("2026-11-03T10:30:00Z") },
    ]);
    // the follow-up labels and replies through the issue API: none for a discussion
    expect(await rowsOf(db(), "SELECT kind FROM work WHERE kind = 'follow_up.reply'")).toEqual([]);
  });

  it("ends the survey unanswered when the survey comment is gone (node null), as a 404 does on an issue", async () => {
    const probot = await askedQuestion(db());
    const read = mockDiscussionReactions(SURVEY_NODE, null);
    await sweepAt(db(), probot, "2026-11-03T10:20:00Z");
    expect(read.isDone()).toBe(true);
    expect(await rowsOf(db(), "SELECT s.status, e.outcome FROM surveys s JOIN experiences e ON e.survey_id = s.id")).toEqual([
      { status: "comment_deleted", outcome: "neutral" },
    ]);
  });

  it("ends it the same way when GitHub answers NOT_FOUND for the comment", async () => {
    const probot = await askedQuestion(db());
    const read = nock("https://api.github.com")
      .post("/graphql")
      .reply(200, { data: { node: null }, errors: [{ type: "NOT_FOUND", message: "Could not resolve to a node with the global id" }] });
    await sweepAt(db(), probot, "2026-11-03T10:20:00Z");
    expect(read.isDone()).toBe(true);
    expect(await rowsOf(db(), "SELECT status FROM surveys")).toEqual([{ status: "comment_deleted" }]);
  });

  it("ends it when the survey comment's deletion is delivered", async () => {
    const probot = await askedQuestion(db());
    const deleted = { commentId: 560_001, commentNodeId: SURVEY_NODE, commenter: { login: "satisfaction-bot[bot]", id: 1, type: "Bot" } };
    await receive(probot, "discussion_comment", discussionCommentPayload("deleted", deleted));
    expect(await rowsOf(db(), "SELECT s.status, e.outcome FROM surveys s JOIN experiences e ON e.survey_id = s.id")).toEqual([
      { status: "comment_deleted", outcome: "neutral" },
    ]);
    expect(await rowsOf(db(), "SELECT kind FROM work")).toEqual([]);
  });

  it("counts an issue the author opened earlier as repeat usage of the discussion's experience", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "issues", issuesPayload("opened", { number: 1, createdAt: "2026-10-01T10:00:00Z" }));
    const asked = await askedQuestion(db());
    mockDiscussionReactions(SURVEY_NODE, [graphqlReaction("THUMBS_UP", { id: REPORTER.id }, "2026-11-03T10:05:00Z")]);
    await sweepAt(db(), asked, "2026-11-03T10:20:00Z");
    const window = { installationId: INSTALLATION_ID, repositoryId: REPO.id, from: new Date("2026-11-01"), to: new Date("2026-11-08") };
    expect(await countExperiences(db(), window)).toMatchObject({ total: 1, positive: 1, repeatUsage: 1, marketDemand: 1 });
  });
});
