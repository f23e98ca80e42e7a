import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLockedError } from "../../src/db/data-dir-lock.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/open.js";
import { openPglite } from "../../src/db/pglite.js";
import type { Db } from "../../src/db/types.js";
import { createTestDatabase, MIGRATION_FILES } from "../helpers/db.js";

let dataDir: string;
let lockFile: string;
let lockDir: string;

/** Leaves a lock as a process holding it would: proper-lockfile's directory, refreshed `ageMs` ago, and the pid. */
function holdLock(pid: number, ageMs = 0): void {
  fs.mkdirSync(lockDir);
  const refreshed = new Date(Date.now() - ageMs);
  fs.utimesSync(lockDir, refreshed, refreshed);
  fs.writeFileSync(lockFile, String(pid));
}
const opened: Db[] = [];

/** Opens through the tested function and remembers the store, so every test closes what it opened. */
async function track(open: Promise<Db>): Promise<Db> {
  const db = await open;
  opened.push(db);
  return db;
}

async function closeAll(): Promise<void> {
  for (const db of opened.splice(0)) await db.close();
}

/** The pid of a process that has exited (spawned and waited for). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  expect(child.status).toBe(0);
  return child.pid;
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-data-"));
  lockFile = path.join(dataDir, "satisfaction-bot.pid");
  lockDir = path.join(dataDir, "satisfaction-bot.lock");
});

afterEach(async () => {
  await closeAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("openDatabase", () => {
  it("uses the embedded PGlite in DATA_DIR without DATABASE_URL, and the data survives close and reopen", async () => {
    const first = await track(openDatabase({ DATA_DIR: dataDir }));
    expect(first.kind).toBe("pglite");
    expect(await migrate(first)).toEqual(MIGRATION_FILES);
    await first.query("INSERT INTO installations (id, account_login) VALUES (4242, 'octo')");
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(true);
    await closeAll();
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(fs.existsSync(lockDir)).toBe(false);

    const again = await track(openDatabase({ DATA_DIR: dataDir, DATABASE_URL: undefined }));
    expect(await migrate(again)).toEqual([]);
    const { rows } = await again.query("SELECT id, account_login FROM installations");
    expect(rows).toEqual([{ id: 4242, account_login: "octo" }]);
  });

  it("creates DATA_DIR when it does not exist yet", async () => {
    const nested = path.join(dataDir, "not", "yet");
    const db = await track(openDatabase({ DATA_DIR: nested }));
    expect(db.kind).toBe("pglite");
    expect(fs.existsSync(path.join(nested, "satisfaction-bot.pid"))).toBe(true);
  });

  it("uses PostgreSQL when DATABASE_URL is set, and leaves DATA_DIR alone", async () => {
    const server = await createTestDatabase();
    try {
      const db = await track(openDatabase({ DATABASE_URL: server.url, DATA_DIR: dataDir }));
      expect(db.kind).toBe("postgres");
      expect((await db.query("SELECT current_database() AS name")).rows).toEqual([{ name: new URL(server.url).pathname.slice(1) }]);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      await closeAll();
      await server.drop();
    }
  });
});

describe("the data folder lock", () => {
  it("refuses a folder locked by another live process, naming it, and leaves its lock alone", async () => {
    const holder = process.ppid; // the test runner: alive for as long as this test runs
    holdLock(holder);
    const attempt = openPglite(dataDir);
    await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(attempt).rejects.toThrow(`in use by another process (pid ${holder})`);
    await expect(attempt).rejects.toThrow("DATABASE_URL");
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(holder));
    expect(fs.existsSync(lockDir)).toBe(true);
  });

  it("refuses a second openPglite on the same folder while the first is open", async () => {
    const first = await track(openPglite(dataDir));
    await first.query("SELECT 1");
    await expect(track(openPglite(dataDir))).rejects.toBeInstanceOf(DataDirLockedError);
  });

  it("keeps refusing while a live holder's refresh is late (its start-up blocked the event loop), up to a minute", async () => {
    const holder = process.ppid; // alive for as long as this test runs
    holdLock(holder, 40_000);
    await expect(openPglite(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(holder));
  });

  it("takes over a stale lock left by a process that has died", async () => {
    holdLock(deadPid(), 60_000);
    const db = await track(openPglite(dataDir));
    expect((await db.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    await closeAll();
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(fs.existsSync(lockDir)).toBe(false);
  });

  it("can be taken again once the holder has closed", async () => {
    await (await track(openPglite(dataDir))).query("SELECT 1");
    await closeAll();
    const db = await track(openPglite(dataDir));
    expect((await db.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
  });
});
