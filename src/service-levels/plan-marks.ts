import type { Logger } from "pino";
import { parseStoredConfig } from "../config/repository-config.js";
import type { Db, Queryable } from "../db/types.js";
import { openIssueTimings } from "../queries/issue-timings.js";
import type { Mark, Measure, TargetRepository } from "../queries/service-marks.js";
import { clearWarning, recordMark, repositoriesWithTargets, warningsMet } from "../queries/service-marks.js";
import { enqueueWork } from "../queries/work.js";
import { serviceSettingsOf } from "./response-times.js";
import { measureTarget, targetFor, targetName } from "./targets.js";

export const LABEL_SERVICE_MARK = "sla.label";

/** What the label work does: put the warning or breach label on, or take the warning's off. */
export type MarkAction = Mark | "clear";
export type MarkWork = { number: number; target: string; measure: Measure; action: MarkAction };

type Planned = { marked: number; cleared: number };

async function queue(db: Db, repository: TargetRepository, work: MarkWork, now: Date, record: (tx: Queryable) => Promise<boolean>) {
  return db.transaction(async (tx) => {
    if (!(await record(tx))) return false;
    await enqueueWork(tx, {
      installationId: repository.installationId,
      repositoryId: repository.repositoryId,
      kind: LABEL_SERVICE_MARK,
      key: `${repository.repositoryId}#${work.number}:${work.action}:${work.measure}:${work.target}`,
      payload: work,
      runAt: now,
    });
    return true;
  });
}

async function planRepository(db: Db, repository: TargetRepository, now: Date, tally: Planned): Promise<void> {
  const config = parseStoredConfig(repository.config);
  if (!config.enabled) return;
  const levels = config.service_levels;
  const settings = serviceSettingsOf(levels);
  const ref = { installationId: repository.installationId, repositoryId: repository.repositoryId };
  const labels = [...new Set(levels.targets.flatMap((target) => target.labels))];
  for (const issue of await openIssueTimings(db, ref, settings, labels)) {
    const target = targetFor(levels.targets, issue.labels);
    if (!target) continue;
    const key = { ...ref, number: issue.number };
    for (const measure of measureTarget(settings, target, issue, now)) {
      if (measure.met === true || (measure.met === null && measure.elapsedSeconds < measure.warnAtSeconds)) continue;
      const mark: Mark = measure.met === false ? "breach" : "warning";
      const work = { number: issue.number, target: targetName(target), measure: measure.measure, action: mark };
      if (await queue(db, repository, work, now, (tx) => recordMark(tx, key, { ...work, mark }, now))) tally.marked++;
    }
  }
  for (const met of await warningsMet(db, ref, levels.responders)) {
    const work = { number: met.number, target: met.target, measure: met.measure, action: "clear" as const };
    const clear = async (tx: Queryable) => {
      await clearWarning(tx, { ...ref, number: met.number }, met, now);
      return true;
    };
    if (await queue(db, repository, work, now, clear)) tally.cleared++;
  }
}

/**
 * The service-level marks due at `now`, for every repository whose configuration sets targets: an
 * open issue past a target's warning time gets a warning, past the target a breach, each once (the
 * work engine puts the label on); a warning whose measure was met since gets its label taken off.
 */
export async function planServiceMarks(deps: { db: Db; log: Logger }, now: Date): Promise<Planned> {
  const tally = { marked: 0, cleared: 0 };
  for (const repository of await repositoriesWithTargets(deps.db)) {
    await planRepository(deps.db, repository, now, tally);
  }
  if (tally.marked + tally.cleared > 0) deps.log.info(tally, "service-level marks planned");
  return tally;
}
