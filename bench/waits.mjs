// What the app's PostgreSQL connections are doing under load, sampled from pg_stat_activity every
// 50 ms: how many samples found a connection active on CPU, waiting (by wait event), or idle.
import pg from "pg";
import { ADMIN_URL, sleep } from "./support.mjs";

export function sampleWaits(database) {
  const counts = {};
  let running = true;
  const sampling = (async () => {
    const client = new pg.Client(ADMIN_URL);
    await client.connect();
    try {
      while (running) {
        const { rows } = await client.query(
          `SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'active (on CPU)')
                       ELSE coalesce(state, 'unknown') END AS doing
           FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
          [database],
        );
        for (const { doing } of rows) counts[doing] = (counts[doing] ?? 0) + 1;
        await sleep(50);
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop() {
      running = false;
      await sampling;
      return Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a));
    },
  };
}
