import type { Queryable } from "../db/types.js";
import type { LabelAction } from "./label-events.js";
import type { Scope } from "./scope.js";
import { SUPPORT_ISSUE } from "./scope.js";

/** Whose comment counts as a first response, and which labels stop the clocks. */
export type TimingSettings = { responders: "maintainers" | "anyone"; pauseLabels: readonly string[] };

export type LabelChange = { label: string; action: LabelAction; at: Date };

/**
 * What an issue's response and resolution times are measured from: its opening, its first response
 * (by the configured responders, before `endedAt`), the close measured, and its pause labels' changes.
 */
export type IssueTiming = {
  repositoryId: number;
  /** `issues` or `discussions`. */
  channel: string;
  number: number;
  labels: string[];
  openedAt: Date;
  firstResponseAt: Date | null;
  endedAt: Date | null;
  reopened: boolean;
  labelChanges: LabelChange[];
};

type Row = Omit<IssueTiming, "labelChanges"> & { labelChanges: { label: string; action: LabelAction; at: string }[] };

// The first response by anyone is at the latest the first by a maintainer (rows from before it was kept have only that).
const responseColumn = (settings: TimingSettings) =>
  settings.responders === "anyone" ? "least(i.first_any_response_at, i.first_response_at)" : "i.first_response_at";

const labelChanges = (param: string) => `(SELECT coalesce(json_agg(json_build_object('label', l.label, 'action', l.action, 'at', l.at)
    ORDER BY l.at, l.action), '[]'::json) FROM label_events l WHERE l.installation_id = i.installation_id
    AND l.repository_id = i.repository_id AND l.issue_number = i.number AND l.label = ANY(${param}::text[]))`;

const issueColumns = `i.repository_id AS "repositoryId", i.channel, i.number, i.labels, i.opened_at AS "openedAt"`;

function timings(rows: Row[]): IssueTiming[] {
  return rows.map((row) => ({ ...row, labelChanges: row.labelChanges.map((change) => ({ ...change, at: new Date(change.at) })) }));
}

/** The issues and discussions of the scope's experiences closed in [from, to), measured up to each experience's close. */
export async function experienceTimings(db: Queryable, scope: Scope, settings: TimingSettings): Promise<IssueTiming[]> {
  const response = responseColumn(settings);
  const { rows } = await db.query<Row>(
    `SELECT ${issueColumns}, CASE WHEN ${response} <= e.closed_at THEN ${response} END AS "firstResponseAt",
       e.closed_at AS "endedAt", i.reopen_count > 0 AS reopened, ${labelChanges("$5")} AS "labelChanges"
     FROM experiences e
     JOIN issues i ON i.installation_id = e.installation_id AND i.repository_id = e.repository_id AND i.number = e.issue_number
     WHERE e.installation_id = $1 AND e.repository_id = ANY($2::bigint[]) AND e.closed_at >= $3 AND e.closed_at < $4`,
    [scope.installationId, scope.repositoryIds, scope.from, scope.to, settings.pauseLabels],
  );
  return timings(rows);
}

/**
 * Support issues of the scope closed in the window (`closed`), or first answered in it (`answered`),
 * each measured up to its close.
 */
export async function supportIssueTimings(
  db: Queryable,
  scope: Scope,
  settings: TimingSettings,
  which: "closed" | "answered",
): Promise<IssueTiming[]> {
  const response = responseColumn(settings);
  const inWindow =
    which === "closed" ? "i.state = 'closed' AND i.closed_at >= $3 AND i.closed_at < $4" : `${response} >= $3 AND ${response} < $4`;
  const { rows } = await db.query<Row>(
    `SELECT ${issueColumns},
       CASE WHEN i.closed_at IS NULL OR ${response} <= i.closed_at THEN ${response} END AS "firstResponseAt",
       i.closed_at AS "endedAt", i.reopen_count > 0 AS reopened, ${labelChanges("$5")} AS "labelChanges"
     FROM issues i
     WHERE i.installation_id = $1 AND i.repository_id = ANY($2::bigint[]) AND ${SUPPORT_ISSUE} AND ${inWindow}`,
    [scope.installationId, scope.repositoryIds, scope.from, scope.to, settings.pauseLabels],
  );
  return timings(rows);
}

/**
 * Open issues of a repository carrying any of `labels`, measured up to now (the service-level targets'
 * candidates). Issues only: a mark is a label put on through the issue API, and a discussion has none.
 */
export async function openIssueTimings(
  db: Queryable,
  repository: { installationId: number; repositoryId: number },
  settings: TimingSettings,
  labels: readonly string[],
): Promise<IssueTiming[]> {
  const response = responseColumn(settings);
  const { rows } = await db.query<Row>(
    `SELECT ${issueColumns}, ${response} AS "firstResponseAt", NULL::timestamptz AS "endedAt", i.reopen_count > 0 AS reopened,
       ${labelChanges("$3")} AS "labelChanges"
     FROM issues i
     WHERE i.installation_id = $1 AND i.repository_id = $2 AND i.channel = 'issues' AND i.state = 'open' AND i.labels && $4::text[]`,
    [repository.installationId, repository.repositoryId, settings.pauseLabels, labels],
  );
  return timings(rows);
}
