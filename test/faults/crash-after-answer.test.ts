import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { issuesPayload } from "../helpers/fixtures.js";
import { useAppAgainstStandIn } from "../helpers/built-app.js";
import { postWebhook, until } from "../helpers/http.js";

// The app is killed (SIGKILL) after it acknowledged a close and while GitHub was creating the survey
// comment, before it could record it. After the restart, the sweep finishes the survey: the comment
// GitHub did create is found by its marker, never posted twice, and the experience is there once.
const root = new URL("../../", import.meta.url).pathname;
const SECRET = "crash-test-webhook-secret";
const run = promisify(execFile);

describe("a crash between acknowledgement and work", () => {
  const started = useAppAgainstStandIn(SECRET);

  it("leaves one comment and one experience after the restart's sweep", async () => {
    const { store, github, app } = started();
    github.state.faults.hangCommentPosts = true;
    const body = JSON.stringify(issuesPayload("closed"));
    const response = await postWebhook(`${app.base}/api/github/webhooks`, SECRET, body);
    expect(response.status).toBe(200); // acknowledged: the survey is stored
    expect(await until(() => github.comments().length === 1, 10_000)).toBe(true); // GitHub made it; no answer came back
    app.child.kill("SIGKILL");
    await app.exited();
    github.state.faults.hangCommentPosts = false;

    // The dead worker's claim (a two-minute lease) has run out by the time another instance sweeps.
    await store.db.query("UPDATE work SET locked_until = now() - interval '1 second' WHERE locked_until IS NOT NULL");
    await run("node", ["bin/satisfaction-bot.js", "sweep"], { cwd: root, env: app.env });

    const surveys = await store.db.query<{ status: string; comment_id: number }>("SELECT status, comment_id FROM surveys");
    expect(surveys.rows).toEqual([{ status: "asked", comment_id: github.comments()[0]?.id }]);
    expect(github.comments()).toHaveLength(1);
    expect(github.state.requests.filter((r) => r.method === "POST" && r.path.endsWith("/issues/1/comments"))).toHaveLength(1);
    expect((await store.db.query("SELECT outcome FROM experiences")).rows).toEqual([{ outcome: "pending" }]);
  });
});
