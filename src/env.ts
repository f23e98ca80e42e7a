import fs from "node:fs";
import { z } from "zod";

/** Days of issue history imported when the app is installed or a repository added, when BACKFILL_DAYS is not set. */
export const DEFAULT_BACKFILL_DAYS = 90;

/** Days an experience is kept after its close, when RETENTION_DAYS is not set. */
export const DEFAULT_RETENTION_DAYS = 730;

/** Requests a feedback API token may make per minute, when API_RATE_LIMIT is not set. */
export const DEFAULT_API_RATE_LIMIT = 120;

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : undefined));

/** A whole number of at most `digits` digits (`message` otherwise), `fallback` when unset, then checked by `bound`. */
function wholeNumber(digits: number, message: string, fallback: number, bound: z.ZodNumber) {
  return optionalText
    .pipe(
      z
        .string()
        .regex(new RegExp(`^\\d{1,${digits}}$`), message)
        .optional(),
    )
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .pipe(bound);
}

export const envSchema = z
  .object({
    NODE_ENV: optionalText,
    APP_ID: optionalText.pipe(z.string().regex(/^\d+$/, "must be the numeric App ID").optional()),
    PRIVATE_KEY: optionalText,
    PRIVATE_KEY_PATH: optionalText,
    WEBHOOK_SECRET: optionalText,
    WEBHOOK_SECRET_PREVIOUS: optionalText,
    WEBHOOK_PATH: optionalText.pipe(z.string().startsWith("/", "must start with /").default("/api/github/webhooks")),
    PORT: wholeNumber(5, "must be a port number", 3000, z.number().max(65535, "must be a port number")),
    HOST: optionalText,
    LOG_LEVEL: optionalText.pipe(z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info")),
    // Probot's variable: unset, JSON in production and human-readable elsewhere (src/logger.ts).
    LOG_FORMAT: optionalText.pipe(z.enum(["json", "pretty"]).optional()),
    GHE_HOST: optionalText.pipe(
      z
        .string()
        .regex(/^[^/\s]+$/, "must be a host name (and port), without protocol or path")
        .optional(),
    ),
    GHE_PROTOCOL: optionalText.pipe(z.enum(["https", "http"]).default("https")),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    DATA_DIR: optionalText.pipe(z.string().default("./.data")),
    RETENTION_DAYS: wholeNumber(5, "must be a whole number of days", DEFAULT_RETENTION_DAYS, z.number().min(1, "must be at least 1 day")),
    BACKFILL_DAYS: wholeNumber(
      4,
      "must be a whole number of days",
      DEFAULT_BACKFILL_DAYS,
      z.number().max(3650, "must be at most 3650 days"),
    ),
    API_RATE_LIMIT: wholeNumber(
      6,
      "must be a whole number of requests per minute",
      DEFAULT_API_RATE_LIMIT,
      z.number().min(1, "must be at least 1 request per minute"),
    ),
    // Probot's variable: instances sharing one Redis share GitHub's rate-limit throttling.
    REDIS_URL: optionalText.pipe(
      z
        .string()
        .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
        .optional(),
    ),
    METRICS_TOKEN: optionalText.pipe(
      z.string().min(16, "must be at least 16 characters").regex(/^\S+$/, "must not contain spaces").optional(),
    ),
  })
  .superRefine((env, issues) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.WEBHOOK_SECRET || env.WEBHOOK_SECRET === "development") {
      issues.addIssue({
        code: "custom",
        path: ["WEBHOOK_SECRET"],
        message: 'is required in production and must not be Probot\'s default "development"',
      });
    }
    if (!env.APP_ID) issues.addIssue({ code: "custom", path: ["APP_ID"], message: "is required in production" });
  });

// Values copied from examples and tutorials: a signature made with one proves nothing.
const PLACEHOLDER_SECRETS = new Set([
  "development",
  "secret",
  "changeme",
  "change-me",
  "webhook-secret",
  "your-secret",
  "password",
  "test",
]);
/** The shortest webhook secret the server starts with (doctor advises 32 characters). */
export const WEBHOOK_SECRET_MIN_LENGTH = 16;

/** Why `secret` cannot be trusted to sign webhooks, or null when it can. */
export function weakSecretReason(secret: string): string | null {
  if (PLACEHOLDER_SECRETS.has(secret.toLowerCase())) return "is a well-known placeholder";
  if (secret.length < WEBHOOK_SECRET_MIN_LENGTH) return `is shorter than ${WEBHOOK_SECRET_MIN_LENGTH} characters`;
  if (new Set(secret).size < 6) return "repeats too few characters";
  return null;
}

/**
 * Why the server must not start with these webhook secrets: with APP_ID set (a registered app, not
 * Probot's setup page) WEBHOOK_SECRET is required, and neither it nor WEBHOOK_SECRET_PREVIOUS may be
 * weak, since anyone who can guess it can sign deliveries. Names the variables, never their values.
 */
export function webhookSecretRefusals(env: Pick<Env, "APP_ID" | "WEBHOOK_SECRET" | "WEBHOOK_SECRET_PREVIOUS">): string[] {
  if (!env.APP_ID) return [];
  if (!env.WEBHOOK_SECRET) return ["WEBHOOK_SECRET: is required with APP_ID (without it anyone could sign webhooks)"];
  const named = { WEBHOOK_SECRET: env.WEBHOOK_SECRET, WEBHOOK_SECRET_PREVIOUS: env.WEBHOOK_SECRET_PREVIOUS };
  return Object.entries(named).flatMap(([name, secret]) => {
    const reason = secret === undefined ? null : weakSecretReason(secret);
    return reason ? [`${name}: ${reason}; generate one with \`openssl rand -hex 32\``] : [];
  });
}

export type Env = z.infer<typeof envSchema> & { privateKey: string | undefined; baseUrl: string | undefined };

export class EnvError extends Error {
  override name = "EnvError";
}

function readPrivateKey(env: z.infer<typeof envSchema>): string | undefined {
  if (env.PRIVATE_KEY) return env.PRIVATE_KEY.replace(/\\n/g, "\n");
  if (!env.PRIVATE_KEY_PATH) return undefined;
  try {
    return fs.readFileSync(env.PRIVATE_KEY_PATH, "utf8");
  } catch (error) {
    throw new EnvError(`PRIVATE_KEY_PATH: cannot read ${env.PRIVATE_KEY_PATH} (${(error as Error).message})`);
  }
}

/** Parses the environment once; throws an EnvError naming every wrong variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n  ${lines.join("\n  ")}`);
  }
  const env = parsed.data;
  const privateKey = readPrivateKey(env);
  if (env.APP_ID && !privateKey) throw new EnvError("Invalid environment:\n  PRIVATE_KEY or PRIVATE_KEY_PATH is required with APP_ID");
  if (privateKey && !privateKey.includes("PRIVATE KEY-----")) {
    throw new EnvError("Invalid environment:\n  PRIVATE_KEY: is not a PEM private key");
  }
  const baseUrl = env.GHE_HOST ? `${env.GHE_PROTOCOL}://${env.GHE_HOST}/api/v3` : undefined;
  return { ...env, privateKey, baseUrl };
}

/** Loads .env from the working directory when there is one (Probot's setup flow writes it). */
export function loadDotEnv(file = ".env"): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
