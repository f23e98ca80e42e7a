import { z } from "zod";
import type { Octokit } from "./octokit.js";
import { httpStatus, splitFullName } from "./octokit.js";

type IssueRef = { fullName: string; number: number };

const openIssueSchema = z.object({
  state: z.enum(["open", "closed"]),
  assignees: z.array(z.object({ login: z.string() })).nullish(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string().optional() })])).default([]),
});

/** The issue as GitHub has it now: its state, assignees' logins and labels. */
export async function currentIssue(octokit: Octokit, issue: IssueRef): Promise<{ open: boolean; assignees: string[]; labels: string[] }> {
  const { data } = await octokit.rest.issues.get({ ...splitFullName(issue.fullName), issue_number: issue.number });
  const parsed = openIssueSchema.parse(data);
  return {
    open: parsed.state === "open",
    assignees: (parsed.assignees ?? []).map((assignee) => assignee.login),
    labels: parsed.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))),
  };
}

/** Adds labels to an issue (GitHub creates a label the repository does not have yet). */
export async function addIssueLabels(octokit: Octokit, issue: IssueRef, labels: string[]): Promise<void> {
  await octokit.rest.issues.addLabels({ ...splitFullName(issue.fullName), issue_number: issue.number, labels });
}

/** Removes a label from an issue; one that is not on it (404) is left alone. */
export async function removeIssueLabel(octokit: Octokit, issue: IssueRef, label: string): Promise<void> {
  try {
    await octokit.rest.issues.removeLabel({ ...splitFullName(issue.fullName), issue_number: issue.number, name: label });
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
}
