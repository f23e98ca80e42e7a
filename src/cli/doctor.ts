import type { Logger } from "pino";
import { formatChecks } from "../doctor/check.js";
import { runDoctor } from "../doctor/run-doctor.js";

/**
 * `satisfaction-bot doctor`: checks the set-up and prints what is wrong with the fix. Exit 0 only
 * when every check passed; 1 otherwise. It runs even when the environment is invalid (that is one of
 * the things it reports), so it parses the environment itself.
 */
export async function doctorCommand(source: NodeJS.ProcessEnv, log: Logger): Promise<{ code: number; output: string }> {
  const checks = await runDoctor({ source, log });
  return { code: checks.some((check) => check.status === "problem") ? 1 : 0, output: formatChecks(checks) };
}
