import type { Failures } from "./list-failures.js";

const MAX_ERROR_CHARS = 80;

const instant = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "-");

/** The last error on one line, cut to fit a terminal; `--json` has it whole. */
function errorText(error: string | null): string {
  const line = (error ?? "-").replace(/\s+/g, " ").trim();
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS - 1)}…` : line;
}

/** A titled table with columns as wide as their widest cell, or "none". */
function section(title: string, header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return [`${title}: none`];
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ")}`.trimEnd();
  return [`${title}: ${rows.length}`, line(header), ...rows.map(line)];
}

/** The failures as short tables for people. */
export function formatFailures(failures: Failures, installationId: number | null): string {
  const surveys = section(
    "Failed surveys",
    ["ID", "INSTALLATION", "REPOSITORY", "ISSUE", "ATTEMPTS", "FAILED AT", "LAST ERROR"],
    failures.surveys.map((survey) => [
      String(survey.id),
      String(survey.installationId),
      survey.repository,
      `#${survey.issueNumber}`,
      String(survey.attempts),
      instant(survey.failedAt),
      errorText(survey.lastError),
    ]),
  );
  const summaries = section(
    "Failed summaries",
    ["ID", "INSTALLATION", "REPOSITORY", "PERIOD", "OUTPUT", "ATTEMPTS", "LAST ERROR"],
    failures.summaries.map((summary) => [
      String(summary.id),
      String(summary.installationId),
      `${summary.repository ?? "(repository gone)"}${summary.scope === "organization" ? " (organisation)" : ""}`,
      summary.period,
      summary.output,
      String(summary.attempts),
      errorText(summary.lastError),
    ]),
  );
  const configChecks = section(
    "Failed configuration checks",
    ["ID", "INSTALLATION", "REPOSITORY", "COMMIT", "ATTEMPTS", "LAST ERROR"],
    failures.configChecks.map((check) => [
      String(check.id),
      String(check.installationId),
      check.repository,
      check.headSha.slice(0, 12),
      String(check.attempts),
      errorText(check.lastError),
    ]),
  );
  const other = section(
    "Other failed work",
    ["KIND", "KEY", "INSTALLATION", "ATTEMPTS", "FAILED AT", "LAST ERROR"],
    failures.other.map((work) => [
      work.kind,
      work.key,
      String(work.installationId),
      String(work.attempts),
      instant(work.failedAt),
      errorText(work.lastError),
    ]),
  );
  const deliveries = failures.deliveries
    ? section(
        "Given-up webhook deliveries",
        ["GUID", "DELIVERY", "ATTEMPTS", "GIVEN UP AT"],
        failures.deliveries.map((delivery) => [
          delivery.guid,
          String(delivery.deliveryId),
          String(delivery.attempts),
          instant(delivery.givenUpAt),
        ]),
      )
    : ["Given-up webhook deliveries: not listed with --installation (they are app-wide)"];
  const scope = installationId === null ? "all installations" : `installation ${installationId}`;
  const others = failures.other.length > 0 ? ["", ...other] : [];
  return [`Failures (${scope})`, "", ...surveys, "", ...summaries, "", ...configChecks, ...others, "", ...deliveries].join("\n");
}
