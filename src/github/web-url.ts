import type { Octokit } from "./octokit.js";

/**
 * The web address matching an Octokit's API: `https://github.com` for `https://api.github.com`, and
 * `https://ghe.example.com` for GitHub Enterprise Server's `https://ghe.example.com/api/v3`.
 */
export function webBaseUrl(octokit: Octokit): string {
  const api = new URL(String(octokit.request.endpoint.DEFAULTS.baseUrl));
  if (api.hostname === "api.github.com") return "https://github.com";
  return `${api.protocol}//${api.host}${api.pathname.replace(/\/api\/v3\/?$/, "").replace(/\/$/, "")}`;
}

/** The web page of a summary posted as an issue or as a check run. */
export function summaryPageUrl(octokit: Octokit, fullName: string, output: "issue" | "check_run", githubNumber: number): string {
  return `${webBaseUrl(octokit)}/${fullName}/${output === "issue" ? "issues" : "runs"}/${githubNumber}`;
}

/**
 * A discussion's page, from the root of the GitHub host the summary is read on: the same link serves
 * github.com and a GitHub Enterprise Server (an issue's `#N` autolinks by itself).
 */
export function discussionPath(fullName: string, number: number): string {
  return `/${fullName}/discussions/${number}`;
}
