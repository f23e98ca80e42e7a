import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Turns } from "./turns.js";
import { serveConnection } from "./wire-session.js";

/** pg reaches a Unix socket as `<host folder>/.s.PGSQL.<port>`: here the port only names the file. */
export const SOCKET_PORT = 5432;
export const socketDir = (dataDir: string) => path.join(dataDir, "socket");
export const socketPath = (dataDir: string) => path.join(socketDir(dataDir), `.s.PGSQL.${SOCKET_PORT}`);
// A socket's path must fit in sun_path: 108 bytes on Linux, 104 on macOS, the final NUL included.
const MAX_SOCKET_PATH_BYTES = 103;

export type SharedSocket = { close(): Promise<void> };

/**
 * Serves the embedded database on a Unix socket in the data folder, for the CLI while the server
 * runs. Only this user reaches it (folder 0700, socket 0600), and nothing outside this machine.
 */
export async function shareOverSocket(pglite: PGlite, turns: Turns, dataDir: string): Promise<SharedSocket> {
  const file = socketPath(dataDir);
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH_BYTES) {
    throw new Error(`the socket path ${file} is longer than a Unix socket's ${MAX_SOCKET_PATH_BYTES} bytes: use a shorter DATA_DIR`);
  }
  fs.mkdirSync(socketDir(dataDir), { recursive: true, mode: 0o700 });
  fs.chmodSync(socketDir(dataDir), 0o700);
  // Left by a server that died: this process holds the folder's lock, so no other one serves it.
  fs.rmSync(file, { force: true });
  const sessions = new Map<net.Socket, Promise<void>>();
  const server = net.createServer((socket) => {
    const done = serveConnection(socket, pglite, turns);
    sessions.set(socket, done);
    void done.then(() => sessions.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(file, () => {
      server.off("error", reject);
      resolve();
    });
  });
  fs.chmodSync(file, 0o600);
  return {
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sessions.keys()) socket.destroy();
      await Promise.all([closed, ...sessions.values()]);
      fs.rmSync(file, { force: true });
    },
  };
}
