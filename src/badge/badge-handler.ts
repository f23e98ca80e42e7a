import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Queryable } from "../db/types.js";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { satisfactionModel } from "../model/satisfaction.js";
import { countExperiencesIn } from "../queries/experience-counts.js";
import { publicRepositoryNamed } from "../queries/public-repository.js";
import { badgeColor, renderBadge } from "./badge-svg.js";

export type BadgeDeps = { db: Queryable; clock: () => Date; log: Logger };

/** `/badge/<owner>/<repo>.svg`: GitHub's rules for owner and repository names. */
export const BADGE_PATH = /^\/badge\/([A-Za-z0-9-]{1,39})\/([\w.-]{1,100})\.svg$/;
const WINDOW_DAYS = 90;
// Satisfaction over 90 days moves slowly; an hour keeps GitHub's image proxy from asking on every view.
const CACHE_CONTROL = "public, max-age=3600";

const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`.replace("-", "\u2212");

/** The badge's SVG for a repository: its satisfaction over the last 90 days, or grey "no data". */
export async function badgeFor(db: Queryable, repository: { installationId: number; id: number }, now: Date): Promise<string> {
  const from = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const counts = await countExperiencesIn(db, { installationId: repository.installationId, repositoryIds: [repository.id], from, to: now });
  const { satisfaction } = satisfactionModel(counts);
  return renderBadge("satisfaction", satisfaction === null ? "no data" : percent(satisfaction), badgeColor(satisfaction));
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" }).end("Not Found\n");
}

/**
 * `GET /badge/<owner>/<repo>.svg`, public repositories only: a private, removed or unknown one gets
 * the same 404. Cacheable: `Cache-Control` and an `ETag` of the SVG (a matching `If-None-Match`: 304).
 */
export function badgeHandler(deps: BadgeDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const match = BADGE_PATH.exec((req.url ?? "").split("?")[0] ?? "");
    if (!match) return notFound(res);
    let svg: string;
    try {
      const repository = await publicRepositoryNamed(deps.db, `${match[1]}/${match[2]}`);
      if (!repository) return notFound(res);
      svg = await badgeFor(deps.db, repository, deps.clock());
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      deps.log.warn({ err: error }, "badge unavailable: database down");
      return void res
        .writeHead(503, { "content-type": "text/plain", "cache-control": "no-store", "retry-after": "60" })
        .end("Unavailable\n");
    }
    const etag = `"${createHash("sha256").update(svg).digest("base64url").slice(0, 27)}"`;
    const headers = { "cache-control": CACHE_CONTROL, etag };
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304, headers).end();
    res.writeHead(200, { ...headers, "content-type": "image/svg+xml; charset=utf-8" }).end(svg);
  };
}
