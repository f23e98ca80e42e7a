import { describe, expect, it } from "vitest";
import type { Reaction } from "../../src/survey/reactions.js";
import { NEGATIVE_REACTIONS, POSITIVE_REACTIONS, reporterAnswer } from "../../src/survey/reactions.js";

const REPORTER_ID = 5_550_001;
const OTHER_ID = 8_000_001;
const windowEndsAt = new Date("2026-11-17T10:00:00Z");

function vote(content: string, userId: number | null = REPORTER_ID, createdAt = "2026-11-03T12:00:00Z"): Reaction {
  return { content, user: userId === null ? null : { id: userId }, created_at: createdAt };
}

describe("reporterAnswer", () => {
  it("counts only the reporter's reaction: another user's 👎 next to the reporter's 👍 is positive", () => {
    const answer = reporterAnswer([vote("-1", OTHER_ID), vote("+1"), vote("confused", OTHER_ID)], REPORTER_ID, windowEndsAt);
    expect(answer).toEqual({ outcome: "positive", at: new Date("2026-11-03T12:00:00Z") });
  });

  it("gives no answer when only other users (or deleted users) reacted", () => {
    expect(reporterAnswer([vote("+1", OTHER_ID), vote("heart", null)], REPORTER_ID, windowEndsAt)).toBeNull();
  });

  it.each(["+1", "heart", "hooray", "rocket", "laugh"])("reads %s from the reporter as positive", (content) => {
    expect(reporterAnswer([vote(content)], REPORTER_ID, windowEndsAt)?.outcome).toBe("positive");
  });

  it.each(["-1", "confused"])("reads %s from the reporter as negative", (content) => {
    expect(reporterAnswer([vote(content)], REPORTER_ID, windowEndsAt)?.outcome).toBe("negative");
  });

  it("lists exactly 👍 ❤️ 🎉 🚀 😄 as positive and 👎 😕 as negative", () => {
    expect([...POSITIVE_REACTIONS].sort()).toEqual(["+1", "heart", "hooray", "laugh", "rocket"]);
    expect([...NEGATIVE_REACTIONS].sort()).toEqual(["-1", "confused"]);
  });

  it("ignores 👀 (eyes): on its own it is no answer, and it does not change the answer time", () => {
    expect(reporterAnswer([vote("eyes")], REPORTER_ID, windowEndsAt)).toBeNull();
    const answer = reporterAnswer(
      [vote("eyes", REPORTER_ID, "2026-11-03T11:00:00Z"), vote("-1", REPORTER_ID, "2026-11-03T13:00:00Z")],
      REPORTER_ID,
      windowEndsAt,
    );
    expect(answer).toEqual({ outcome: "negative", at: new Date("2026-11-03T13:00:00Z") });
  });

  it("makes a positive and a negative reaction from the reporter a neutral answer", () => {
    const answer = reporterAnswer([vote("rocket"), vote("confused")], REPORTER_ID, windowEndsAt);
    expect(answer?.outcome).toBe("neutral");
  });

  it("ignores a reaction made after the window end, but counts one made exactly at it", () => {
    const late = vote("+1", REPORTER_ID, "2026-11-17T10:00:01Z");
    expect(reporterAnswer([late], REPORTER_ID, windowEndsAt)).toBeNull();
    const onTime = vote("-1", REPORTER_ID, "2026-11-17T10:00:00Z");
    expect(reporterAnswer([late, onTime], REPORTER_ID, windowEndsAt)).toEqual({ outcome: "negative", at: windowEndsAt });
  });

  it("returns null when there are no reactions at all", () => {
    expect(reporterAnswer([], REPORTER_ID, windowEndsAt)).toBeNull();
  });

  it("dates the answer at the reporter's earliest vote, whatever order the reactions come in", () => {
    const answer = reporterAnswer(
      [
        vote("heart", REPORTER_ID, "2026-11-05T09:00:00Z"),
        vote("+1", OTHER_ID, "2026-11-03T10:30:00Z"),
        vote("-1", REPORTER_ID, "2026-11-04T08:00:00Z"),
        vote("hooray", REPORTER_ID, "2026-11-06T09:00:00Z"),
      ],
      REPORTER_ID,
      windowEndsAt,
    );
    expect(answer).toEqual({ outcome: "neutral", at: new Date("2026-11-04T08:00:00Z") });
  });
});
