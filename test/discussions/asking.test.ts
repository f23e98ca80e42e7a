import { randomUUID } from "node:crypto";
import nock from "nock";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app-deps.js";
import { defaultConfig } from "../../src/config/schema.js";
import { satisfactionBot } from "../../src/index.js";
import { upsertInstallation } from "../../src/queries/installations.js";
import { recordOptOut } from "../../src/queries/privacy.js";
import { createTestApp, createTestProbot, inlineWork, mockToken, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import {
  DISCUSSION_NODE_ID,
  discussionCommentPayload,
  discussionPayload,
  mockAddDiscussionComment,
  mockDiscussionComments,
  APP_AUTHOR,
} from "../helpers/discussion-fixtures.js";
import { APP_BOT, INSTALLATION_ID, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";
import { sweep } from "../survey/harness.js";

const SURVEY_ROWS = `SELECT s.status, s.comment_id, s.comment_node_id, s.closed_at, e.channel, e.outcome
  FROM surveys s LEFT JOIN experiences e ON e.survey_id = s.id ORDER BY s.id`;

describe.each(backends)("asking a discussion's author on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("asks once by GraphQL when the answer is marked: a redelivery, another answer and a later close ask nothing more", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const bodies: string[] = [];
    const posted = mockAddDiscussionComment({ bodies });
    await receive(probot, "discussion", discussionPayload("created"));
    const answered = discussionPayload("answered");
    const delivery = await receive(probot, "discussion", answered);
    expect(posted.isDone()).toBe(true);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatch(new RegExp(`^@${REPORTER.login} thanks for reaching out. How did we do with this discussion\\?`));
    expect(bodies[0]).toMatch(/<!-- satisfaction-bot:survey:\d+ -->/);

    await receive(probot, "discussion", answered, delivery);
    await receive(probot, "discussion", discussionPayload("answered", { answerChosenAt: "2026-11-03T10:30:00Z" }));
    await receive(probot, "discussion", discussionPayload("closed", { answerChosenAt: "2026-11-03T10:00:00Z" }));

    expect(await rowsOf(db(), SURVEY_ROWS)).toEqual([
      {
        status: "asked",
        comment_id: 560_001,
        comment_node_id: "DC_survey",
        closed_at: new Date("2026-11-03T10:00:00Z"),
        channel: "discussions",
        outcome: "pending",
      },
    ]);
    const [question] = await rowsOf(db(), "SELECT channel, node_id, state, closed_at, title FROM issues");
    expect(question).toMatchObject({ channel: "discussions", node_id: DISCUSSION_NODE_ID, state: "closed" });
    expect(question?.closed_at).toEqual(new Date("2026-11-03T10:00:00Z"));
  });

  it("asks when a question is closed as resolved, at the close event's time; not when closed as outdated", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const posted = mockAddDiscussionComment();
    await receive(probot, "discussion", discussionPayload("closed", { number: 5, stateReason: "outdated", nodeId: "D_other" }));
    await receive(probot, "discussion", discussionPayload("closed"));
    expect(posted.isDone()).toBe(true);
    const rows = await rowsOf(db(), "SELECT issue_number, closed_at, status FROM surveys");
    expect(rows).toEqual([{ issue_number: 4, closed_at: new Date("2026-11-03T11:00:00Z"), status: "asked" }]);
  });

  it("ignores a discussion outside a Q&A category: nothing stored, no GitHub call", async () => {
    const { probot } = createTestApp(db());
    const other = { answerable: false };
    await receive(probot, "discussion", discussionPayload("created", other));
    await receive(probot, "discussion_comment", discussionCommentPayload("created", other));
    await receive(probot, "discussion", discussionPayload("closed", other));
    expect(await rowsOf(db(), "SELECT * FROM issues")).toEqual([]);
    expect(await rowsOf(db(), "SELECT * FROM surveys")).toEqual([]);
  });

  it("skips the team, bots, a locked question, someone forgotten, and an author who answered alone", async () => {
    const { probot } = createTestApp(db());
    await upsertInstallation(db(), { id: INSTALLATION_ID });
    await recordOptOut(db(), INSTALLATION_ID, 7_000_001, new Date("2026-11-01T00:00:00Z"));
    const cases = [
      { number: 10, association: "MEMBER" },
      { number: 11, association: "COLLABORATOR" },
      { number: 12, author: { login: "helper[bot]", id: 7_000_002, type: "Bot" } },
      { number: 13, locked: true },
      { number: 14, author: { login: "left", id: 7_000_001, type: "User" } },
    ];
    for (const each of cases) {
      await receive(probot, "discussion", discussionPayload("answered", { ...each, nodeId: `D_${each.number}` }));
    }
    // the author's own answer, on a question only they (and a bot) commented on
    const alone = { number: 15, nodeId: "D_15", comments: 2 };
    await receive(probot, "discussion_comment", discussionCommentPayload("created", { ...alone, commenter: REPORTER, commentId: 1 }));
    await receive(probot, "discussion_comment", discussionCommentPayload("created", { ...alone, commenter: APP_BOT, commentId: 2 }));
    await receive(probot, "discussion", discussionPayload("answered", { ...alone, answerer: REPORTER }));
    await receive(probot, "discussion", discussionPayload("closed", { ...alone, sender: REPORTER }));
    expect(await rowsOf(db(), "SELECT * FROM surveys")).toEqual([]);
    const stored = await rowsOf<{ number: number; reporter_login: string }>(
      db(),
      "SELECT number, reporter_login FROM issues ORDER BY number",
    );
    expect(stored.map((row) => row.number)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(stored.find((row) => row.number === 14)?.reporter_login).toBe("ghost");
  });

  it("asks the author who marked their own answer when someone else took part", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const posted = mockAddDiscussionComment();
    await receive(probot, "discussion_comment", discussionCommentPayload("created", { commenter: MAINTAINER, comments: 2 }));
    await receive(probot, "discussion", discussionPayload("answered", { answerer: REPORTER, comments: 2 }));
    expect(posted.isDone()).toBe(true);
  });

  it("does not ask about an answer known to be unmarked since (events out of order)", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "discussion", discussionPayload("unanswered", { updatedAt: "2026-11-03T10:10:00Z" }));
    await receive(probot, "discussion", discussionPayload("answered"));
    expect(await rowsOf(db(), "SELECT * FROM surveys")).toEqual([]);
  });

  it("a retry finds the comment an earlier attempt posted, by its marker, and posts nothing", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const failed = nock("https://api.github.com").post("/graphql").reply(502, { message: "Bad Gateway" });
    await receive(probot, "discussion", discussionPayload("answered"));
    expect(failed.isDone()).toBe(true);
    const [survey] = await rowsOf<{ id: number }>(db(), "SELECT id FROM surveys");
    const marker = `<!-- satisfaction-bot:survey:${survey?.id} -->`;
    const listed = mockDiscussionComments([
      { id: "DC_earlier", databaseId: 560_009, createdAt: "2026-11-03T10:00:07Z", body: `hi\n\n${marker}`, author: APP_AUTHOR },
    ]);
    const octokit = await probot.auth(INSTALLATION_ID);
    await sweep({ db: db(), log: pino({ level: "silent" }), octokitFor: async () => octokit }, new Date("2026-11-03T12:00:00Z"));
    expect(listed.isDone()).toBe(true);
    expect(await rowsOf(db(), "SELECT status, comment_id, comment_node_id FROM surveys")).toEqual([
      { status: "asked", comment_id: 560_009, comment_node_id: "DC_earlier" },
    ]);
  });

  it("a retry adopts no outsider's comment carrying the marker: it posts its own", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    nock("https://api.github.com").post("/graphql").reply(502, { message: "Bad Gateway" });
    await receive(probot, "discussion", discussionPayload("answered"));
    const [survey] = await rowsOf<{ id: number }>(db(), "SELECT id FROM surveys");
    const marker = `<!-- satisfaction-bot:survey:${survey?.id} -->`;
    mockDiscussionComments([
      {
        id: "DC_forged",
        databaseId: 560_666,
        createdAt: "2026-11-03T10:00:07Z",
        body: `no need\n\n${marker}`,
        author: { __typename: "User", login: "mallory" },
      },
    ]);
    const posted = mockAddDiscussionComment({ databaseId: 560_010, nodeId: "DC_own" });
    const octokit = await probot.auth(INSTALLATION_ID);
    await sweep({ db: db(), log: pino({ level: "silent" }), octokitFor: async () => octokit }, new Date("2026-11-03T12:00:00Z"));
    expect(posted.isDone()).toBe(true);
    expect(await rowsOf(db(), "SELECT status, comment_id, comment_node_id FROM surveys")).toEqual([
      { status: "asked", comment_id: 560_010, comment_node_id: "DC_own" },
    ]);
  });

  it("cancels the survey when GitHub says the discussion cannot take a comment", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const refused = nock("https://api.github.com")
      .post("/graphql")
      .reply(200, { data: null, errors: [{ type: "NOT_FOUND", message: "Could not resolve to a node" }] });
    await receive(probot, "discussion", discussionPayload("answered"));
    expect(refused.isDone()).toBe(true);
    expect(await rowsOf(db(), SURVEY_ROWS)).toEqual([
      {
        status: "cancelled",
        comment_id: null,
        comment_node_id: null,
        closed_at: new Date("2026-11-03T10:00:00Z"),
        channel: null,
        outcome: null,
      },
    ]);
  });
});

describe("asking on GitHub Enterprise Server", () => {
  const { db } = useDatabase(backends[1].create);

  it("posts to the server's own GraphQL endpoint", async () => {
    const clock = () => new Date("2026-11-03T10:00:05Z");
    const deps: AppDeps = { db: db(), clock, config: async () => ({ config: defaultConfig, error: null }), work: inlineWork(db(), clock) };
    const probot = createTestProbot({ baseUrl: "https://ghe.example.com/api/v3" });
    probot.load(satisfactionBot(deps));
    mockToken("https://ghe.example.com/api/v3");
    const posted = mockAddDiscussionComment({ base: "https://ghe.example.com", path: "/api/graphql" });
    await receive(probot, "discussion", discussionPayload("answered"), randomUUID());
    expect(posted.isDone()).toBe(true);
    expect(await rowsOf(db(), "SELECT status FROM surveys")).toEqual([{ status: "asked" }]);
  });
});
