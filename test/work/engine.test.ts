import { pino } from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import type { Octokit } from "../../src/github/octokit.js";
import { upsertInstallation, setInstallationSuspended } from "../../src/queries/installations.js";
import { markRepositoryRemoved, upsertRepository } from "../../src/queries/repositories.js";
import { claimDueWork, enqueueWork } from "../../src/queries/work.js";
import type { WorkItem } from "../../src/queries/work.js";
import type { WorkKind, WorkOutcome } from "../../src/work/kind.js";
import { retryFailedWork } from "../../src/work/retry-failed.js";
import { runWorkItem } from "../../src/work/run-work.js";
import { workDue } from "../../src/work/work-due.js";
import { backends, useDatabase } from "../helpers/db.js";

const log = pino({ level: "silent" });
const NOW = new Date("2026-11-20T10:00:00Z");
const MINUTE = 60_000;
const octokit = {} as Octokit;

type Row = {
  kind: string;
  key: string;
  state: string;
  run_at: Date;
  attempts: number;
  last_error: string | null;
  locked_until: Date | null;
};

/** A kind whose handler does what the test says, and remembers what the engine called. */
function testKind(handle: (item: WorkItem) => Promise<WorkOutcome>, options: Partial<WorkKind> = {}) {
  const failed: string[] = [];
  const kind: WorkKind = {
    name: "test.kind",
    maxAttempts: 3,
    finalStatuses: [404],
    handle: (_context, item) => handle(item),
    onFailed: async (_tx, item) => void failed.push(item.key),
    ...options,
  };
  return { kind, failed, deps: (db: Db) => ({ db, log, kinds: new Map([[kind.name, kind]]) }) };
}

const httpError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { status, headers } });

