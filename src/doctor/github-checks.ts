import type { Octokit } from "../github/octokit.js";
import { httpStatus } from "../github/octokit.js";
import type { Check } from "./check.js";
import { ok, problem, skipped } from "./check.js";
import type { Manifest } from "./app-manifest.js";
import { lacking } from "./app-manifest.js";

type App = { slug?: string; permissions?: Record<string, string | undefined>; events?: string[] };

/** GitHub accepts the private key for APP_ID: asks for the app itself, signed with the key. */
export async function privateKeyCheck(octokit: Octokit | null, appId: string | undefined): Promise<{ app: App | null; check: Check }> {
  const name = "private key";
  if (!octokit) return { app: null, check: skipped(name, "the app credentials are missing") };
  try {
    const { data } = await octokit.rest.apps.getAuthenticated();
    const app = (data ?? {}) as App;
    return { app, check: ok(name, `GitHub accepts it for app ${app.slug ?? appId}`) };
  } catch (error) {
    // Octokit reports a network failure as a status 500 without a response.
    const answered = (error as { response?: unknown }).response !== undefined;
    const status = answered ? httpStatus(error) : undefined;
    if (status === 401 || status === 403) {
      const fix =
        "generate a new private key in the app's settings (General → Private keys) and set PRIVATE_KEY_PATH to it; check APP_ID is this app's";
      return { app: null, check: problem(name, `GitHub refuses the key for APP_ID ${appId} (HTTP ${status})`, fix) };
    }
    const detail = status ? `GitHub answered HTTP ${status}` : `GitHub cannot be reached: ${(error as Error).message}`;
    return { app: null, check: problem(name, detail, "check the network, and GHE_HOST / GHE_PROTOCOL for GitHub Enterprise Server") };
  }
}

/** The app's registration grants what app.yml asks for. */
export function registrationCheck(app: App | null, manifest: Manifest): Check {
  const name = "app permissions";
  if (!app) return skipped(name, "the app could not be read");
  const missing = lacking(manifest, app);
  if (missing.length === 0) return ok(name, "the registration has every permission and event app.yml asks for");
  return problem(
    name,
    `the registration lacks ${missing.join(", ")}`,
    "add them in the app's settings → Permissions & events, as app.yml lists them",
  );
}

/** Every installation has accepted what app.yml asks for. */
export async function installationsCheck(octokit: Octokit | null, app: App | null, manifest: Manifest): Promise<Check> {
  const name = "installations";
  if (!octokit || !app) return skipped(name, "the app could not be read");
  const installations = await octokit.paginate(octokit.rest.apps.listInstallations, { per_page: 100 });
  if (installations.length === 0) return ok(name, "none yet: install the app on a repository to start");
  const behind = installations.flatMap((installation) => {
    const missing = lacking(manifest, { permissions: installation.permissions as Record<string, string>, events: installation.events });
    const login = installation.account && "login" in installation.account ? installation.account.login : "an account";
    return missing.length === 0 ? [] : [`${login} (installation ${installation.id}) lacks ${missing.join(", ")}`];
  });
  if (behind.length === 0) return ok(name, `${installations.length} installed, each with every permission and event app.yml asks for`);
  return problem(
    name,
    behind.join("; "),
    "an owner of each account must accept the new permissions (GitHub asks them by email; also under Settings → GitHub Apps → Configure)",
  );
}
