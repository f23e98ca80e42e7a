import { generateKeyPairSync } from "node:crypto";
import type { AddressInfo } from "node:net";
import { sign } from "@octokit/webhooks-methods";
import type { Logger } from "pino";
import { startAppServer } from "../app-server.js";
import { migrate } from "../db/migrate.js";
import { openServerDatabase } from "../db/open.js";
import type { Db } from "../db/types.js";
import type { DueWorkResult } from "../due-work.js";
import { runDueWork } from "../due-work.js";
import { parseEnv } from "../env.js";
import type { Webhook } from "./stand-in/events.js";

export const DEMO_APP_ID = 4_200;
const WEBHOOK_SECRET = "the-demo-signs-its-webhooks-with-this-secret";

export type DemoApp = {
  db: Db;
  /** The app's address (webhooks, /api/feedback, /metrics). */
  url: string;
  deliver(webhook: Webhook): Promise<void>;
  sweep(now: Date): Promise<DueWorkResult>;
  close(): Promise<void>;
};

/**
 * Starts the app as `npm start` does (src/app-server.ts) on an embedded database in `dataDir`, with
 * the demo's clock, reaching GitHub at the stand-in's host as a GitHub Enterprise Server. The key
 * is made for this run: the stand-in does not check it, as GitHub would.
 */
export async function startDemoApp(dataDir: string, githubHost: string, clock: () => Date, log: Logger): Promise<DemoApp> {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const env = parseEnv({
    APP_ID: String(DEMO_APP_ID),
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET,
    GHE_HOST: githubHost,
    GHE_PROTOCOL: "http",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    BACKFILL_DAYS: "31",
  });
  const db = await openServerDatabase(env, log);
  await migrate(db);
  const app = await startAppServer({ env: { ...env, APP_ID: String(DEMO_APP_ID), privateKey }, db, log, clock, ready: () => true });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let deliveries = 0;

  return {
    db,
    url,
    async deliver({ event, payload }) {
      const body = JSON.stringify(payload);
      const id = `00000000-0000-4000-8000-${String(++deliveries).padStart(12, "0")}`;
      const response = await fetch(`${url}${env.WEBHOOK_PATH}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": event,
          "x-github-delivery": id,
          "x-hub-signature-256": await sign(WEBHOOK_SECRET, body),
        },
        body,
      });
      if (!response.ok)
        throw new Error(`the app answered ${response.status} to ${event}.${String(payload.action ?? "")}: ${await response.text()}`);
      await app.worker.idle();
    },
    async sweep(now) {
      const result = await runDueWork(app.dueWork, now);
      await app.worker.idle();
      return result;
    },
    async close() {
      await app.worker.drain();
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await db.close();
    },
  };
}
