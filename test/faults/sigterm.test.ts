import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../helpers/db.js";
import { createTestDatabase } from "../helpers/db.js";
import { issuesPayload } from "../helpers/fixtures.js";
import { postWebhook, until } from "../helpers/http.js";
import type { BuiltApp } from "../helpers/built-app.js";
import { startBuiltApp } from "../helpers/built-app.js";
import type { GitHubStandIn } from "../helpers/github-stand-in.js";
import { startGitHubStandIn } from "../helpers/github-stand-in.js";

// SIGTERM (a deploy, a scale-down) while the survey comment of an acknowledged close is on its way
// to a slow GitHub: the app stops taking requests, finishes that work, records it, then exits 0.
const SECRET = "sigterm-secret";

describe("SIGTERM with work in hand", () => {
  let store: TestDatabase;
  let github: GitHubStandIn;
  let app: BuiltApp;
  beforeAll(async () => {
    store = await createTestDatabase();
    github = await startGitHubStandIn();
    app = await startBuiltApp(SECRET, { GHE_HOST: github.host, GHE_PROTOCOL: "http", DATABASE_URL: store.url });
  });
  afterAll(async () => {
    app?.child.kill("SIGKILL");
    await github?.close();
    await store?.drop();
  });

  it("finishes the survey comment in flight, records it, stops listening and exits 0", async () => {
    github.commentReplyDelayMs = 1_500;
    const response = await postWebhook(`${app.base}/api/github/webhooks`, SECRET, JSON.stringify(issuesPayload("closed")));
    expect(response.status).toBe(200);
    expect(await until(() => github.comments.length === 1, 10_000)).toBe(true); // on its way: GitHub has not answered yet
    expect((await store.db.query("SELECT status, comment_id FROM surveys")).rows).toEqual([{ status: "to_ask", comment_id: null }]);

    app.child.kill("SIGTERM");
    expect(await app.exited()).toBe(0);

    expect((await store.db.query("SELECT status, comment_id FROM surveys")).rows).toEqual([{ status: "asked", comment_id: github.comments[0]?.id }]);
    expect((await store.db.query("SELECT outcome FROM experiences")).rows).toEqual([{ outcome: "pending" }]);
    expect(github.comments).toHaveLength(1);
    await expect(fetch(`${app.base}/ping`)).rejects.toThrow();
  });
});
