import { z } from "zod";
import { instant, repositoryName } from "../cli/args.js";
import { repositoryReport } from "../model/repository-report.js";
import type { ApiDeps, ApiHandler } from "./api-route.js";
import { apiRoute } from "./api-route.js";
import { authenticate } from "./authenticate.js";
import { callerRepository } from "./caller-repository.js";
import { refuseInvalid, sendJson } from "./respond.js";

export const SATISFACTION_PATH = "/api/satisfaction";

const satisfactionQuery = z
  .strictObject({ repo: repositoryName, from: instant, to: instant })
  // zod checks the object even when a field failed: only two dates are compared
  .refine((query) => !(query.from instanceof Date && query.to instanceof Date) || query.from < query.to, {
    path: ["to"],
    message: "must be later than from",
  });

/**
 * `GET /api/satisfaction?repo=owner/name&from=D&to=D`: the report of a repository of the token's
 * installation for [from, to), computed by the very function `satisfaction-bot report --json` prints.
 */
export function getSatisfaction(deps: ApiDeps): ApiHandler {
  return apiRoute(deps, SATISFACTION_PATH, async (req, res) => {
    const caller = await authenticate(deps, req, res, SATISFACTION_PATH);
    if (!caller) return;
    const params = new URL(req.url ?? "/", "http://localhost").searchParams;
    const query = satisfactionQuery.safeParse(Object.fromEntries(params));
    if (!query.success) return refuseInvalid(deps.log, res, SATISFACTION_PATH, query.error, "query");
    const repository = await callerRepository(deps.db, deps.log, res, caller, query.data.repo, SATISFACTION_PATH);
    if (!repository) return;
    sendJson(res, 200, await repositoryReport(deps.db, repository, query.data.from, query.data.to));
  });
}
