import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { socketDir, socketPath, SOCKET_PORT } from "../../src/db/cli-socket.js";
import { DataDirLockedError } from "../../src/db/data-dir-lock.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/open.js";
import type { EmbeddedDb } from "../../src/db/pglite.js";
import { openPglite } from "../../src/db/pglite.js";
import type { Db } from "../../src/db/types.js";

// The server's embedded database (opened and shared here, as src/main.ts does) and the CLI's
// connection to it through the socket in DATA_DIR (what openDatabase gives when the folder is held).
let dataDir: string;
let server: EmbeddedDb;
const opened: Db[] = [];

async function openAsCli(): Promise<Db> {
  const db = await openDatabase({ DATA_DIR: dataDir });
  opened.push(db);
  return db;
}

/** A raw pg client on the socket, to do what the CLI never does on purpose (vanish mid-transaction). */
async function rawClient(): Promise<pg.Client> {
  const client = new pg.Client({ host: socketDir(dataDir), port: SOCKET_PORT, user: "postgres", database: "postgres" });
  client.on("error", () => {});
  await client.connect();
  return client;
}

const count = async (db: Db) => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM installations")).rows[0]?.n;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-sock-"));
  server = await openPglite(dataDir);
  await migrate(server);
  expect(await server.shareWithCli()).toBe(socketPath(dataDir));
});

afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  await server.exec("TRUNCATE installations CASCADE");
});

describe("the embedded database shared with the CLI", () => {
  it("is reached through a Unix socket only this user can open", async () => {
    expect(fs.statSync(socketDir(dataDir)).mode & 0o777).toBe(0o700);
    const socket = fs.statSync(socketPath(dataDir));
    expect({ socket: socket.isSocket(), mode: socket.mode & 0o777 }).toEqual({ socket: true, mode: 0o600 });
  });

  it("gives the CLI the server's data, and the server what the CLI writes", async () => {
    const cli = await openAsCli();
    expect(cli.kind).toBe("postgres");
    await server.query("INSERT INTO installations (id, account_login) VALUES (1, 'from-server')");
    await cli.query("INSERT INTO installations (id, account_login) VALUES (2, 'from-cli')");
    const rows = async (db: Db) => (await db.query("SELECT id, account_login FROM installations ORDER BY id")).rows;
    expect(await rows(cli)).toEqual([
      { id: 1, account_login: "from-server" },
      { id: 2, account_login: "from-cli" },
    ]);
    expect(await rows(server)).toEqual(await rows(cli));
  });

  it("keeps the server's queries out of a CLI transaction: they wait for it, and see nothing it rolled back", async () => {
    const cli = await openAsCli();
    let duringTransaction: Promise<number | undefined> | undefined;
    const rolledBack = cli.transaction(async (tx) => {
      await tx.query("INSERT INTO installations (id, account_login) VALUES (3, 'undone')");
      duringTransaction = count(server);
      throw new Error("undo");
    });
    await expect(rolledBack).rejects.toThrow("undo");
    expect(await duringTransaction).toBe(0);
  });

  it("rolls back what a client left open when it vanished, and lets the server go on", async () => {
    const client = await rawClient();
    await client.query("BEGIN");
    await client.query("INSERT INTO installations (id, account_login) VALUES (4, 'vanished')");
    const waiting = count(server);
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect(await waiting).toBe(0);
    expect(await count(server)).toBe(0);
  });

  it("clears a client's prepared statements when it leaves, so the next CLI prepares them again", async () => {
    for (const value of [1, 2]) {
      const cli = await openDatabase({ DATA_DIR: dataDir });
      expect((await cli.query("SELECT $1::int AS v", [value], "same-name")).rows).toEqual([{ v: value }]);
      await cli.close();
    }
  });

  it("survives a client's failed statement and failed transaction", async () => {
    const cli = await openAsCli();
    await expect(cli.query("SELECT * FROM no_such_table")).rejects.toThrow("no_such_table");
    await expect(cli.transaction(async (tx) => tx.query("SELECT 1 / 0"))).rejects.toThrow("division by zero");
    expect(await count(cli)).toBe(0);
    expect(await count(server)).toBe(0);
  });
});

describe("the CLI beside an embedded database it cannot share", () => {
  it("is refused as before when the live process holding the folder serves no socket, or a dead file", async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-sock-"));
    // The folder held by the test runner, alive for as long as this test runs, which serves nothing.
    fs.mkdirSync(path.join(other, "satisfaction-bot.lock"));
    fs.writeFileSync(path.join(other, "satisfaction-bot.pid"), String(process.ppid));
    try {
      await expect(openDatabase({ DATA_DIR: other })).rejects.toBeInstanceOf(DataDirLockedError);
      // A file left where the socket was, with no server behind it, is refused at once, not waited on.
      fs.mkdirSync(socketDir(other));
      fs.writeFileSync(socketPath(other), "");
      await expect(openDatabase({ DATA_DIR: other })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
