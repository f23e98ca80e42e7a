import { z } from "zod";
import type { Db } from "../db/types.js";
import { repositoryReport } from "../model/repository-report.js";
import { installationId, instant, parseCommand, repositoryName } from "./args.js";
import { formatReport } from "./format-report.js";
import { resolveRepository } from "./resolve-repository.js";

const reportArgs = z
  .object({
    repo: repositoryName,
    from: instant,
    to: instant,
    installation: installationId.optional(),
    json: z.boolean().default(false),
  })
  .refine((args) => args.from < args.to, { path: ["to"], message: "must be later than --from" });

export const reportOptions = {
  repo: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  installation: { type: "string" },
  json: { type: "boolean" },
} as const;

export function parseReportArgs(args: string[]) {
  return parseCommand(args, reportOptions, reportArgs);
}

/** `report --repo owner/name --from D --to D [--json]`: the model for that window. */
export async function reportCommand(db: Db, args: ReturnType<typeof parseReportArgs>): Promise<string> {
  const repository = await resolveRepository(db, args.repo, args.installation);
  const report = await repositoryReport(db, repository, args.from, args.to);
  return args.json ? JSON.stringify(report) : formatReport(report);
}
