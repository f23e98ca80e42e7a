import { execFile } from "node:child_process";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltApp } from "../helpers/built-app.js";
import { startBuiltApp } from "../helpers/built-app.js";
import type { TestDatabase } from "../helpers/db.js";
import { createTestDatabase } from "../helpers/db.js";
import { example } from "../helpers/fixtures.js";
import { postWebhook, until } from "../helpers/http.js";

// The app as a user runs it, installed on a repository with a history, against the shared GitHub
// stand-in (../shared/smoke/lib.mjs: GitHub's listings with `since`, pages and Link headers).
const root = new URL("../../", import.meta.url).pathname;
const standInModule = new URL("../shared/smoke/lib.mjs", `file://${root}`).pathname;
const run = promisify(execFile);
const SECRET = "e2e-backfill-secret";
const DAY = 86_400_000;

type Json = Record<string, unknown>;
type StandIn = {
  host: string;
  state: {
    history: Map<string, { issues: Json[]; comments: Json[] }>;
    files: Map<string, string>;
    requests: { method: string; path: string; query: string }[];
  };
  close(): Promise<void>;
};

const ago = (days: number, hours = 0) => new Date(Date.now() - days * DAY + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
const VISITOR = { login: "visitor", id: 5_550_021, type: "User" };
const OWNER = { login: "Codertocat", id: 21_031_067, type: "User" };

function issue(number: number, openedDaysAgo: number, extra: Json = {}): Json {
  const created = ago(openedDaysAgo);
  return {
    number,
    title: `History ${number}`,
    user: VISITOR,
    labels: [{ name: "question" }],
    state: "closed",
    state_reason: "completed",
    locked: false,
    author_association: "NONE",
    comments: 1,
    created_at: created,
    updated_at: ago(openedDaysAgo - 1),
    closed_at: ago(openedDaysAgo - 1),
    ...extra,
  };
}

const answer = (id: number, number: number, openedDaysAgo: number): Json => ({
  id,
  issue_url: `https://api.github.com/repos/Codertocat/Hello-World/issues/${number}`,
  user: OWNER,
  author_association: "OWNER",
  body: "Fixed in main.",
  created_at: ago(openedDaysAgo, 2),
  updated_at: ago(openedDaysAgo, 2),
});

describe.skipIf(!fs.existsSync(standInModule))("backfill end to end, against the shared GitHub stand-in", () => {
  let store: TestDatabase;
  let github: StandIn;
  let app: BuiltApp;

  beforeAll(async () => {
    const lib = (await import(pathToFileURL(standInModule).href)) as { startFakeGitHub(): Promise<StandIn> };
    github = await lib.startFakeGitHub();
    // 120 issues answered over the last 60 days (two pages), a pull request, and one issue of 150 days ago.
    const recent = Array.from({ length: 120 }, (_, index) => issue(index + 1, 60 - index * 0.4));
    const pull = issue(200, 3, { pull_request: { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/200" } });
    const old = issue(300, 150, { updated_at: ago(149), closed_at: ago(149) });
    github.state.history.set("Codertocat/Hello-World", {
      issues: [old, ...recent, pull],
      comments: [answer(9_300, 300, 150), ...recent.map((item, index) => answer(9_000 + index, item.number as number, 60 - index * 0.4))],
    });
    // Summaries off: with the real clock, a week of this history falls due on some dates, and the
    // summary issue the app would post is an issue of the repository the second backfill imports.
    github.state.files.set("Codertocat/Hello-World:.github/satisfaction.yml", "summary:\n  enabled: false\n");
    store = await createTestDatabase();
    app = await startBuiltApp(SECRET, { GHE_HOST: github.host, GHE_PROTOCOL: "http", DATABASE_URL: store.url });
    const created = example("installation", "created");
    const response = await postWebhook(`${app.base}/api/github/webhooks`, SECRET, JSON.stringify(created), {
      "x-github-event": "installation",
    });
    if (response.status !== 200) throw new Error(`installation.created answered ${response.status}`);
  });

  afterAll(async () => {
    app?.child.kill("SIGKILL");
    await github?.close();
    await store?.drop();
  });

  const count = async (sql: string) => (await store.db.query<{ n: number }>(sql)).rows[0]?.n;

  it("imports the last 90 days on installation, page by page, and asks nobody", async () => {
    const done = await until(async () => (await count("SELECT count(*)::int AS n FROM backfill_runs WHERE status = 'done'")) === 1, 30_000);
    expect(done).toBe(true);

    expect(await count("SELECT count(*)::int AS n FROM issues")).toBe(120);
    expect(await count("SELECT count(*)::int AS n FROM issues WHERE first_responder_login = 'Codertocat' AND labels = '{question}'")).toBe(
      120,
    );
    expect(await count("SELECT count(*)::int AS n FROM surveys")).toBe(0);
    const listed = github.state.requests.filter((request) => request.method === "GET" && request.query.includes("since="));
    expect(listed.map((request) => request.path)).toEqual([
      "/repos/Codertocat/Hello-World/issues",
      "/repos/Codertocat/Hello-World/issues",
      "/repos/Codertocat/Hello-World/issues/comments",
      "/repos/Codertocat/Hello-World/issues/comments",
    ]);
    expect(github.state.requests.filter((request) => request.method === "POST" && request.path.includes("/comments"))).toEqual([]);
  });

  it("the command line imports further back on demand and prints what it imported", async () => {
    const since = ago(200).slice(0, 10);
    const { stdout } = await run("node", ["bin/satisfaction-bot.js", "backfill", "--repo", "Codertocat/Hello-World", "--since", since], {
      cwd: root,
      env: app.env,
    });

    expect(stdout.trim()).toBe(
      `backfill of Codertocat/Hello-World since ${since}: 1 issues, 1 comments, first responses: 1 by maintainers, 1 by anyone; done`,
    );
    expect(await count("SELECT count(*)::int AS n FROM issues WHERE number = 300 AND first_response_at IS NOT NULL")).toBe(1);
  });
});
