import type { Env } from "../env.js";
import { parseEnv } from "../env.js";
import type { Check } from "./check.js";
import { ok, problem, skipped } from "./check.js";

const NEW_SECRET =
  "generate one with `openssl rand -hex 32`, set it as the app's webhook secret (app settings → General) and as WEBHOOK_SECRET";
// GitHub asks for "a random string with high entropy"; 32 hex characters are 128 bits.
const SECRET_MIN_LENGTH = 32;

/** The environment parses (every variable well-formed): the other checks need it. */
export function environmentCheck(source: NodeJS.ProcessEnv): { env: Env | null; check: Check } {
  try {
    return { env: parseEnv(source), check: ok("environment", "every variable is well-formed") };
  } catch (error) {
    const detail = (error as Error).message.replace(/\s*\n\s*/g, "; ");
    return {
      env: null,
      check: problem("environment", detail, "correct these variables in .env or the service's environment (see .env.example)"),
    };
  }
}

/** The app is registered: an App ID and its private key are set. */
export function credentialsCheck(env: Env | null): Check {
  if (!env) return skipped("app credentials", "the environment is invalid");
  if (env.APP_ID && env.privateKey) return ok("app credentials", `APP_ID ${env.APP_ID} and a private key are set`);
  return problem(
    "app credentials",
    "APP_ID or the private key is not set: the app cannot reach GitHub",
    "run `npm start` and register the app on the setup page (it writes .env), or set APP_ID and PRIVATE_KEY_PATH",
  );
}

/** The webhook secret is set, is not Probot's default, and is long enough to resist guessing. */
export function webhookSecretCheck(env: Env | null): Check {
  if (!env) return skipped("webhook secret", "the environment is invalid");
  const secret = env.WEBHOOK_SECRET;
  if (!secret) return problem("webhook secret", "WEBHOOK_SECRET is not set: anyone could forge a webhook", NEW_SECRET);
  if (secret === "development") return problem("webhook secret", 'WEBHOOK_SECRET is Probot\'s default "development"', NEW_SECRET);
  if (secret.length < SECRET_MIN_LENGTH || new Set(secret).size < 8) {
    return problem("webhook secret", `WEBHOOK_SECRET is weak (${secret.length} characters, ${new Set(secret).size} distinct)`, NEW_SECRET);
  }
  return ok("webhook secret", `${secret.length} characters`);
}
