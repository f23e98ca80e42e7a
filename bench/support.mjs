// What the scenarios of `npm run bench` share: a throwaway database, an app process on a free
// loopback port, signed deliveries, percentiles. Loopback only: nothing reaches the internet.
import { spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import net from "node:net";
import pg from "pg";

export const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const SECRET = "bench-secret";
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const PRIVATE_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" });

async function admin(sql) {
  const client = new pg.Client(ADMIN_URL);
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database on the local server: its URL (through `port` when given) and how to drop it. */
export async function createDatabase(prefix, port) {
  const name = `${prefix}_${Date.now()}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = (viaPort) => {
    const address = new URL(ADMIN_URL);
    if (viaPort) address.port = String(viaPort);
    address.pathname = `/${name}`;
    return address.toString();
  };
  return { name, url: url(port), directUrl: url(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `node <args>` as a GitHub App on a free loopback port (GitHub itself unreachable), waits
 * until it answers /ping; `url` is its webhook endpoint.
 */
export async function startApp(label, args, env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
      APP_ID: "1",
      PRIVATE_KEY,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      GHE_HOST: "127.0.0.1:1",
      GHE_PROTOCOL: "http",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if ((await fetch(`${base}/ping`).catch(() => null))?.ok) break;
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode} before answering`);
    await sleep(100);
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(3000)]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  return { label, pid: child.pid, url: `${base}/api/github/webhooks`, stop };
}

/** Posts one delivery as GitHub does; its status (0: no answer) and acknowledgement time in ms. */
export async function deliver(url, id, body, event = "issues") {
  const started = performance.now();
  const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  const headers = {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": id,
    "x-hub-signature-256": signature,
  };
  const response = await fetch(url, { method: "POST", body, headers }).catch(() => null);
  await response?.arrayBuffer();
  return { status: response?.status ?? 0, ms: performance.now() - started };
}

/** The `p` quantile (0-1) of ascending `sorted`, in ms with one decimal. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1));
}

/** The ids of a table's rows, in a database reached directly. */
export async function storedIds(url, sql) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}
