import { describe, expect, it } from "vitest";
import { FORGET_ME_MARKER, forgetMeReply } from "../../src/privacy/confirm.js";
import type { Forgotten } from "../../src/privacy/forget.js";
import { isForgetMeCommand } from "../../src/privacy/forget.js";

const forgotten = (counts: Partial<Forgotten> = {}): Forgotten => ({
  installationId: 1,
  person: { id: 5, login: "octo-user" },
  repositoryFullName: "octo/app",
  issueNumber: 3,
  firstTime: true,
  experiences: 0,
  surveys: 0,
  issuesReported: 0,
  issuesAnswered: 0,
  ...counts,
});

describe("the forget-me command", () => {
  it.each([
    "/satisfaction forget-me",
    "/SATISFACTION Forget-Me",
    "  /satisfaction   forget-me\t ",
    "Thanks for everything.\r\n/satisfaction forget-me\r\nBye",
    "first line\n\n/satisfaction forget-me",
  ])("is recognised alone on a line: %j", (body) => {
    expect(isForgetMeCommand(body)).toBe(true);
  });

  it.each([
    "",
    "please /satisfaction forget-me",
    "/satisfaction forget-me now",
    "/satisfaction\nforget-me",
    "/satisfaction forget me",
    "/satisfactionforget-me",
    "> /satisfaction forget-me",
    "`/satisfaction forget-me`",
    "To leave, comment:\n```\n/satisfaction forget-me\n```",
  ])("is not recognised in %j", (body) => {
    expect(isForgetMeCommand(body)).toBe(false);
  });

  it("is not recognised in a comment without a body", () => {
    expect(isForgetMeCommand(null)).toBe(false);
    expect(isForgetMeCommand(undefined)).toBe(false);
  });
});

describe("the confirmation reply", () => {
  it("mentions the person, says what was deleted and that they will not be asked again", () => {
    const reply = forgetMeReply(forgotten({ experiences: 1, surveys: 2, issuesReported: 3, issuesAnswered: 1 }));
    expect(reply.split("\n\n")[0]).toBe("@octo-user done: satisfaction-bot has forgotten you in the repositories of this installation.");
    expect(reply).toContain("- deleted: 1 rating and 2 surveys of yours");
    expect(reply).toContain('- removed: your login, user id and titles from 3 issues you opened (now "ghost")');
    expect(reply).toContain("- removed: your login from 1 issue you first answered");
    expect(reply).toContain("You will not be asked for feedback again");
    expect(reply.endsWith(FORGET_ME_MARKER)).toBe(true);
  });

  it("says so when nothing was stored, and leaves out what is zero", () => {
    const reply = forgetMeReply(forgotten());
    expect(reply).toContain("- nothing had been stored about you");
    expect(reply).not.toContain("deleted:");
    expect(reply).not.toContain("removed:");
  });
});
