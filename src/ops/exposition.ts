import type { WorkCounts } from "../queries/work-status.js";

/** One series of a gauge: its labels and its value. */
export type Sample = { labels: Record<string, string>; value: number };

/** Every known status, 0 when there is none (no gaps on dashboards), then any other found, sorted. */
export function byStatus(known: readonly string[], counted: Map<string, number>): Sample[] {
  const others = [...counted.keys()].filter((status) => !known.includes(status)).sort();
  return [...known, ...others].map((status) => ({ labels: { status }, value: counted.get(status) ?? 0 }));
}

const WORK_STATES = ["pending", "failed"] as const;

/** Every registered kind in every state, 0 when there is none (a first failure shows as a rise), then any other found. */
export function workByKindAndState(counts: WorkCounts, kinds: readonly string[]): Sample[] {
  const counted = new Map(counts.work.map((row) => [`${row.kind}\n${row.state}`, row.count]));
  const known = kinds.flatMap((kind) => WORK_STATES.map((state) => `${kind}\n${state}`));
  const others = [...counted.keys()].filter((key) => !known.includes(key)).sort();
  return [...known, ...others].map((key) => {
    const [kind = "", state = ""] = key.split("\n");
    return { labels: { kind, state }, value: counted.get(key) ?? 0 };
  });
}

/** Each kind of queued work (every registered one, 0 when none is due) with the age of its oldest due work, in whole seconds. */
export function oldestDueByKind(counts: WorkCounts, kinds: readonly string[]): Sample[] {
  const oldest = new Map<string, number>(kinds.map((kind) => [kind, 0]));
  for (const row of counts.work) oldest.set(row.kind, Math.max(oldest.get(row.kind) ?? 0, Math.round(row.oldestDueSeconds ?? 0)));
  return [...oldest.entries()].map(([kind, seconds]) => ({ labels: { kind }, value: seconds }));
}
