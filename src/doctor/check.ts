/** One thing `satisfaction-bot doctor` looked at: fine, wrong (with the fix, in plain words), or not looked at because an earlier check failed. */
export type Check = { name: string; status: "ok" | "problem" | "skipped"; detail: string; fix?: string };

export const ok = (name: string, detail: string): Check => ({ name, status: "ok", detail });
export const problem = (name: string, detail: string, fix: string): Check => ({ name, status: "problem", detail, fix });
export const skipped = (name: string, detail: string): Check => ({ name, status: "skipped", detail });

const MARKS = { ok: "ok  ", problem: "FAIL", skipped: "skip" } as const;

/** The checks as lines for a terminal: one per check, the fix indented under a problem. */
export function formatChecks(checks: readonly Check[]): string {
  const problems = checks.filter((check) => check.status === "problem").length;
  const lines = checks.flatMap((check) => [
    `${MARKS[check.status]}  ${check.name}: ${check.detail}`,
    ...(check.fix ? [`      fix: ${check.fix}`] : []),
  ]);
  const verdict = problems === 0 ? "All is well." : `${problems} problem${problems === 1 ? "" : "s"} found.`;
  return [...lines, "", verdict].join("\n");
}
