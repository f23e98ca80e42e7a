import fs from "node:fs";
import path from "node:path";

// Written into the demo's database folder, so a later run knows the folder is the demo's to wipe.
const MARKER = ".satisfaction-bot-demo";

/**
 * Empties the demo's database folder for a new month: a folder that does not exist, is empty, or
 * holds the marker of an earlier demo. Any other folder (`--data .data`, the app's own database) is
 * refused, never wiped.
 */
export function prepareDemoFolder(dataDir: string): void {
  const entries = fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : [];
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new Error(`${dataDir} is not empty and not an earlier demo's folder: the demo wipes its folder, so choose another with --data`);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dataDir, MARKER), "The database of `npm run demo`: each run empties this folder.\n", { mode: 0o600 });
}
