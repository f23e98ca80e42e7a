import fs from "node:fs";
import path from "node:path";

/** What was readable or writable by others before keepPrivate closed it: the folder's old mode, and how many paths inside. */
export type OpenedFolder = { path: string; mode: string; pathsInside: number };

const OTHERS = 0o077;

/** Closes `file` (and, for a folder, what it holds) to everyone but its owner; counts the paths it had to close. */
export function closeTree(file: string): number {
  const stat = fs.lstatSync(file);
  if (stat.isSymbolicLink()) return 0;
  let closed = 0;
  if ((stat.mode & OTHERS) !== 0) {
    fs.chmodSync(file, stat.mode & 0o700);
    closed++;
  }
  if (!stat.isDirectory()) return closed;
  for (const entry of fs.readdirSync(file)) closed += closeTree(path.join(file, entry));
  return closed;
}

/**
 * Makes the embedded store's folder the app's user's alone, before PGlite writes to it: the folder is
 * created 0700 (what keeps others out: they cannot enter it), and an existing one (from before this
 * check, or loosened by hand) is closed with everything in it. The process's umask becomes 077, so
 * what the lock and the CLI's socket create is private too; PGlite sets its files' modes itself
 * (0666), so openPglite closes them again once it has started and when it closes. Returns what was
 * open, for a warning, or null.
 */
export function keepPrivate(dataDir: string): OpenedFolder | null {
  process.umask(0o077);
  if (!fs.existsSync(dataDir)) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return null;
  }
  const mode = fs.statSync(dataDir).mode & 0o777;
  const closed = closeTree(dataDir);
  if (closed === 0) return null;
  return { path: dataDir, mode: `0${mode.toString(8)}`, pathsInside: closed - ((mode & OTHERS) !== 0 ? 1 : 0) };
}

/** Whether `dataDir` is closed to others and owned by this process's user; the problem otherwise. */
export function privateFolderProblem(dataDir: string): string | null {
  if (!fs.existsSync(dataDir)) return null;
  const stat = fs.statSync(dataDir);
  if (process.getuid && stat.uid !== process.getuid()) return `${dataDir} belongs to user ${stat.uid}, not to this one`;
  if ((stat.mode & OTHERS) !== 0) return `${dataDir} is open to other users (mode 0${(stat.mode & 0o777).toString(8)})`;
  return null;
}
