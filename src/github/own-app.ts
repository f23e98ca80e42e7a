import type { Octokit } from "./octokit.js";

/**
 * This app's id, as its client authenticates: the app's JWT is made locally, no request is sent.
 * Null for a client without the app's credentials (a bare token), which then adopts nothing.
 */
export async function ownAppId(octokit: Octokit): Promise<number | null> {
  const auth = (await octokit.auth({ type: "app" }).catch(() => null)) as { appId?: unknown } | null;
  const appId = Number(auth?.appId);
  return Number.isInteger(appId) && appId > 0 ? appId : null;
}

/**
 * Whether a comment or issue GitHub lists was made by this app. Its hidden marker alone proves
 * nothing: anyone can write it into an issue or comment, to be adopted in place of the app's post.
 */
export function madeByThisApp(item: { performed_via_github_app?: { id: number } | null }, appId: number | null): boolean {
  return appId !== null && item.performed_via_github_app?.id === appId;
}
