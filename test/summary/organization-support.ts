import type { Db } from "../../src/db/types.js";
import { seedIssue, seedRepository, storeConfig, summaryDeps } from "./support.js";

/** The organisation acme of the organisation-summary suites: its summary posted in acme/reports. */
export const INSTALLATION = 5151;
export const ORG_CONFIG = { organization_summary: { enabled: true, repository: "reports" } };
export const REPORTS = { id: 900, fullName: "acme/reports" };
export const PUBLIC = { id: 901, fullName: "acme/public-app" };
export const SECRET = { id: 902, fullName: "acme/secret-app" };
/** acme's repositories as GitHub lists them, with a public target: what the seeded flags say. */
export const LISTED = [
  { ...REPORTS, private: false },
  { ...PUBLIC, private: false },
  { ...SECRET, private: true },
];

/** What would name acme/secret-app's experiences: its name, issues, pain point, label and responder. */
export const SECRET_NAMES = ["secret-app", "#41", "#42", "#43", "Falcon", "falcon-internal", "secret-maint"];
/** acme/secret-app's own figures (satisfaction, loyalty, business opportunity) in 2026-W47. */
export const SECRET_FIGURES = ["33.3 %", "66.7 %", "0.67"];

/**
 * acme in 2026-W47: acme/public-app #12 negative ("Slow builds on Windows", label build) and #13
 * positive (answered by pub-maint after 1 h); acme/secret-app #41 negative ("Falcon codename leaks in
 * logs", label falcon-internal, answered by secret-maint), #42 and #43 positive. The target's stored
 * flag is `targetPrivate`; only the organisation's summary is on.
 */
export async function seedOrganization(db: Db, options: { targetPrivate: boolean; config?: unknown }) {
  const account = { login: "acme", type: "Organization" as const, config: options.config };
  await seedRepository(db, { ...REPORTS, installationId: INSTALLATION, private: options.targetPrivate, account });
  await seedRepository(db, { ...PUBLIC, installationId: INSTALLATION, private: false, account });
  await seedRepository(db, { ...SECRET, installationId: INSTALLATION, private: true, account });
  for (const repository of [PUBLIC, SECRET]) {
    // Each repository's own summary is off: only the organisation's is posted.
    await storeConfig(db, { summary: { enabled: false } }, { repositoryId: repository.id, installationId: INSTALLATION });
  }
  const common = { installationId: INSTALLATION, openedAt: "2026-11-16T08:00:00Z" };
  const pub = { ...common, repositoryId: PUBLIC.id };
  const secret = { ...common, repositoryId: SECRET.id };
  await seedIssue(db, {
    ...pub,
    number: 12,
    reporter: 21,
    closedAt: "2026-11-17T10:00:00Z",
    outcome: "negative",
    title: "Slow builds on Windows",
    labels: ["build"],
  });
  await seedIssue(db, {
    ...pub,
    number: 13,
    reporter: 22,
    closedAt: "2026-11-18T10:00:00Z",
    outcome: "positive",
    firstResponseAt: "2026-11-16T09:00:00Z",
    firstResponder: "pub-maint",
  });
  await seedIssue(db, {
    ...secret,
    number: 41,
    reporter: 31,
    closedAt: "2026-11-19T10:00:00Z",
    outcome: "negative",
    title: "Falcon codename leaks in logs",
    labels: ["falcon-internal"],
    firstResponseAt: "2026-11-16T10:00:00Z",
    firstResponder: "secret-maint",
  });
  await seedIssue(db, { ...secret, number: 42, reporter: 32, closedAt: "2026-11-20T10:00:00Z", outcome: "positive" });
  await seedIssue(db, { ...secret, number: 43, reporter: 33, closedAt: "2026-11-21T10:00:00Z", outcome: "positive" });
  return summaryDeps(db, [INSTALLATION]);
}
