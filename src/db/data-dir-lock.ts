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

// The lock is refreshed while held; a lock not refreshed for this long belongs to a dead process.
const STALE_MS = 10_000;

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
 * against a second open in the same process. A lock left by a process that died is taken over once
 * it goes stale. Returns the release function.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  const pidPath = path.join(dataDir, "satisfaction-bot.pid");
  const lockOptions = { lockfilePath: path.join(dataDir, "satisfaction-bot.lock"), stale: STALE_MS, realpath: false };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, lockOptions);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    const holder = readPid(pidPath);
    if (holder !== null && holder !== process.pid && !isAlive(holder)) {
      // The holder died without releasing: wait for its lock to go stale, then take it over.
      release = await lockfile.lock(dataDir, { ...lockOptions, retries: { retries: 12, minTimeout: 1_000, maxTimeout: 1_000 } });
    } else {
      throw new DataDirLockedError(dataDir, holder);
    }
  }
  fs.writeFileSync(pidPath, String(process.pid));
  return async () => {
    fs.rmSync(pidPath, { force: true });
    await release();
  };
}