describe.each(backends)("the work engine on $name", ({ create }) => {
  const database = useDatabase(create);
  let db: Db;
  beforeEach(async () => {
    db = database.db();
    await upsertInstallation(db, { id: 1 });
    await upsertRepository(db, 1, { id: 10, full_name: "octo/app" });
  });

  const queue = (key: string, runAt = NOW, installationId = 1) =>
    enqueueWork(db, { installationId, repositoryId: 10, kind: "test.kind", key, payload: { n: Number(key) }, runAt });
  const rows = async () =>
    (await db.query<Row>("SELECT kind, key, state, run_at, attempts, last_error, locked_until FROM work ORDER BY key")).rows;
  const claimOne = async () => {
    const [item] = await claimDueWork(db, NOW, 1);
    if (!item) throw new Error("nothing claimed");
    return item;
  };

  it("queues the same work once, and brings pending work forward rather than back", async () => {
    expect(await queue("1", new Date(NOW.getTime() + 10 * MINUTE))).toBe(true);
    expect(await queue("1", new Date(NOW.getTime() + 20 * MINUTE))).toBe(false);
    expect((await rows()).map((row) => row.run_at)).toEqual([new Date(NOW.getTime() + 10 * MINUTE)]);
    await queue("1", NOW);
    expect((await rows()).map((row) => row.run_at)).toEqual([NOW]);
  });

  it("claims only due work, counts the attempt, and leases it so that no second claim takes it", async () => {
    await queue("1");
    await queue("2", new Date(NOW.getTime() + MINUTE));
    const claimed = await claimDueWork(db, NOW, 10);
    expect(claimed.map((item) => ({ key: item.key, attempts: item.attempts, payload: item.payload }))).toEqual([
      { key: "1", attempts: 1, payload: { n: 1 } },
    ]);
    expect(await claimDueWork(db, NOW, 10)).toEqual([]);
    expect((await rows())[0]?.locked_until).not.toBeNull();
  });

  it("leaves out the work of a suspended installation and of a removed repository", async () => {
    await queue("1");
    await setInstallationSuspended(db, 1, NOW);
    expect(await claimDueWork(db, NOW, 10)).toEqual([]);
    await setInstallationSuspended(db, 1, null);
    await markRepositoryRemoved(db, 1, 10, NOW);
    expect(await claimDueWork(db, NOW, 10)).toEqual([]);
  });

  it("deletes done work and runs `next` work again later, its attempts counted afresh", async () => {
    const later = new Date(NOW.getTime() + 60 * MINUTE);
    const { deps } = testKind(async (item) => (item.key === "1" ? { done: "posted" } : { next: later }));
    await queue("1");
    await queue("2");
    expect(await runWorkItem(deps(db), octokit, await claimOne(), NOW)).toBe("posted");
    expect(await runWorkItem(deps(db), octokit, await claimOne(), NOW)).toBe("next");
    expect(await rows()).toEqual([expect.objectContaining({ key: "2", state: "pending", run_at: later, attempts: 0, locked_until: null })]);
  });

  it("backs off a failed attempt by 2^attempts minutes, then fails it with its last error after the last attempt", async () => {
    const { deps, failed } = testKind(async () => {
      throw new Error("GitHub answered 502");
    });
    await queue("1");
    for (const attempt of [1, 2]) {
      await db.query("UPDATE work SET run_at = $1", [NOW]);
      expect(await runWorkItem(deps(db), octokit, await claimOne(), NOW)).toBe("retry");
      expect(await rows()).toEqual([
        expect.objectContaining({
          state: "pending",
          attempts: attempt,
          last_error: "GitHub answered 502",
          run_at: new Date(NOW.getTime() + 2 ** attempt * MINUTE),
        }),
      ]);
    }
    await db.query("UPDATE work SET run_at = $1", [NOW]);
    expect(await runWorkItem(deps(db), octokit, await claimOne(), NOW)).toBe("failed");
    expect(await rows()).toEqual([expect.objectContaining({ state: "failed", attempts: 3, last_error: "GitHub answered 502" })]);
    expect(failed).toEqual(["1"]);
  });

  it("fails at once on an answer the kind calls final", async () => {
    const { deps, failed } = testKind(async () => {
      throw httpError(404, "Not Found");
    });
    await queue("1");
    expect(await runWorkItem(deps(db), octokit, await claimOne(), NOW)).toBe("failed");
    expect(failed).toEqual(["1"]);
  });

  it("waits out a rate limit as GitHub says, without counting the attempt", async () => {
    const reset = Math.floor(NOW.getTime() / 1000) + 900;
    const { deps } = testKind(async () => {
      throw httpError(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) });
    });
    await queue("1");
    expect(await runWorkItem(deps(db), octokit, await claimOne(), NOW)).toBe("deferred");
    expect(await rows()).toEqual([expect.objectContaining({ state: "pending", attempts: 0, run_at: new Date(reset * 1000) })]);
  });

  it("pauses a suspended installation's work without counting the attempt", async () => {
    const { deps } = testKind(async () => {
      throw httpError(403, "This installation has been suspended");
    });
    await queue("1");
    expect(await runWorkItem(deps(db), octokit, await claimOne(), NOW)).toBe("deferred");
    expect(await rows()).toEqual([expect.objectContaining({ state: "pending", attempts: 0 })]);
    const { rows: installations } = await db.query<{ suspended_at: Date | null }>("SELECT suspended_at FROM installations");
    expect(installations).toEqual([{ suspended_at: NOW }]);
  });

  it("gives the attempt back when the handler defers (the write budget is spent)", async () => {
    const { deps } = testKind(async () => ({ deferred: new Date(NOW.getTime() + MINUTE) }));
    await queue("1");
    expect(await runWorkItem(deps(db), octokit, await claimOne(), NOW)).toBe("deferred");
    expect(await rows()).toEqual([expect.objectContaining({ state: "pending", attempts: 0, run_at: new Date(NOW.getTime() + MINUTE) })]);
  });

  it("lets an operator put failed work back, unless its kind refuses", async () => {
    const { kind, deps } = testKind(async () => {
      throw httpError(404, "Not Found");
    });
    await queue("1");
    await runWorkItem(deps(db), octokit, await claimOne(), NOW);
    const refusing = { ...kind, onRetry: async () => "its issue was reopened since" };
    expect(await retryFailedWork(db, refusing, { installationId: 1, key: "1" }, NOW)).toEqual({
      retried: false,
      refusal: "its issue was reopened since",
    });
    expect((await rows())[0]?.state).toBe("failed");
    expect(await retryFailedWork(db, kind, { installationId: 1, key: "1" }, NOW)).toEqual({ retried: true });
    expect(await rows()).toEqual([expect.objectContaining({ state: "pending", attempts: 1, run_at: NOW })]);
    expect(await retryFailedWork(db, kind, { installationId: 2, key: "1" }, NOW)).toEqual({ retried: false, refusal: null });
  });

  it("runs everything due, of every installation, and waits ten minutes for an installation it cannot authenticate as", async () => {
    await upsertInstallation(db, { id: 2 });
    await upsertRepository(db, 2, { id: 10, full_name: "other/app" });
    const seen: string[] = [];
    const { deps } = testKind(async (item) => {
      seen.push(`${item.installationId}:${item.key}`);
      return { done: "posted" };
    });
    await queue("1");
    await queue("2", NOW, 2);
    const tally = await workDue(
      deps(db),
      async (installationId) => {
        if (installationId === 2) throw new Error("installation token refused");
        return octokit;
      },
      NOW,
    );
    expect({ worked: tally.worked, installationsFailed: tally.installationsFailed, seen }).toEqual({
      worked: 1,
      installationsFailed: 1,
      seen: ["1:1"],
    });
    expect(await rows()).toEqual([expect.objectContaining({ key: "2", attempts: 0, run_at: new Date(NOW.getTime() + 10 * MINUTE) })]);
  });
});
