import fs from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number | null) {
    super(
      `The embedded database in ${dataDir} is in use by another process${pid ? ` (pid ${pid})` : ""}. ` +
        "PGlite serves one process only: stop that process, or set DATABASE_URL to a PostgreSQL server.",
    );
    this.name = "DataDirLockedError";
  }
}

// The lock is refreshed every few seconds while held. PGlite's start-up can block the event loop,
// and with it the refresh, for many seconds on a loaded machine: a lock is only judged stale after a
// minute without a refresh. A holder whose process is gone is taken over at once instead (below).
const STALE_MS = 60_000;
const REFRESH_MS = 5_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(pidPath: string): number | null {
  const pid = Number(fs.existsSync(pidPath) ? fs.readFileSync(pidPath, "utf8") : "");
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Locks the folder for this process (proper-lockfile: an atomic mkdir, refreshed while held), also
 * against a second open in the same process. A lock whose holder's process is gone is taken over at
 * once. Returns the release function.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  const pidPath = path.join(dataDir, "satisfaction-bot.pid");
  const lockfilePath = path.join(dataDir, "satisfaction-bot.lock");
  const lockOptions = { lockfilePath, stale: STALE_MS, update: REFRESH_MS, realpath: false };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, lockOptions);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    const holder = readPid(pidPath);
    if (holder === null || holder === process.pid || isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
    // The holder died without releasing (killed, crashed): its lock is taken over at once. Another
    // process doing the same at this moment loses the race on the lock's mkdir and is refused.
    fs.rmSync(lockfilePath, { recursive: true, force: true });
    try {
      release = await lockfile.lock(dataDir, lockOptions);
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code !== "ELOCKED") throw retryError;
      throw new DataDirLockedError(dataDir, readPid(pidPath));
    }
  }
  fs.writeFileSync(pidPath, String(process.pid));
  return async () => {
    fs.rmSync(pidPath, { force: true });
    await release();
  };
}
