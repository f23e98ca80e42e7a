import { pino } from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import type { Octokit } from "../../src/github/octokit.js";
import { upsertInstallation } from "../../src/queries/installations.js";
import { enqueueWork } from "../../src/queries/work.js";
import type { WorkKind } from "../../src/work/kind.js";
import { startWorker } from "../../src/work/after-answer.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";

const NOW = new Date("2026-11-20T10:00:00Z");
const octokit = {} as Octokit;
const log = pino({ level: "silent" });

/** A kind whose handlers wait until the test lets them finish, counting how many run at once. */
function gatedKind() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const state = { running: 0, most: 0, handled: [] as string[] };
  const kind: WorkKind = {
    name: "test.gated",
    maxAttempts: 3,
    finalStatuses: [],
    async handle(_context, item) {
      state.running++;
      state.most = Math.max(state.most, state.running);
      await gate;
      state.running--;
      state.handled.push(item.key);
      return { done: "posted" };
    },
  };
  return { kind, state, release };
}

describe("the server's worker", () => {
  const database = useDatabase(createTestDatabase);
  let db: Db;
  beforeEach(async () => {
    db = database.db();
    await upsertInstallation(db, { id: 1 });
  });

  it("keeps at most `concurrency` pieces of work in flight; the rest waits in the queue, then is claimed from it", async () => {
    const { kind, state, release } = gatedKind();
    const worker = startWorker(
      { db, log, kinds: new Map([[kind.name, kind]]) },
      async () => octokit,
      () => NOW,
      2,
    );
    const keys = ["1", "2", "3", "4", "5"];
    for (const key of keys) {
      const ref = { installationId: 1, kind: kind.name, key };
      await enqueueWork(db, { ...ref, repositoryId: null, runAt: NOW });
      await worker.afterAnswer({ installationId: 1, octokit, log, refs: [ref] });
    }
    await expect.poll(() => state.running).toBe(2);
    const waiting = await db.query<{ key: string }>("SELECT key FROM work WHERE locked_until IS NULL ORDER BY key");
    expect(waiting.rows.map((row) => row.key)).toEqual(["3", "4", "5"]);

    release();
    await expect.poll(() => state.handled.length).toBe(5);
    await worker.drain();
    expect({ most: state.most, handled: [...state.handled].sort() }).toEqual({ most: 2, handled: keys });
    expect((await db.query("SELECT 1 FROM work")).rowCount).toBe(0);
  });

  it("idle() waits for the work in flight and the work waiting behind it, and the worker goes on taking work", async () => {
    const { kind, state, release } = gatedKind();
    const worker = startWorker(
      { db, log, kinds: new Map([[kind.name, kind]]) },
      async () => octokit,
      () => NOW,
      1,
    );
    const queue = async (key: string) => {
      const ref = { installationId: 1, kind: kind.name, key };
      await enqueueWork(db, { ...ref, repositoryId: null, runAt: NOW });
      await worker.afterAnswer({ installationId: 1, octokit, log, refs: [ref] });
    };
    await queue("1");
    await queue("2");
    let idle = false;
    const settled = worker.idle().then(() => (idle = true));
    await expect.poll(() => state.running).toBe(1);
    expect(idle).toBe(false);

    release();
    await settled;
    expect(state.handled).toEqual(["1", "2"]);
    await queue("3");
    await worker.idle();
    expect(state.handled).toEqual(["1", "2", "3"]);
  });
});
