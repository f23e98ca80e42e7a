import { z } from "zod";

/** The parts of GitHub's webhook payloads this app reads, validated at the boundary. */
export const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const userSchema = z.object({ id: z.number().int(), login: z.string(), type: z.string() });

export const repositorySchema = z.object({
  id: z.number().int(),
  full_name: z.string().regex(/^[^/]+\/[^/]+$/),
  private: z.boolean(),
  stargazers_count: z.number().int().nonnegative().optional(),
  default_branch: z.string().optional(),
});

export const installationRefSchema = z.object({ id: z.number().int().positive() });

/**
 * What every delivery must be, whatever its event: a JSON object whose action, when present, is a
 * string and whose installation, when present, has a positive integer id. Probot authenticates from
 * the installation before any handler runs, and throws (a 500) on one that is malformed.
 */
export const envelopeSchema = z.object({ action: z.string().optional(), installation: installationRefSchema.optional() });

export const issueSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().default(""),
  /** Read only by the knowledge base (its search, and the search document of a closed support issue). */
  body: z.string().nullish(),
  user: userSchema,
  labels: z.array(z.object({ name: z.string() })).default([]),
  state: z.enum(["open", "closed"]),
  state_reason: z.string().nullish(),
  locked: z.boolean().default(false),
  author_association: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullable(),
  /** How many comments the issue has (every author's, bots' too); absent: unknown. */
  comments: z.number().int().nonnegative().optional(),
  pull_request: z.unknown().optional(),
});

export const issueEventSchema = z.object({
  issue: issueSchema,
  repository: repositorySchema,
  installation: installationRefSchema,
  /** Who acted: for issues.closed, who closed the issue. */
  sender: userSchema.optional(),
});

export const issueTransferredSchema = issueEventSchema.extend({
  changes: z.object({
    new_issue: z.object({ number: z.number().int().positive() }),
    new_repository: repositorySchema,
  }),
});

/** issues.labeled / unlabeled; `label` is absent when the label itself was deleted meanwhile. */
export const labelEventSchema = issueEventSchema.extend({ label: z.object({ name: z.string() }).optional() });

export const commentEventSchema = issueEventSchema.extend({
  comment: z.object({
    id: z.number().int(),
    user: userSchema,
    author_association: z.string(),
    created_at: timestamp,
    performed_via_github_app: z.object({ id: z.number().int() }).nullish(),
    // read for a command (`/satisfaction forget-me`); stored only as the reason of a followed-up
    // negative answer (the reporter's first comment after the follow-up reply)
    body: z.string().nullish(),
  }),
});

export const installationEventSchema = z.object({
  installation: installationRefSchema.extend({
    account: z.object({ login: z.string(), type: z.string() }).nullish(),
    suspended_at: timestamp.nullish(),
  }),
  repositories: z.array(repositorySchema.partial({ private: true })).nullish(),
});

export const installationRepositoriesSchema = z.object({
  installation: installationEventSchema.shape.installation,
  repositories_added: z.array(repositorySchema.partial({ private: true })).default([]),
  repositories_removed: z.array(repositorySchema.partial({ private: true })).default([]),
});

/** repository.publicized, privatized, renamed, deleted, transferred: the repository as it is now (owner: its new one after a transfer). */
export const repositoryEventSchema = z.object({
  repository: repositorySchema.extend({ owner: z.object({ login: z.string() }) }),
  installation: installationRefSchema,
});

export const pushEventSchema = z.object({
  ref: z.string(),
  after: z.string().regex(/^[0-9a-f]{40}$/),
  deleted: z.boolean().default(false),
  repository: repositorySchema.extend({ name: z.string(), default_branch: z.string() }),
  installation: installationRefSchema,
  commits: z
    .array(
      z.object({
        added: z.array(z.string()).default([]),
        modified: z.array(z.string()).default([]),
        removed: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});

export type IssuePayload = z.infer<typeof issueSchema>;
export type RepositoryPayload = z.infer<typeof repositorySchema>;
export type IssueEvent = z.infer<typeof issueEventSchema>;
export type LabelEvent = z.infer<typeof labelEventSchema>;
export type CommentEvent = z.infer<typeof commentEventSchema>;
export type PushEvent = z.infer<typeof pushEventSchema>;
export type RepositoryEvent = z.infer<typeof repositoryEventSchema>;

export class PayloadError extends Error {
  override name = "PayloadError";
  readonly status = 400;
}

/** Validates a payload, or throws a 400 naming the fields that are wrong. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown, event: string): z.infer<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw new PayloadError(`Malformed ${event} payload: ${fields.slice(0, 5).join("; ")}`);
}
