import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { z } from "zod";

export class UsageError extends Error {
  override name = "UsageError";
}

const bareDate = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO-8601 date (00:00 UTC) or date-time; a date-time without an offset is taken as UTC. */
const instantText = z
  .string()
  .refine((value) => (bareDate.test(value) ? z.iso.date() : z.iso.datetime({ offset: true, local: true })).safeParse(value).success, {
    message: "must be an ISO-8601 date (2026-11-01) or date-time (2026-11-01T09:00:00Z)",
  })
  .transform((value) => {
    if (bareDate.test(value)) return new Date(`${value}T00:00:00Z`);
    return new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
  })
  .refine((date) => !Number.isNaN(date.getTime()), { message: "is not a real date" });

/** A flag's value that must be given. */
export const requiredText = () => z.string({ error: (issue) => (issue.input === undefined ? "is required" : "must be text") });

export const instant = requiredText().pipe(instantText);

export const repositoryName = requiredText().regex(/^[\w.-]+\/[\w.-]+$/, { message: "must be owner/name" });

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses a command's flags with node's parseArgs, then validates them with zod. */
export function parseCommand<S extends z.ZodType>(args: string[], options: Options, schema: S): z.infer<S> {
  let values: unknown;
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UsageError(`--${issue?.path.join(".") ?? "?"} ${issue?.message ?? "is wrong"}`);
}

export const installationId = z.string().regex(/^\d+$/, { message: "must be an installation id" }).transform(Number);
