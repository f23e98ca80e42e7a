import type { Queryable } from "../db/types.js";
import type { DeliveryClaim } from "./deliveries.js";
import type { IssueFields, IssueKey, StoredIssue } from "./issues.js";
import { issueParams, upsertIssueSql } from "./issues.js";
import type { RepositoryRecord } from "./repositories.js";
import { ensureRepositorySql, repositoryParams } from "./repositories.js";

// After the issue's $1-$17: the repository's full name, visibility, stars and default branch, then the claim.
const REPOSITORY = { installationId: "$1", id: "$2", fullName: "$18", private: "$19", stargazers: "$20", defaultBranch: "$21" };
const CLAIM = "INSERT INTO deliveries (id, installation_id, event) VALUES ($22, $1, $23) ON CONFLICT (id) DO NOTHING RETURNING id";

export type StoredIssueEvent = StoredIssue & { claimed: boolean };

/**
 * Stores an issue event in one statement, one round trip: its installation and repository when
 * missing (or changed; no row lock otherwise, so an installation's deliveries do not line up), and
 * the issue, anonymous for a reporter who asked to be forgotten. With `claim`, the same statement
 * records the delivery and writes nothing when it was recorded before: a concurrent copy waits on
 * the delivery's key until the first commits, then finds it. One statement is atomic: with a claim
 * it needs no transaction around it, and a failure leaves nothing behind.
 */
export async function storeIssueEvent(
  db: Queryable,
  key: IssueKey,
  event: { repository: RepositoryRecord; issue: IssueFields },
  claim?: DeliveryClaim,
): Promise<StoredIssueEvent> {
  const gate = claim ? CLAIM : "SELECT 1";
  // Its planning costs more than its execution: prepared once per connection, one name per variant.
  const result = await db.query<StoredIssueEvent>(
    `WITH gate AS (${gate}), ${ensureRepositorySql(REPOSITORY, "gate")}, ${upsertIssueSql("gate")}
     SELECT EXISTS (SELECT 1 FROM gate) AS claimed, coalesce((SELECT current FROM stored_issue), false) AS current,
       coalesce((SELECT reporter_left FROM opted_out), false) AS "reporterOptedOut"`,
    [...issueParams(key, event.issue), ...repositoryParams(event.repository).slice(1), ...(claim ? [claim.deliveryId, claim.event] : [])],
    claim ? "store_issue_event_claimed" : "store_issue_event",
  );
  return result.rows[0] ?? { claimed: false, current: false, reporterOptedOut: false };
}
