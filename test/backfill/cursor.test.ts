import { describe, expect, it } from "vitest";
import { nextCursor } from "../../src/backfill/cursor.js";

const since = new Date("2026-09-01T12:00:00Z");
type Phase = "issues" | "comments" | "older_comments";
const cursor = (phase: Phase, cursorSince = since, page = 1, issueNumber: number | null = null) => ({
  phase,
  cursorSince,
  page,
  issueNumber,
});
const run = (...args: Parameters<typeof cursor>) => ({ ...cursor(...args), since });
const times = (...values: string[]) => values.map((value) => new Date(value));

describe("the backfill's cursor", () => {
  it("asks the next page of an updated-since listing since a second before its last item, from page 1", () => {
    const step = nextCursor(run("issues"), { hasNext: true, updatedAts: times("2026-10-01T10:00:00.500Z", "2026-10-02T08:30:00Z") });
    expect(step).toEqual(cursor("issues", new Date("2026-10-02T08:29:59Z")));
  });

  it("turns the page when a whole page was updated within the second the cursor stands on", () => {
    const edge = new Date("2026-10-02T08:29:59Z");
    const step = nextCursor(run("comments", edge, 3), {
      hasNext: true,
      updatedAts: times("2026-10-02T08:30:00Z", "2026-10-02T08:30:00.900Z"),
    });
    expect(step).toEqual(cursor("comments", edge, 4));
  });

  it("goes from the issues to the comments since the run's start, then to the issues opened before it", () => {
    expect(nextCursor(run("issues", new Date("2026-10-05T00:00:00Z"), 2), { hasNext: false, updatedAts: [] })).toEqual(cursor("comments"));
    expect(nextCursor(run("comments", new Date("2026-10-05T00:00:00Z")), { hasNext: false, updatedAts: [] })).toEqual({
      olderIssueAfter: null,
    });
  });

  it("reads one issue's comments by page number, then moves to the next issue", () => {
    const updatedAts = times("2026-06-02T10:00:00Z");
    expect(nextCursor(run("older_comments", since, 1, 7), { hasNext: true, updatedAts })).toEqual(cursor("older_comments", since, 2, 7));
    expect(nextCursor(run("older_comments", since, 2, 7), { hasNext: false, updatedAts })).toEqual({ olderIssueAfter: 7 });
  });
});
