import { describe, expect, it } from "vitest";
import { serviceSettingsOf } from "../../src/service-levels/response-times.js";
import { planServiceMarks } from "../../src/service-levels/plan-marks.js";
import { configSchema } from "../../src/config/schema.js";
import { storeConfig } from "../../src/queries/repository-configs.js";
import { gatherSummary } from "../../src/summary/gather.js";
import { periodFromKey } from "../../src/summary/periods.js";
import { createTestApp, mockToken, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { discussionCommentPayload, discussionPayload, mockAddDiscussionComment, REPO } from "../helpers/discussion-fixtures.js";
import { APP_BOT, INSTALLATION_ID, issuesPayload, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { log } from "../survey/harness.js";
import { rowsOf } from "../webhooks/support.js";

const RESPONSES = `SELECT first_response_at, first_responder_login, first_any_response_at, reporter_comments, bot_comments, others_commented
  FROM issues WHERE number = 4`;

describe.each(backends)("following a discussion on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("takes the team's first comment as the first response; the author's, bots' and others' are not", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "discussion", discussionPayload("created"));
    const comment = (commentId: number, commentedAt: string, commenter: typeof REPORTER, association: string) =>
      discussionCommentPayload("created", { commentId, commentedAt, commenter, commenterAssociation: association });
    await receive(probot, "discussion_comment", comment(1, "2026-11-02T10:05:00Z", REPORTER, "NONE"));
    await receive(probot, "discussion_comment", comment(2, "2026-11-02T10:06:00Z", APP_BOT, "NONE"));
    await receive(probot, "discussion_comment", comment(3, "2026-11-02T10:07:00Z", { login: "passer-by", id: 6, type: "User" }, "NONE"));
    await receive(probot, "discussion_comment", comment(5, "2026-11-02T11:00:00Z", MAINTAINER, "MEMBER"));
    // an earlier maintainer comment arriving late takes its place
    await receive(probot, "discussion_comment", comment(4, "2026-11-02T10:30:00Z", MAINTAINER, "COLLABORATOR"));
    expect(await rowsOf(db(), RESPONSES)).toEqual([
      {
        first_response_at: new Date("2026-11-02T10:30:00Z"),
        first_responder_login: MAINTAINER.login,
        first_any_response_at: new Date("2026-11-02T10:07:00Z"),
        reporter_comments: 1,
        bot_comments: 1,
        others_commented: true,
      },
    ]);
  });

  it("forgets a deleted discussion, with its survey and experience", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    mockAddDiscussionComment();
    await receive(probot, "discussion", discussionPayload("answered"));
    expect(await rowsOf(db(), "SELECT outcome FROM experiences")).toEqual([{ outcome: "pending" }]);
    await receive(probot, "discussion", discussionPayload("deleted"));
    // (its queued read finds the survey gone when it runs, as after issues.deleted)
    for (const table of ["issues", "surveys", "experiences"]) expect(await rowsOf(db(), `SELECT * FROM ${table}`)).toEqual([]);
  });

  it("stops following a question moved out of Q&A, and follows one moved in", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "discussion", discussionPayload("created"));
    await receive(probot, "discussion", discussionPayload("category_changed", { answerable: false }));
    expect(await rowsOf(db(), "SELECT number FROM issues")).toEqual([]);
    await receive(probot, "discussion", discussionPayload("category_changed", { answerable: true, number: 6 }));
    expect(await rowsOf(db(), "SELECT number, channel FROM issues")).toEqual([{ number: 6, channel: "discussions" }]);
  });

  it("keeps discussions out of the service-level marks, which label issues", async () => {
    const { probot } = createTestApp(db());
    const opened = "2026-11-02T08:00:00Z";
    await receive(probot, "issues", issuesPayload("opened", { number: 1, createdAt: opened, labels: ["priority-support"] }));
    await receive(probot, "discussion", discussionPayload("created", { createdAt: opened }));
    // a discussion carries no labels; one forced on its row still gets no mark
    await db().query("UPDATE issues SET labels = '{priority-support}' WHERE channel = 'discussions'");
    const config = { service_levels: { targets: [{ labels: ["priority-support"], first_response: "4h" }] } };
    await storeConfig(db(), { installationId: INSTALLATION_ID, repositoryId: REPO.id }, config);
    expect(await planServiceMarks({ db: db(), log }, new Date("2026-11-02T13:00:00Z"))).toEqual({ marked: 1, cleared: 0 });
    expect(await rowsOf(db(), "SELECT issue_number, mark FROM service_marks")).toEqual([{ issue_number: 1, mark: "breach" }]);
  });

  it("links a discussion's pain point to its page, an issue's by its number", async () => {
    await db().query("INSERT INTO installations (id) VALUES ($1)", [INSTALLATION_ID]);
    await db().query("INSERT INTO repositories (installation_id, id, full_name) VALUES ($1, $2, $3)", [
      INSTALLATION_ID,
      REPO.id,
      REPO.full_name,
    ]);
    for (const [number, channel] of [
      [1, "issues"],
      [4, "discussions"],
    ] as const) {
      await db().query(
        `INSERT INTO issues (installation_id, repository_id, number, channel, reporter_id, reporter_login, reporter_type, author_association,
           state, opened_at, closed_at, state_changed_at, title)
         VALUES ($1, $2, $3, $4, 5, 'octo-user', 'User', 'NONE', 'closed', '2026-11-16', '2026-11-17', '2026-11-17', 'Slow')`,
        [INSTALLATION_ID, REPO.id, number, channel],
      );
      const { rows } = await db().query<{ id: number }>(
        `INSERT INTO surveys (installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status)
         VALUES ($1, $2, $3, '2026-11-17', 5, 'octo-user', 'answered') RETURNING id`,
        [INSTALLATION_ID, REPO.id, number],
      );
      await db().query(
        `INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome, channel)
         VALUES ($1, $2, $3, $4, 5, '2026-11-17', 'negative', $5)`,
        [INSTALLATION_ID, REPO.id, number, rows[0]?.id, channel],
      );
    }
    const subject = {
      installationId: INSTALLATION_ID,
      name: REPO.full_name,
      repositories: [{ id: REPO.id, fullName: REPO.full_name, stargazers: null }],
      marketDemand: configSchema.parse({}).market_demand,
      service: serviceSettingsOf(configSchema.parse({}).service_levels),
    };
    const data = await gatherSummary(db(), subject, periodFromKey("2026-W47", "UTC"), "UTC");
    expect(data.painPoints.map((point) => point.reference).sort()).toEqual(["#1", `[#4](/${REPO.full_name}/discussions/4)`]);
  });
});
