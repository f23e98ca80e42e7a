import type { Logger } from "pino";
import { openDatabase } from "../db/open.js";
import type { Octokit } from "../github/octokit.js";
import { createProbot } from "../github/probot.js";
import type { Check } from "./check.js";
import { problem } from "./check.js";
import { readManifest } from "./app-manifest.js";
import { databaseCheck, migrationsCheck } from "./database-checks.js";
import { credentialsCheck, environmentCheck, webhookSecretCheck } from "./environment-checks.js";
import { installationsCheck, privateKeyCheck, registrationCheck } from "./github-checks.js";

export type DoctorDeps = { source: NodeJS.ProcessEnv; log: Logger; open?: typeof openDatabase };

// A check that fails unexpectedly (GitHub's answer to a listing, say) is a problem to report, not a crash.
async function guarded(name: string, run: () => Promise<Check>): Promise<Check> {
  try {
    return await run();
  } catch (error) {
    return problem(
      name,
      `could not be checked: ${(error as Error).message}`,
      "run the doctor again; if it persists, see docs/operations.md",
    );
  }
}

/**
 * Every check of `satisfaction-bot doctor`, in order: environment, credentials, webhook secret,
 * database and migrations, then GitHub (the private key, the app's registration and each
 * installation against app.yml). It reads only: nothing is migrated, written or posted.
 */
export async function runDoctor(deps: DoctorDeps): Promise<Check[]> {
  const { env, check: environment } = environmentCheck(deps.source);
  const checks = [environment, credentialsCheck(env), webhookSecretCheck(env)];
  const { db, check: database } = await databaseCheck(env, deps.open);
  try {
    checks.push(database, await guarded("migrations", () => migrationsCheck(db)));
  } finally {
    await db?.close();
  }
  const octokit: Octokit | null =
    env?.APP_ID && env.privateKey ? await createProbot({ ...env, APP_ID: env.APP_ID, privateKey: env.privateKey }, deps.log).auth() : null;
  const { app, check: key } = await privateKeyCheck(octokit, env?.APP_ID);
  const manifest = await readManifest();
  checks.push(key, registrationCheck(app, manifest), await guarded("installations", () => installationsCheck(octokit, app, manifest)));
  return checks;
}
