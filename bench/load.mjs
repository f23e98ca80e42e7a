// npm run bench: sustained signed webhook traffic on loopback against the built app, with
// PostgreSQL taken away and brought back midway (a TCP proxy in front of it is cut). Prints what
// was sent, acknowledged (2xx), refused (5xx: GitHub would mark those failed and the recovery job
// would redeliver them; here they are redelivered at the end), processed (stored) and lost
// (acknowledged but not stored: must be 0). Needs PostgreSQL on 127.0.0.1:5432 and `npm run build`.
import { spawn } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import net from "node:net";
import pg from "pg";

const TOTAL = Number(process.env.BENCH_DELIVERIES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const OUTAGE_MS = 3000;
const SECRET = "bench-secret";
const admin = "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `bench_${Date.now()}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function proxyTo(port) {
  const sockets = new Set();
  let server = null;
  let listenPort = 0;
  const up = () => new Promise((resolve) => {
    server = net.createServer((client) => {
      const upstream = net.connect(port, "127.0.0.1");
      for (const socket of [client, upstream]) { sockets.add(socket); socket.on("close", () => sockets.delete(socket)); socket.on("error", () => socket.destroy()); }
      client.pipe(upstream).pipe(client);
    });
    server.listen(listenPort, "127.0.0.1", () => { listenPort = server.address().port; resolve(); });
  });
  const down = () => new Promise((resolve) => { for (const socket of sockets) socket.destroy(); server.close(() => resolve()); });
  return { up, down, get port() { return listenPort; } };
}

const adminClient = new pg.Client(admin);
await adminClient.connect();
await adminClient.query(`CREATE DATABASE ${dbName}`);
const proxy = proxyTo(5432);
await proxy.up();
const appPort = 30000 + Math.floor(Math.random() * 10000);
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" });
const app = spawn("node", ["lib/main.js"], {
  env: { PATH: process.env.PATH, APP_ID: "1", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/${dbName}`, PORT: String(appPort), HOST: "127.0.0.1", LOG_LEVEL: "fatal", GHE_HOST: "127.0.0.1:1", GHE_PROTOCOL: "http" },
  stdio: "ignore",
});
const url = `http://127.0.0.1:${appPort}/api/github/webhooks`;
for (let i = 0; i < 100; i++) { if ((await fetch(`http://127.0.0.1:${appPort}/ping`).catch(() => null))?.ok) break; await sleep(100); }

function payload(n) {
  const created = new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString();
  return JSON.stringify({
    action: "opened",
    issue: { number: n + 1, title: `Issue ${n}`, user: { id: 1000 + (n % 500), login: `user${n % 500}`, type: "User" }, labels: [], state: "open", locked: false, author_association: "NONE", created_at: created, updated_at: created, closed_at: null },
    repository: { id: 42, full_name: "bench/app", private: false },
    installation: { id: 7 },
  });
}
async function deliver(id, body) {
  const started = performance.now();
  const response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": id, "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}` } }).catch(() => null);
  return { status: response?.status ?? 0, ms: performance.now() - started };
}

const acknowledged = new Set();
const refused = [];
const latencies = [];
let next = 0;
const outageAt = Math.floor(TOTAL / 3);
let outage = null;
const started = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (next < TOTAL) {
    const n = next++;
    if (n === outageAt) outage = proxy.down().then(() => sleep(OUTAGE_MS)).then(() => proxy.up());
    const id = randomUUID();
    const body = payload(n);
    const { status, ms } = await deliver(id, body);
    latencies.push(ms);
    if (status >= 200 && status < 300) acknowledged.add(id);
    else refused.push({ id, body });
  }
}));
await outage;
const elapsed = (performance.now() - started) / 1000;
let redelivered = 0;
for (const { id, body } of refused) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { status } = await deliver(id, body);
    if (status >= 200 && status < 300) { acknowledged.add(id); redelivered++; break; }
    await sleep(500);
  }
}
const stored = new pg.Client(`postgres://postgres@127.0.0.1:5432/${dbName}`);
await stored.connect();
const { rows } = await stored.query("SELECT id FROM deliveries");
const processed = new Set(rows.map((row) => row.id));
const lost = [...acknowledged].filter((id) => !processed.has(id)).length;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
console.log(JSON.stringify({ sent: TOTAL, acknowledged: acknowledged.size, refusedDuringOutage: refused.length, redelivered, processed: processed.size, lost, seconds: Number(elapsed.toFixed(1)), perSecond: Math.round(TOTAL / elapsed), p50ms: Number(pct(0.5)), p99ms: Number(pct(0.99)) }, null, 2));
await stored.end();
app.kill("SIGTERM");
await sleep(500);
await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await adminClient.end();
await proxy.down().catch(() => {});
process.exit(lost === 0 ? 0 : 1);
