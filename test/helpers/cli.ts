import { vi } from "vitest";
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
