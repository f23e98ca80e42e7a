import { beforeAll, describe, expect, it } from "vitest";
import { sweepRateWindows } from "../../src/api/rate-limit.js";
import { backends, useDatabase } from "../helpers/db.js";
import { useEmptyFolderForCli } from "../helpers/cli.js";
import { useOperationsServers } from "../helpers/ops-server.js";
import { apiClient, createToken, feedback, OCTO, seedInstallations } from "./support.js";

// Requests per token, counted in PostgreSQL in fixed minute windows: a tiny limit and a clock the test moves.
useEmptyFolderForCli();
const start = useOperationsServers();

describe.each(backends)("the API's rate limit on $name", ({ name, create }) => {
  const store = { name, ...useDatabase(create) };
  let now = new Date("2026-11-20T12:00:20Z");
  let base = "";
  beforeAll(async () => {
    base = (await start(store.db(), { clock: () => now, api: { requestsPerMinute: 2 } })).url;
  });

  it("answers 429 with retry-after past the token's requests for the minute, per token, and again in the next minute", async () => {
    await seedInstallations(store.db());
    now = new Date("2026-11-20T12:00:20Z");
    const first = apiClient(base, await createToken(store, OCTO.login, "email desk"));
    const second = apiClient(base, await createToken(store, OCTO.login, "chat desk"));
    expect((await first.post(feedback())).status).toBe(201);
    expect((await first.satisfaction("repo=octo/app&from=2026-11-01&to=2026-11-21")).status).toBe(200);
    const refused = await first.post(feedback());
    expect(refused).toMatchObject({ status: 429, body: { error: "Too many requests: at most 2 a minute per token" } });
    expect(refused.headers["retry-after"]).toBe("40");
    now = new Date("2026-11-20T12:00:59.500Z");
    expect((await first.post(feedback())).headers["retry-after"]).toBe("1");
    // another token of the same installation has its own count
    expect((await second.post(feedback())).status).toBe(201);

    now = new Date("2026-11-20T12:01:00Z");
    expect((await first.post(feedback())).status).toBe(201);
    const { rows } = await store.db().query<{ requests: number }>("SELECT requests FROM api_rate_windows ORDER BY window_start, token_id");
    expect(rows.map((row) => row.requests)).toEqual([4, 1, 1]);

    // the sweep keeps the current window and the one before, and deletes older ones
    expect(await sweepRateWindows(store.db(), new Date("2026-11-20T12:01:30Z"))).toBe(0);
    expect(await sweepRateWindows(store.db(), new Date("2026-11-20T12:02:00Z"))).toBe(2);
    expect((await store.db().query("SELECT 1 FROM api_rate_windows")).rowCount).toBe(1);
  });
});
