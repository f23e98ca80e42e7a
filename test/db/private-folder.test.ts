import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openPglite } from "../../src/db/pglite.js";

// Issue 18, item 13: the embedded store holds reasons, titles, the chat webhook URL and token hashes;
// no other account on the host may read or change it.

/** Every path under `root` (itself included) that its group or other users may read, write or enter, with its mode. */
function openToOthers(root: string): string[] {
  const found: string[] = [];
  const walk = (file: string) => {
    const stat = fs.lstatSync(file);
    if ((stat.mode & 0o077) !== 0 && !stat.isSymbolicLink())
      found.push(`${path.relative(root, file) || "."} 0${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(file)) walk(path.join(file, entry));
  };
  walk(root);
  return found;
}

/** Opens the embedded store in `dataDir`, writes a row, closes it. */
async function useStore(dataDir: string, warn = vi.fn()) {
  const db = await openPglite(dataDir, { warn });
  await db.exec("CREATE TABLE IF NOT EXISTS reasons (text text); INSERT INTO reasons VALUES ('the codename leaks in logs')");
  await db.close();
  return warn;
}

describe("the embedded store's folder", () => {
  let parent: string;
  let umask: number;
  beforeEach(() => {
    // As a default shell has it: files 0644, folders 0755.
    umask = process.umask(0o022);
    parent = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-private-"));
    fs.chmodSync(parent, 0o755);
  });
  afterEach(() => {
    process.umask(umask);
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it("is created 0700, and nothing PGlite writes in it is open to other users", async () => {
    const dataDir = path.join(parent, "data");

    const warn = await useStore(dataDir);

    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.join(dataDir, "pglite")).length).toBeGreaterThan(5);
    expect(openToOthers(dataDir)).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  }, 60_000);

  it("closes an existing open folder and all it holds at start, and warns once with the old mode", async () => {
    const dataDir = path.join(parent, "data");
    fs.mkdirSync(path.join(dataDir, "old"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "old", "leftover"), "written by an earlier version");
    for (const [file, mode] of [
      [dataDir, 0o755],
      [path.join(dataDir, "old"), 0o777],
      [path.join(dataDir, "old", "leftover"), 0o666],
    ] as const)
      fs.chmodSync(file, mode);

    const warn = await useStore(dataDir);

    expect(openToOthers(dataDir)).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      { path: dataDir, mode: "0755", pathsInside: 2 },
      "DATA_DIR was readable by other users; closed it to this user alone",
    );
    expect(await useStore(dataDir)).not.toHaveBeenCalled();
  }, 60_000);
});
