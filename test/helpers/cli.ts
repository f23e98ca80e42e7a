import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { main } from "../../src/cli/main.js";

/** Runs the CLI in this process and captures what it prints. */
export async function runCli(...argv: string[]) {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const code = await main(argv);
    return { code, out: log.mock.calls.map((call) => call.join(" ")), err: error.mock.calls.map((call) => call.join(" ")) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** The CLI on this database, and nothing from the developer's environment (a test adds what it needs). */
export function cliOnDatabase(url: string): void {
  for (const name of ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "LOG_LEVEL", "PORT", "GHE_HOST", "DATA_DIR"])
    vi.stubEnv(name, undefined);
  vi.stubEnv("NODE_ENV", "test");
  vi.stubEnv("DATABASE_URL", url);
}

/**
 * For a whole test file that runs the CLI: main() loads ./.env, so the file runs from an empty
 * folder (a developer's .env cannot change the results), and each test's variables are undone.
 */
export function useEmptyFolderForCli(): void {
  const home = process.cwd();
  const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-cli-"));
  beforeAll(() => process.chdir(emptyDir));
  afterAll(() => {
    process.chdir(home);
    fs.rmSync(emptyDir, { recursive: true, force: true });
  });
  afterEach(() => vi.unstubAllEnvs());
}
