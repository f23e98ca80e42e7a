// PostgreSQL's connection exception class (08), and the shutdown and start-up states (57P01-57P03).
const UNAVAILABLE_CODES = new Set(["57P01", "57P02", "57P03", "ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EPIPE"]);

/** Whether an error means the database cannot be reached now (rather than a query being wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (code.startsWith("08") || UNAVAILABLE_CODES.has(code))) return true;
  return (
    typeof message === "string" && /Connection terminated|connect ECONNREFUSED|the database system is (starting|shutting) /i.test(message)
  );
}
