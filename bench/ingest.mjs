// The ingest scenario of `npm run bench`: unique signed issues.opened deliveries, spread over
// REPOSITORIES repositories of one installation, sent to three apps in turn (the same machine
// conditions for each): satisfaction-bot on PostgreSQL, a bare Probot app with a no-op handler and
// a Probot app doing one durable INSERT per delivery (both started by `probot run`). Short runs at
// each concurrency, rotated, after a warm-up; then every acknowledged delivery must be stored once.
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { createDatabase, deliver, percentile, startApp, storedIds } from "./support.mjs";
import { sampleWaits } from "./waits.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP_SECONDS = 1;
const CONCURRENCIES = (process.env.BENCH_CONCURRENCIES ?? "1,10,50").split(",").map(Number);
const REPOSITORIES = 24;
const INSTALLATION_ID = 7;

const opened = createRequire(import.meta.url)("@octokit/webhooks-examples")
  .find((definition) => definition.name === "issues")
  .examples.find((payload) => payload.action === "opened");
let sequence = 0;

/** The next delivery: a new issue in one of the repositories, by one of 500 reporters. */
function nextDelivery() {
  const n = sequence++;
  const repository = n % REPOSITORIES;
  const at = new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString();
  const user = { ...opened.issue.user, id: 1000 + (n % 500), login: `user${n % 500}` };
  const issue = { ...opened.issue, number: Math.floor(n / REPOSITORIES) + 1, user, created_at: at, updated_at: at };
  const names = { id: 5000 + repository, name: `repo-${repository}`, full_name: `bench/repo-${repository}` };
  const payload = { ...opened, issue, repository: { ...opened.repository, ...names }, installation: { id: INSTALLATION_ID } };
  return { id: randomUUID(), body: JSON.stringify(payload) };
}

/** `concurrency` senders for `seconds`: what was acknowledged, how fast, and what failed (by status). */
async function load(target, concurrency, seconds) {
  const latencies = [];
  const failures = {};
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const { id, body } = nextDelivery();
        const { status, ms } = await deliver(target.url, id, body);
        if (status >= 200 && status < 300) {
          target.acknowledged.add(id);
          latencies.push(ms);
        } else failures[status] = (failures[status] ?? 0) + 1;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, failures };
}

function summarize(app, concurrency, runs) {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const errors = runs.reduce((sum, run) => sum + Object.values(run.failures).reduce((a, b) => a + b, 0), 0);
  const perSecond = Math.round(latencies.length / seconds);
  const rounds = runs.map((run) => Math.round(run.latencies.length / run.seconds));
  return {
    app,
    concurrency,
    perSecond,
    p50ms: percentile(latencies, 0.5),
    p99ms: percentile(latencies, 0.99),
    acknowledged: latencies.length,
    errors,
    rounds,
  };
}

/**
 * Whether each acknowledged delivery was stored once: lost counts those without their row; the
 * app's deliveries each open a new issue, so it must hold exactly as many issues as deliveries.
 */
async function checkStored(target, url, deliveriesSql, issuesSql) {
  const stored = new Set(await storedIds(url, deliveriesSql));
  const lost = [...target.acknowledged].filter((id) => !stored.has(id)).length;
  const issues = issuesSql ? (await storedIds(url, issuesSql)).length : stored.size;
  return { acknowledged: target.acknowledged.size, stored: stored.size, lost, issues, once: lost === 0 && issues === stored.size };
}

export async function ingestScenario() {
  const appDb = await createDatabase("bench_app");
  const insertDb = await createDatabase("bench_insert");
  const probot = ["node_modules/probot/bin/probot.js", "run"];
  const targets = [
    await startApp("satisfaction-bot", ["lib/main.js"], { DATABASE_URL: appDb.url }),
    await startApp("bare Probot", [...probot, "./bench/apps/noop.mjs"]),
    await startApp("Probot + 1 INSERT", [...probot, "./bench/apps/one-insert.mjs"], { BENCH_DATABASE_URL: insertDb.url }),
  ].map((target) => ({ ...target, acknowledged: new Set() }));
  const [app, bare, oneInsert] = targets;
  const rows = [];
  const waits = {};
  try {
    for (const concurrency of CONCURRENCIES) {
      for (const target of targets) await load(target, concurrency, WARMUP_SECONDS);
      const runs = new Map(targets.map((target) => [target, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of [...targets.slice(round % 3), ...targets.slice(0, round % 3)]) {
          const sampler = target === app ? sampleWaits(appDb.name) : null;
          runs.get(target).push(await load(target, concurrency, SECONDS));
          if (sampler) waits[concurrency] = await sampler.stop();
        }
      }
      const bareRow = summarize(bare.label, concurrency, runs.get(bare));
      for (const target of targets) {
        const row = target === bare ? bareRow : summarize(target.label, concurrency, runs.get(target));
        rows.push({ ...row, ratio: Number((row.perSecond / bareRow.perSecond).toFixed(2)) });
      }
    }
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
  }
  const check = {
    [app.label]: await checkStored(
      app,
      appDb.url,
      "SELECT id FROM deliveries",
      "SELECT concat_ws('/', installation_id, repository_id, number) AS id FROM issues",
    ),
    [oneInsert.label]: await checkStored(oneInsert, insertDb.url, "SELECT id FROM bench_deliveries"),
  };
  await Promise.all([appDb.drop(), insertDb.drop()]);
  const settings = { seconds: SECONDS, rounds: ROUNDS, warmupSeconds: WARMUP_SECONDS, repositories: REPOSITORIES, installations: 1 };
  return { settings, rows, check, waits };
}
