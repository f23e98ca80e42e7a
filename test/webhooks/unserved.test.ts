import { describe, expect, it } from "vitest";
import { createTestApp, mockToken, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { commentPayload, issuesPayload, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { mockSurveyPost, rowsOf } from "./support.js";

// A reporter who closes their own issue that nobody else answered was not served: they are not asked
// (Intercom only rates conversations a teammate replied to). Whether anybody answered is judged from
// the comments the app saw and the issue's comment count in the close's payload, so an issue whose
// comments the app never saw is still asked. No GitHub call is mocked where nothing is asked: any
// request would fail the test.

const STALE_BOT = { login: "stale[bot]", id: 26_384_082, type: "Bot" };

/** An issues.closed payload closed by `sender`, with `comments` comments in all. */
function closedBy(sender: typeof REPORTER, comments: number): Record<string, unknown> {
  const payload = issuesPayload("closed");
  return { ...payload, sender: { ...sender }, issue: { ...(payload.issue as Record<string, unknown>), comments } };
}

const comment = (commenter: typeof REPORTER, commentId: number, association: string) =>
  commentPayload("created", { commenter, commentId, commenterAssociation: association });

describe("who is asked when the reporter closes their own issue", () => {
  const { db } = useDatabase(createTestDatabase);
  const surveys = () => rowsOf(db(), "SELECT status FROM surveys");

  it("asks nothing when nobody commented at all", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "issues", closedBy(REPORTER, 0));
    expect(await surveys()).toEqual([]);
  });

  it("asks nothing when only the reporter and a bot commented", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "issue_comment", comment(REPORTER, 501, "NONE"));
    await receive(probot, "issue_comment", comment(STALE_BOT, 502, "NONE"));
    await receive(probot, "issues", closedBy(REPORTER, 2));
    expect(await surveys()).toEqual([]);
    expect(await rowsOf(db(), "SELECT reporter_comments, bot_comments, others_commented FROM issues")).toEqual([
      { reporter_comments: 1, bot_comments: 1, others_commented: false },
    ]);
  });

  it("asks when a maintainer answered before the reporter closed it", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "issue_comment", comment(MAINTAINER, 503, "OWNER"));
    mockToken();
    const posted = mockSurveyPost({ commentId: 910 });
    await receive(probot, "issues", closedBy(REPORTER, 1));
    expect(posted.isDone()).toBe(true);
    expect(await surveys()).toEqual([{ status: "asked" }]);
  });

  it("asks when the issue has comments the app never saw (it was installed later)", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const posted = mockSurveyPost({ commentId: 911 });
    await receive(probot, "issues", closedBy(REPORTER, 3));
    expect(posted.isDone()).toBe(true);
    expect(await surveys()).toEqual([{ status: "asked" }]);
  });

  it("asks when someone else closed it, even with no comment", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const posted = mockSurveyPost({ commentId: 912 });
    await receive(probot, "issues", closedBy(MAINTAINER, 0));
    expect(posted.isDone()).toBe(true);
    expect(await surveys()).toEqual([{ status: "asked" }]);
  });

  it("counts a redelivered comment once", async () => {
    const { probot } = createTestApp(db());
    const twice = comment(REPORTER, 504, "NONE");
    await receive(probot, "issue_comment", twice, "delivery-504");
    await receive(probot, "issue_comment", twice, "delivery-504");
    expect(await rowsOf(db(), "SELECT reporter_comments FROM issues")).toEqual([{ reporter_comments: 1 }]);
  });
});
