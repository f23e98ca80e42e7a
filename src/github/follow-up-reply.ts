import type { Octokit } from "./octokit.js";
import { splitFullName } from "./octokit.js";

/** Adds a label to an issue (GitHub creates a label the repository lacks); adding it again changes nothing. */
export async function addIssueLabel(octokit: Octokit, issue: { repositoryFullName: string; issueNumber: number }, label: string) {
  await octokit.rest.issues.addLabels({ ...splitFullName(issue.repositoryFullName), issue_number: issue.issueNumber, labels: [label] });
}
