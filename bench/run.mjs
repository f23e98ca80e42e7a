// npm run bench: the ingest scenario, then the PostgreSQL-cut scenario, against the built app on
// the local PostgreSQL (127.0.0.1:5432, or BENCH_ADMIN_URL), then the burst scenario (memory and
// the work queue under a burst of closes). Writes the run to
// bench/results/<timestamp>.json and prints the Markdown of docs/performance.md. Exits 1 when an
// acknowledged delivery was lost or doubled, or a delivery failed. BENCH_SCENARIOS=ingest (or
// postgres-cut, or burst) runs one; BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONCURRENCIES tune the ingest runs.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { burstScenario } from "./burst.mjs";
import { ingestScenario } from "./ingest.mjs";
import { postgresCutScenario } from "./postgres-cut.mjs";
import { markdown } from "./markdown.mjs";
import { ADMIN_URL } from "./support.mjs";

const scenarios = (process.env.BENCH_SCENARIOS ?? "ingest,postgres-cut,burst").split(",");

async function machine() {
  const client = new pg.Client(ADMIN_URL);
  await client.connect();
  const { rows } = await client.query("SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS sync");
  await client.end();
  const commit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    } catch {
      return null;
    }
  })();
  const cpu = os.cpus();
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: rows[0].version,
    synchronousCommit: rows[0].sync,
    loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
    commit,
  };
}

const result = { at: new Date().toISOString(), machine: await machine() };
if (scenarios.includes("ingest")) result.ingest = await ingestScenario();
if (scenarios.includes("postgres-cut")) result.postgresCut = await postgresCutScenario();
if (scenarios.includes("burst")) result.burst = await burstScenario();

const file = new URL(`results/${result.at.replaceAll(":", "-").replace(/\.\d+Z$/, "Z")}.json`, import.meta.url);
fs.mkdirSync(new URL("results/", import.meta.url), { recursive: true });
fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(markdown(result));
console.log(`\nWritten to bench/results/${file.pathname.split("/").pop()}`);

const failed = [
  ...Object.values(result.ingest?.check ?? {}).filter((check) => !check.once),
  ...(result.ingest?.rows ?? []).filter((row) => row.errors > 0),
  ...(result.postgresCut && result.postgresCut.lost > 0 ? [result.postgresCut] : []),
];
process.exit(failed.length === 0 ? 0 : 1);
