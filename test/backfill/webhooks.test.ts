import { describe, expect, it } from "vitest";
import { createTestApp, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { example } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";
import { commentsPage, issuesPage, mockToken, NOW, restComment, restIssue, runRows, SINCE, sweepUntilIdle, workRows } from "./support.js";

// GitHub's installation examples: installation 957387 of Codertocat, with Codertocat/Hello-World
// (created) and Codertocat/Space (repositories added).
const INSTALLATION = 957_387;
const HELLO_WORLD = { id: 186_853_002, path: "/repos/Codertocat/Hello-World" };
const SPACE = { id: 186_853_007, full_name: "Codertocat/Space", private: false, path: "/repos/Codertocat/Space" };
const PERSON = { login: "visitor", id: 5_550_010, type: "User" };
const OWNER = { login: "Codertocat", id: 21_031_067, type: "User" };

/** One issue with one answer from the owner, in `repoPath`: two pages, as GitHub lists them. */
function mockRepository(repoPath: string, number: number, order: string[]): void {
  const issue = restIssue({ number, reporter: PERSON, createdAt: "2026-11-10T10:00:00Z", updatedAt: "2026-11-11T10:00:00Z", comments: 1 });
  const answer = {
    ...restComment(number * 10, number, OWNER, "OWNER", "2026-11-11T10:00:00Z"),
    issue_url: `https://api.github.com${repoPath}/issues/${number}`,
  };
  for (const scope of [issuesPage(SINCE, 1, [issue], { repoPath }), commentsPage(SINCE, 1, [answer], { repoPath })]) {
    scope.on("request", (request: { path: string }) => order.push(request.path.split("?")[0] ?? ""));
  }
}

describe.each(backends)("backfill on installation events, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("installation.created imports each repository's last 90 days, one repository after the other, and asks nobody", async () => {
    const { probot } = createTestApp(db(), () => NOW);
    const created = example("installation", "created");
    created.repositories = [...(created.repositories as object[]), { id: SPACE.id, full_name: SPACE.full_name, private: false }];
    const order: string[] = [];
    mockToken(undefined, INSTALLATION);
    mockRepository(HELLO_WORLD.path, 1, order);
    mockRepository(SPACE.path, 2, order);

    await receive(probot, "installation", created);

    expect(order).toEqual([
      `${HELLO_WORLD.path}/issues`,
      `${HELLO_WORLD.path}/issues/comments`,
      `${SPACE.path}/issues`,
      `${SPACE.path}/issues/comments`,
    ]);
    expect(await runRows(db())).toEqual([
      { repository_id: HELLO_WORLD.id, status: "done", since: new Date(SINCE), issues: 1, comments: 1, phase: "older_comments" },
      { repository_id: SPACE.id, status: "done", since: new Date(SINCE), issues: 1, comments: 1, phase: "older_comments" },
    ]);
    expect(
      await rowsOf(db(), "SELECT repository_id, number, first_responder_login, first_response_at FROM issues ORDER BY number"),
    ).toEqual([
      { repository_id: HELLO_WORLD.id, number: 1, first_responder_login: OWNER.login, first_response_at: new Date("2026-11-11T10:00:00Z") },
      { repository_id: SPACE.id, number: 2, first_responder_login: OWNER.login, first_response_at: new Date("2026-11-11T10:00:00Z") },
    ]);
    expect(await workRows(db())).toEqual([]);
    expect(await rowsOf(db(), "SELECT count(*)::int AS n FROM surveys")).toEqual([{ n: 0 }]);
  });

  it("installation_repositories.added queues the added repository's backfill, started right after the answer", async () => {
    const { probot } = createTestApp(db(), () => NOW);
    mockToken(undefined, INSTALLATION);
    mockRepository(SPACE.path, 2, []);

    await receive(probot, "installation_repositories", example("installation_repositories", "added"));

    expect(await runRows(db())).toEqual([
      { repository_id: SPACE.id, status: "done", since: new Date(SINCE), issues: 1, comments: 1, phase: "older_comments" },
    ]);
    expect(await workRows(db())).toEqual([]);
  });

  it("keeps one queue per installation: a repository added while its backfill waits keeps its pending run", async () => {
    const { probot } = createTestApp(db(), () => NOW);
    mockToken(undefined, INSTALLATION);
    // GitHub fails both times: the run waits, and the second delivery brings its work forward.
    issuesPage(SINCE, 1, [], { repoPath: SPACE.path, status: 502 });
    issuesPage(SINCE, 1, [], { repoPath: SPACE.path, status: 502 });
    await receive(probot, "installation_repositories", example("installation_repositories", "added"));
    const queued = await rowsOf(db(), "SELECT id, queued_at FROM backfill_runs");

    await receive(probot, "installation_repositories", example("installation_repositories", "added"));

    expect(await rowsOf(db(), "SELECT id, queued_at FROM backfill_runs")).toEqual(queued);
    expect(await rowsOf(db(), "SELECT repository_id, status FROM backfill_runs")).toEqual([{ repository_id: SPACE.id, status: "pending" }]);
    expect(await workRows(db())).toEqual([
      expect.objectContaining({ kind: "backfill.installation", key: String(INSTALLATION), attempts: 2 }),
    ]);
  });

  it("imports nothing when BACKFILL_DAYS is 0", async () => {
    const { probot, deps } = createTestApp(db(), () => NOW);
    deps.backfillDays = 0;

    await receive(probot, "installation", example("installation", "created"));

    expect(await runRows(db())).toEqual([]);
    expect(await workRows(db())).toEqual([]);
    expect(await sweepUntilIdle(db(), NOW)).toBe(0);
  });
});
