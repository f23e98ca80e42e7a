import { describe, expect, it } from "vitest";
import { reasonText } from "../../src/follow-up/reason.js";
import { createTestApp, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { commentOnIssuePayload, issuesPayload, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { commentWithBody } from "../privacy/support.js";
import { followUpOf, seedFollowedUp, seedNegativeAnswer } from "./support.js";

const REPLIED_AT = new Date("2026-11-03T10:20:01Z");
const SEVEN_DAYS_LATER = "2026-11-10T10:20:01Z";
const closed = issuesPayload("closed");

/** The reporter's comment `id` on issue 1 at `at`. */
const byReporter = (id: number, at: string, body = `comment ${id}`) =>
  commentWithBody(closed, REPORTER, body, { commentId: id, commentedAt: at });

function changed(action: "edited" | "deleted", id: number, body = "") {
  const payload = commentOnIssuePayload("created", closed, { commenter: REPORTER, commenterAssociation: "NONE", commentId: id });
  Object.assign(payload.comment as Record<string, unknown>, { body });
  return { ...payload, action, ...(action === "edited" ? { changes: { body: { from: "before" } } } : {}) };
}

describe.each(backends)("the reason of a followed-up negative answer on $name", ({ create }) => {
  const { db } = useDatabase(create);

  const start = async () => {
    const { probot } = createTestApp(db());
    const experienceId = await seedFollowedUp(db(), REPLIED_AT);
    return { probot, reason: async () => (await followUpOf(db(), experienceId))?.reason ?? null, experienceId };
  };

  it("is the reporter's first comment after the reply: not one before it, not a maintainer's, not a later one", async () => {
    const { probot, experienceId } = await start();
    await receive(probot, "issue_comment", byReporter(11, "2026-11-03T10:15:00Z"));
    await receive(probot, "issue_comment", commentWithBody(closed, MAINTAINER, "Any news?", { commentId: 12, association: "OWNER" }));
    await receive(probot, "issue_comment", byReporter(13, "2026-11-05T08:00:00Z", "  It broke again.\n\nTwice.  "));
    await receive(probot, "issue_comment", byReporter(14, "2026-11-05T09:00:00Z"));
    expect(await followUpOf(db(), experienceId)).toMatchObject({ reason: "It broke again.\n\nTwice.", reason_comment_id: 13 });

    // Events arrive in any order: an earlier comment delivered late is the first one.
    await receive(probot, "issue_comment", byReporter(15, "2026-11-04T08:00:00Z"));
    expect(await followUpOf(db(), experienceId)).toMatchObject({ reason: "comment 15", reason_comment_id: 15 });
  });

  it("counts only within 7 days after the reply", async () => {
    const { probot, reason } = await start();
    await receive(probot, "issue_comment", byReporter(21, "2026-11-10T10:20:02Z"));
    expect(await reason()).toBeNull();
    await receive(probot, "issue_comment", byReporter(22, SEVEN_DAYS_LATER));
    expect(await reason()).toBe("comment 22");
  });

  it("is never taken from a negative answer that was not followed up", async () => {
    const { probot } = createTestApp(db());
    const { experienceId } = await seedNegativeAnswer(db(), { follow_up: { enabled: false } });
    await receive(probot, "issue_comment", byReporter(31, "2026-11-04T08:00:00Z"));
    expect(await followUpOf(db(), experienceId)).toMatchObject({ reason: null, reason_comment_id: null });
  });

  it("follows an edit of its comment, and goes with its deleted comment, which no later comment replaces", async () => {
    const { probot, reason, experienceId } = await start();
    await receive(probot, "issue_comment", byReporter(41, "2026-11-04T08:00:00Z", "first words"));
    await receive(probot, "issue_comment", changed("edited", 99, "another comment, edited"));
    expect(await reason()).toBe("first words");
    await receive(probot, "issue_comment", changed("edited", 41, "better words"));
    expect(await reason()).toBe("better words");

    await receive(probot, "issue_comment", changed("deleted", 99));
    expect(await reason()).toBe("better words");
    await receive(probot, "issue_comment", changed("deleted", 41));
    await receive(probot, "issue_comment", byReporter(42, "2026-11-04T09:00:00Z"));
    expect(await followUpOf(db(), experienceId)).toMatchObject({ reason: null, reason_comment_id: 41 });
  });

  it("is cut to 2,000 characters, never inside one", () => {
    expect(reasonText("  short  ")).toBe("short");
    expect(reasonText(null)).toBe("");
    const long = reasonText("😀".repeat(2500));
    expect(Array.from(long)).toHaveLength(2000);
    expect(long.endsWith("😀…")).toBe(true);
  });
});
