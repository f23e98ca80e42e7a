import { describe, expect, it } from "vitest";
import { issuesPayload } from "../helpers/fixtures.js";
import { useAppAgainstStandIn } from "../helpers/built-app.js";
import { postWebhook, until } from "../helpers/http.js";

// SIGTERM (a deploy, a scale-down) while the survey comment of an acknowledged close is on its way
// to a slow GitHub: the app stops taking requests, finishes that work, records it, then exits 0.
const SECRET = "sigterm-test-webhook-secret";

describe("SIGTERM with work in hand", () => {
  const started = useAppAgainstStandIn(SECRET);

  it("finishes the survey comment in flight, records it, stops listening and exits 0", async () => {
    const { store, github, app } = started();
    github.state.faults.commentReplyDelayMs = 1_500;
    const response = await postWebhook(`${app.base}/api/github/webhooks`, SECRET, JSON.stringify(issuesPayload("closed")));
    expect(response.status).toBe(200);
    expect(await until(() => github.comments().length === 1, 10_000)).toBe(true); // on its way: GitHub has not answered yet
    expect((await store.db.query("SELECT status, comment_id FROM surveys")).rows).toEqual([{ status: "to_ask", comment_id: null }]);

    app.child.kill("SIGTERM");
    expect(await app.exited()).toBe(0);

    expect((await store.db.query("SELECT status, comment_id FROM surveys")).rows).toEqual([
      { status: "asked", comment_id: github.comments()[0]?.id },
    ]);
    expect((await store.db.query("SELECT outcome FROM experiences")).rows).toEqual([{ outcome: "pending" }]);
    expect(github.comments()).toHaveLength(1);
    await expect(fetch(`${app.base}/ping`)).rejects.toThrow();
  });
});
