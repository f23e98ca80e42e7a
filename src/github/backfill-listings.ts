import { z } from "zod";
import { issueSchema, timestamp, userSchema } from "../payloads.js";
import type { Octokit } from "./octokit.js";
import { splitFullName } from "./octokit.js";

/** A comment of GitHub's issue comment listings, as the backfill reads it (never its body). */
export const listedCommentSchema = z
  .object({
    id: z.number().int(),
    issue_url: z.string().regex(/\/issues\/\d+$/),
    user: userSchema,
    author_association: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
    performed_via_github_app: z.object({ id: z.number().int() }).nullish(),
  })
  // The issue it is on, from its `issue_url` (…/issues/123).
  .transform(({ issue_url, ...comment }) => ({ ...comment, issueNumber: Number(issue_url.slice(issue_url.lastIndexOf("/") + 1)) }));

/** An issue (or pull request) of GitHub's issue listing: the webhook's shape, whose labels the REST API may also give as bare names. */
export const listedIssueSchema = issueSchema.extend({
  labels: z.array(z.union([z.object({ name: z.string() }), z.string().transform((name) => ({ name }))])).default([]),
});

export type ListedIssue = z.infer<typeof listedIssueSchema>;
export type ListedComment = z.infer<typeof listedCommentSchema>;

/** What GitHub's rate-limit headers said after a request; null when it sent none (rate limits off). */
export type RateLimit = { remaining: number; limit: number; resetAt: Date } | null;

/** One page of a listing: its valid items (in GitHub's order), how many were malformed, whether a next page exists. */
export type ListingPage<T> = { items: T[]; malformed: number; hasNext: boolean; rateLimit: RateLimit };

type Response = { data: unknown; headers: Record<string, string | number | undefined> };

function rateLimitOf(headers: Response["headers"]): RateLimit {
  const [remaining, limit, reset] = ["x-ratelimit-remaining", "x-ratelimit-limit", "x-ratelimit-reset"].map((name) =>
    Number(headers[name]),
  );
  if (![remaining, limit, reset].every((value) => Number.isFinite(value))) return null;
  return { remaining: remaining as number, limit: limit as number, resetAt: new Date((reset as number) * 1000) };
}

/** Validates each item at the boundary: a malformed one is counted and left out, not allowed to stop the run. */
function pageOf<S extends z.ZodType>(schema: S, response: Response): ListingPage<z.infer<S>> {
  const data = z.array(z.unknown()).parse(response.data);
  const parsed = data.map((item) => schema.safeParse(item));
  const items = parsed.flatMap((result) => (result.success ? [result.data as z.infer<S>] : []));
  const link = String(response.headers.link ?? "");
  return {
    items,
    malformed: data.length - items.length,
    hasNext: /<[^>]*>;\s*rel="next"/.test(link),
    rateLimit: rateLimitOf(response.headers),
  };
}

/** GitHub's `since`: an ISO 8601 time to the second. */
const sinceParam = (since: Date) => since.toISOString().replace(/\.\d{3}Z$/, "Z");

const PER_PAGE = 100;

/** A page of the repository's issues and pull requests updated since `since`, least recently updated first. */
export async function listIssuesPage(octokit: Octokit, fullName: string, since: Date, page: number): Promise<ListingPage<ListedIssue>> {
  const params = { ...splitFullName(fullName), state: "all", sort: "updated", direction: "asc", since: sinceParam(since), page } as const;
  return pageOf(listedIssueSchema, await octokit.rest.issues.listForRepo({ ...params, per_page: PER_PAGE }));
}

/** A page of the comments on the repository's issues and pull requests updated since `since`, least recently updated first. */
export async function listCommentsPage(octokit: Octokit, fullName: string, since: Date, page: number): Promise<ListingPage<ListedComment>> {
  const params = { ...splitFullName(fullName), sort: "updated", direction: "asc", since: sinceParam(since), page } as const;
  return pageOf(listedCommentSchema, await octokit.rest.issues.listCommentsForRepo({ ...params, per_page: PER_PAGE }));
}

/** A page of one issue's comments, oldest first. */
export async function listIssueCommentsPage(
  octokit: Octokit,
  fullName: string,
  issueNumber: number,
  page: number,
): Promise<ListingPage<ListedComment>> {
  const params = { ...splitFullName(fullName), issue_number: issueNumber, page, per_page: PER_PAGE };
  return pageOf(listedCommentSchema, await octokit.rest.issues.listComments(params));
}
