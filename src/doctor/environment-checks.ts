import type { Env } from "../env.js";
import { parseEnv, weakSecretReason } from "../env.js";
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

/** A secret is not Probot's default, and is long and varied enough to resist guessing (doctor's advice is stricter than the server's refusal). */
function secretWeakness(name: string, secret: string): string | null {
  if (secret === "development") return `${name} is Probot's default "development"`;
  const reason = weakSecretReason(secret);
  if (reason) return `${name} ${reason}: the server refuses to start with it`;
  if (secret.length < SECRET_MIN_LENGTH || new Set(secret).size < 8)
    return `${name} is weak (${secret.length} characters, ${new Set(secret).size} distinct)`;
  return null;
}

/** The webhook secret is set and strong, and so is the previous one during a rotation. */
export function webhookSecretCheck(env: Env | null): Check {
  if (!env) return skipped("webhook secret", "the environment is invalid");
  const secret = env.WEBHOOK_SECRET;
  if (!secret) return problem("webhook secret", "WEBHOOK_SECRET is not set: anyone could forge a webhook", NEW_SECRET);
  const previous = env.WEBHOOK_SECRET_PREVIOUS;
  const weakness = secretWeakness("WEBHOOK_SECRET", secret) ?? (previous ? secretWeakness("WEBHOOK_SECRET_PREVIOUS", previous) : null);
  if (weakness) return problem("webhook secret", weakness, NEW_SECRET);
  return ok(
    "webhook secret",
    previous ? `${secret.length} characters, and a previous one during a rotation` : `${secret.length} characters`,
  );
}
