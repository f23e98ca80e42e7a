import type { OctokitFor } from "../github/octokit.js";
import type { WorkItem, WorkRef } from "../queries/work.js";
import { claimDueWork, claimWork } from "../queries/work.js";
import type { AttemptResult, EngineDeps } from "./run-work.js";
import { runInstallationWork } from "./run-work.js";

/** How a run went: attempts by kind and result (`survey.ask` → `{ asked: 3, retry: 1 }`). */
export type WorkTally = { worked: number; installationsFailed: number; byKind: Map<string, Map<AttemptResult, number>> };

export const emptyTally = (): WorkTally => ({ worked: 0, installationsFailed: 0, byKind: new Map() });

export function countOf(tally: WorkTally, kind: string, result: AttemptResult): number {
  return tally.byKind.get(kind)?.get(result) ?? 0;
}

function byInstallation(items: WorkItem[]): Map<number, WorkItem[]> {
  const groups = new Map<number, WorkItem[]>();
  for (const item of items) groups.set(item.installationId, [...(groups.get(item.installationId) ?? []), item]);
  return groups;
}

/** Runs claimed work, an installation at a time, and adds how it went to `tally`. */
export async function runClaimed(deps: EngineDeps, octokitFor: OctokitFor, items: WorkItem[], now: Date, tally: WorkTally): Promise<void> {
  for (const [installationId, group] of byInstallation(items)) {
    const results = await runInstallationWork(deps, octokitFor, installationId, group, now);
    if (results === null) {
      tally.installationsFailed++;
      continue;
    }
    group.forEach((item, index) => {
      const result = results[index] ?? "unknown";
      const counts = tally.byKind.get(item.kind) ?? new Map<AttemptResult, number>();
      counts.set(result, (counts.get(result) ?? 0) + 1);
      tally.byKind.set(item.kind, counts);
      tally.worked++;
    });
  }
}

const BATCH = 50;
const MAX_BATCHES = 40;

/**
 * Everything queued that is due at `now`, of every kind, claimed a batch at a time. Safe to run
 * from several instances at once: each piece of work is claimed by one of them.
 */
export async function workDue(deps: EngineDeps, octokitFor: OctokitFor, now: Date): Promise<WorkTally> {
  const tally = emptyTally();
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const claimed = await claimDueWork(deps.db, now, BATCH);
    await runClaimed(deps, octokitFor, claimed, now, tally);
    if (claimed.length < BATCH) break;
  }
  return tally;
}

/** Runs the named work now, due or not (right after the webhook that queued it); work another worker holds is left to it. */
export async function workNow(deps: EngineDeps, octokitFor: OctokitFor, refs: readonly WorkRef[], now: Date): Promise<WorkTally> {
  const tally = emptyTally();
  const claimed: WorkItem[] = [];
  for (const ref of refs) {
    const item = await claimWork(deps.db, ref);
    if (item) claimed.push(item);
  }
  await runClaimed(deps, octokitFor, claimed, now, tally);
  return tally;
}
