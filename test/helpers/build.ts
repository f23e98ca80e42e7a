import { execFileSync } from "node:child_process";

/**
 * Vitest's global setup: builds lib/ once before any test file runs, for the tests that start the
 * built app or CLI as a process (e2e, faults, bin). The build is incremental: an unchanged file is
 * not written again, so `npm start` (which builds first) never rewrites a module another test's
 * process is loading.
 */
export function setup(): void {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: new URL("../../", import.meta.url).pathname, stdio: "pipe" });
}
