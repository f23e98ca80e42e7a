// The PostgreSQL-cut scenario of `npm run bench`: sustained signed webhook traffic against the
// built app, with PostgreSQL taken away and brought back midway (a TCP proxy in front of it is
// cut). Reports what was sent, acknowledged (2xx), refused (5xx: GitHub would mark those failed
// and the recovery job would redeliver them; here they are redelivered at the end), processed
// (stored) and lost (acknowledged but not stored: must be 0).
import { randomUUID } from "node:crypto";
import net from "node:net";
import { ADMIN_URL, createDatabase, deliver, percentile, sleep, startApp, storedIds } from "./support.mjs";

const TOTAL = Number(process.env.BENCH_DELIVERIES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const OUTAGE_MS = 3000;

function proxyTo(port) {
  const sockets = new Set();
  let server = null;
  let listenPort = 0;
  const up = () =>
    new Promise((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(port, "127.0.0.1");
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(listenPort, "127.0.0.1", () => {
        listenPort = server.address().port;
        resolve();
      });
    });
  const down = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return {
    up,
    down,
    get port() {
      return listenPort;
    },
  };
}

function payload(n) {
  const created = new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString();
  const user = { id: 1000 + (n % 500), login: `user${n % 500}`, type: "User" };
  const issue = {
    number: n + 1,
    title: `Issue ${n}`,
    user,
    labels: [],
    state: "open",
    locked: false,
    author_association: "NONE",
    created_at: created,
    updated_at: created,
    closed_at: null,
  };
  return JSON.stringify({
    action: "opened",
    issue,
    repository: { id: 42, full_name: "bench/app", private: false },
    installation: { id: 7 },
  });
}

export async function postgresCutScenario() {
  const proxy = proxyTo(Number(new URL(ADMIN_URL).port || 5432));
  await proxy.up();
  const db = await createDatabase("bench_cut", proxy.port);
  const app = await startApp("satisfaction-bot", ["lib/main.js"], { DATABASE_URL: db.url });
  const acknowledged = new Set();
  const refused = [];
  const latencies = [];
  let next = 0;
  let outage = null;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TOTAL) {
        const n = next++;
        if (n === Math.floor(TOTAL / 3))
          outage = proxy
            .down()
            .then(() => sleep(OUTAGE_MS))
            .then(() => proxy.up());
        const id = randomUUID();
        const body = payload(n);
        const { status, ms } = await deliver(app.url, id, body);
        latencies.push(ms);
        if (status >= 200 && status < 300) acknowledged.add(id);
        else refused.push({ id, body });
      }
    }),
  );
  await outage;
  const seconds = (performance.now() - started) / 1000;
  let redelivered = 0;
  for (const { id, body } of refused) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const { status } = await deliver(app.url, id, body);
      if (status >= 200 && status < 300) {
        acknowledged.add(id);
        redelivered++;
        break;
      }
      await sleep(500);
    }
  }
  const processed = new Set(await storedIds(db.directUrl, "SELECT id FROM deliveries"));
  const lost = [...acknowledged].filter((id) => !processed.has(id)).length;
  await app.stop();
  await db.drop();
  await proxy.down().catch(() => {});
  latencies.sort((a, b) => a - b);
  return {
    sent: TOTAL,
    acknowledged: acknowledged.size,
    refusedDuringOutage: refused.length,
    redelivered,
    processed: processed.size,
    lost,
    seconds: Number(seconds.toFixed(1)),
    perSecond: Math.round(TOTAL / seconds),
    p50ms: percentile(latencies, 0.5),
    p99ms: percentile(latencies, 0.99),
  };
}
