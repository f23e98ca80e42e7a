import { z } from "zod";
import type { Db } from "../db/types.js";
import { installationExists } from "../queries/installations.js";
import { installationId, parseCommand, UsageError } from "./args.js";
import { formatFailures } from "./format-failures.js";
import { listFailures } from "./list-failures.js";

const failuresArgs = z.object({
  installation: installationId.optional(),
  json: z.boolean().default(false),
});

export function parseFailuresArgs(args: string[]) {
  return parseCommand(args, { installation: { type: "string" }, json: { type: "boolean" } } as const, failuresArgs);
}

/**
 * `failures [--installation <id>] [--json]`: the work of the queue that failed for good (surveys,
 * summaries, configuration checks, and any other kind) and the webhook deliveries the recovery job
 * gave up, as tables or as one JSON object.
 */
export async function failuresCommand(db: Db, args: ReturnType<typeof parseFailuresArgs>): Promise<string> {
  const installation = args.installation ?? null;
  if (installation !== null && !(await installationExists(db, installation))) {
    throw new UsageError(`--installation ${installation} is not an installation the app has`);
  }
  const failures = await listFailures(db, installation);
  return args.json ? JSON.stringify(failures) : formatFailures(failures, installation);
}
