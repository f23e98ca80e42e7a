import type { Octokit } from "./octokit.js";
import { httpStatus, splitFullName } from "./octokit.js";
import { madeByThisApp, ownAppId } from "./own-app.js";

export type CheckRunOutput = {
  title: string;
  summary: string;
  text?: string;
  annotations?: { path: string; start_line: number; end_line: number; annotation_level: "failure"; message: string }[];
};
export type Conclusion = "success" | "failure" | "neutral";

export async function createIssue(
  octokit: Octokit,
  fullName: string,
  issue: { title: string; body: string; labels: string[] },
): Promise<number> {
  const { data } = await octokit.rest.issues.create({ ...splitFullName(fullName), ...issue });
  return data.number;
}

/** A summary issue an earlier attempt may have created before it could record it, found by its marker and made by this app. */
export async function findIssueByMarker(octokit: Octokit, fullName: string, marker: string): Promise<number | null> {
  const { data } = await octokit.rest.issues.listForRepo({
    ...splitFullName(fullName),
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 50,
  });
  const appId = await ownAppId(octokit);
  return data.find((issue) => issue.body?.includes(marker) && madeByThisApp(issue, appId))?.number ?? null;
}

/** Closes an issue; one that is gone (deleted, transferred) is left alone. */
export async function closeIssue(octokit: Octokit, fullName: string, number: number): Promise<void> {
  try {
    await octokit.rest.issues.update({ ...splitFullName(fullName), issue_number: number, state: "closed", state_reason: "completed" });
  } catch (error) {
    if (httpStatus(error) !== 404 && httpStatus(error) !== 410) throw error;
  }
}

export async function headOfDefaultBranch(octokit: Octokit, fullName: string, defaultBranch: string | null): Promise<string> {
  const repo = splitFullName(fullName);
  const branch = defaultBranch ?? (await octokit.rest.repos.get(repo)).data.default_branch;
  const { data } = await octokit.rest.repos.getBranch({ ...repo, branch });
  return data.commit.sha;
}

/** Creates a completed check run; `externalId` lets a retry find one an earlier attempt made. */
export async function createCheckRun(
  octokit: Octokit,
  fullName: string,
  run: { name: string; headSha: string; conclusion: Conclusion; output: CheckRunOutput; externalId: string },
): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    ...splitFullName(fullName),
    name: run.name,
    head_sha: run.headSha,
    status: "completed",
    conclusion: run.conclusion,
    external_id: run.externalId,
    output: run.output,
  });
  return data.id;
}

export async function findCheckRun(
  octokit: Octokit,
  fullName: string,
  headSha: string,
  name: string,
  externalId: string,
): Promise<number | null> {
  try {
    const { data } = await octokit.rest.checks.listForRef({ ...splitFullName(fullName), ref: headSha, check_name: name });
    const appId = await ownAppId(octokit);
    return data.check_runs.find((run) => run.external_id === externalId && appId !== null && run.app?.id === appId)?.id ?? null;
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}
