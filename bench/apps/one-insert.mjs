// The Probot 14 app of `npm run bench` that records each delivery durably (one INSERT, committed)
// before acknowledging it: the floor of what storing a delivery costs. Started as
// `probot run ./bench/apps/one-insert.mjs` with BENCH_DATABASE_URL.
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
pool.on("error", () => {});
await pool.query("CREATE TABLE IF NOT EXISTS bench_deliveries (id text PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now())");

export default (app) => {
  app.on("issues.opened", async (context) => {
    await pool.query("INSERT INTO bench_deliveries (id) VALUES ($1)", [context.id]);
  });
};
