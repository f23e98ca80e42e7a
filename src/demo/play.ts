import type { Logger } from "pino";
import { createApiToken } from "../api/tokens.js";
import type { DemoApp } from "./demo-app.js";
import { DEMO_APP_ID, startDemoApp } from "./demo-app.js";
import { END, INSTALLED_AT, month } from "./month.js";
import { githubPeople } from "./people.js";
import { INSTALLATION_ID } from "./stand-in/events.js";
import { repository, REPOSITORY } from "./project.js";
import type { Desk, World } from "./stories.js";
import { startStandIn } from "./stand-in/server.js";
import type { GitHubState } from "./stand-in/state.js";
import { createGitHubState } from "./stand-in/state.js";

const HOUR_MS = 3_600_000;

/** `Mon 02 Nov 09:20`, in UTC: the demo's month is told in UTC. */
const when = (time: Date): string =>
  time
    .toLocaleString("en-GB", {
      timeZone: "UTC",
      weekday: "short",
      day: "2-digit",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    })
    .replace(",", "");

function emailDesk(app: DemoApp, clock: () => Date): Desk {
  let token: string | undefined;
  let sent = 0;
  return async ({ reporter, rating, url, comment }) => {
    // What `satisfaction-bot token create --installation acme --name "email desk"` does.
    token ??= (
      await createApiToken(app.db, { installationId: INSTALLATION_ID, name: "email desk", expiresAt: null, repositoryIds: null }, clock())
    ).token;
    const response = await fetch(`${app.url}/api/feedback`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": `demo-desk-${++sent}` },
      body: JSON.stringify({ repository: REPOSITORY, channel: "email", reporter, rating, occurredAt: clock().toISOString(), url, comment }),
    });
    if (response.status !== 201) throw new Error(`the feedback API answered ${response.status}: ${await response.text()}`);
    return `email desk: ${reporter} rated ${rating} of 5 (POST /api/feedback: ${response.status})`;
  };
}

/** What the month left: the stand-in's GitHub, and the app (its database still open) until `close()`. */
export type PlayedMonth = { state: GitHubState; app: DemoApp; close(): Promise<void> };

/**
 * Plays the month: each step at its time, and between steps the sweep the server runs every minute,
 * here once an hour of the month (every reaction read, service-level mark and summary falls due on
 * a whole hour or is read at the next). Prints each step and, under it, what the app did on GitHub.
 */
export async function playMonth(dataDir: string, log: Logger, print: (line: string) => void): Promise<PlayedMonth> {
  let now = new Date(0);
  const clock = () => new Date(now.getTime());
  const state = createGitHubState(structuredClone(repository), DEMO_APP_ID, clock);
  const standIn = await startStandIn(state);
  const app = await startDemoApp(dataDir, standIn.host, clock, log);
  let shown = 0;
  // GitHub's webhooks for what the app itself did, delivered in order until none is left (a delivery may cause more).
  const settle = async () => {
    for (let webhook = state.outbox.shift(); webhook; webhook = state.outbox.shift()) await app.deliver(webhook);
    for (const line of state.activity.slice(shown)) print(`${when(clock())}    app: ${line}`);
    shown = state.activity.length;
  };
  const world: World = {
    github: githubPeople(state, app.deliver),
    beforeInstall: githubPeople(state, async () => {}),
    state,
    desk: emailDesk(app, clock),
  };
  let nextSweep = INSTALLED_AT.getTime() + HOUR_MS;
  const sweepUntil = async (time: Date) => {
    for (; nextSweep <= time.getTime(); nextSweep += HOUR_MS) {
      now = new Date(nextSweep);
      await app.sweep(clock());
      await settle();
    }
  };
  const close = async () => {
    await app.close();
    await standIn.close();
  };
  try {
    for (const step of month()) {
      await sweepUntil(step.at);
      now = step.at;
      print(`${when(step.at)}  ${await step.act(world)}`);
      await settle();
    }
    await sweepUntil(END);
    if (state.unknownRoutes.length > 0)
      throw new Error(`the app called routes the demo's GitHub does not know: ${state.unknownRoutes.join(", ")}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { state, app, close };
}
