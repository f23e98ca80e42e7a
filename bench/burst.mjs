// The burst scenario of `npm run bench`: 15 s of mixed issues.opened and issues.closed deliveries at
// concurrency 50 against the app on PostgreSQL, with a local GitHub stand-in (../shared/smoke)
// answering its calls. Every close asks a survey: GitHub spaces those comments seconds apart, so
// most of them must wait. Measures the app's resident memory at rest, at its peak and after the
// burst, and where the surveys wait: in the work queue (not in the process), at most a few in flight.
import fs from "node:fs";
import { clearInterval, setInterval } from "node:timers";
import pg from "pg";
import { createDatabase, SECRET, sleep, startApp } from "./support.mjs";

const SECONDS = 15;
const CONCURRENCY = 50;
const SMOKE_LIB = new URL("../../shared/smoke/lib.mjs", import.meta.url);

/** The resident memory of a process, in MB (Linux). */
function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function queueState(url) {
  const client = new pg.Client(url);
  await client.connect();
  const { rows } = await client.query(
    `SELECT count(*) FILTER (WHERE kind = 'survey.ask' AND state = 'pending')::int AS waiting,
       count(*) FILTER (WHERE kind = 'survey.ask' AND locked_until > now())::int AS "inFlight",
       (SELECT count(*)::int FROM surveys) AS surveys,
       (SELECT count(*)::int FROM surveys WHERE status = 'asked') AS asked
     FROM work`,
  );
  await client.end();
  return rows[0];
}

export async function burstScenario() {
  if (!fs.existsSync(SMOKE_LIB)) return { skipped: "no GitHub stand-in (../shared/smoke/lib.mjs) beside the project" };
  const github = await import(SMOKE_LIB.href);
  const fake = await github.startFakeGitHub();
  const db = await createDatabase("bench_burst");
  // The stand-in's signature secret; everything else as the other scenarios start the app.
  const app = await startApp("satisfaction-bot", ["lib/main.js"], {
    DATABASE_URL: db.directUrl,
    GHE_HOST: fake.host,
    WEBHOOK_SECRET: github.SECRET ?? SECRET,
  });
  try {
    await sleep(3000);
    const atRest = rssMb(app.pid);
    let peak = atRest;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(app.pid))), 250);
    let next = 0;
    const sent = { opened: 0, closed: 0, failed: 0 };
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          const number = ++next;
          const user = { login: `reporter-${number % 300}`, id: 7_000_000 + (number % 300), type: "User" };
          const closedAt = new Date(Date.UTC(2026, 10, 20) + number * 1000).toISOString();
          for (const action of ["opened", "closed"]) {
            const payload = github.issuePayload(action, { number, user, closedAt });
            const { status } = await github.sendWebhook(app.url, "issues", payload).catch(() => ({ status: 0 }));
            if (status >= 200 && status < 300) sent[action]++;
            else sent.failed++;
          }
        }
      }),
    );
    clearInterval(sampler);
    const queue = await queueState(db.directUrl);
    const comments = [...fake.state.comments.values()].length;
    await sleep(5000);
    return {
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      sent,
      rssMb: { atRest, peak, after: rssMb(app.pid) },
      queue,
      commentsPosted: comments,
    };
  } finally {
    await app.stop();
    await Promise.race([fake.close(), sleep(2000)]);
    await db.drop();
  }
}
