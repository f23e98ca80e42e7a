import type { Db } from "./types.js";
import { openPostgres } from "./postgres.js";
import { SOCKET_PORT, socketDir } from "./cli-socket.js";

// The server answers at once, or after its transaction in hand: a socket left by a dead server refuses at once.
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The running server's embedded database, through the socket it serves in the data folder: one
 * connection (PGlite runs one session, shared in turns), or null when nothing answers there.
 */
export async function openThroughServer(dataDir: string): Promise<Db | null> {
  const db = openPostgres(
    {
      host: socketDir(dataDir),
      port: SOCKET_PORT,
      user: "postgres",
      database: "postgres",
      ssl: false,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    },
    1,
  );
  try {
    await db.query("SELECT 1");
    return db;
  } catch {
    // No server behind the socket (it died, or is starting): the caller reports the folder as locked.
    await db.close();
    return null;
  }
}
