import type { Duration } from "../config/service-levels-schema.js";
import type { ServiceLevelsSummary, TargetAttainment } from "../service-levels/attainment.js";
import { MEASURE_WORDS } from "../service-levels/targets.js";
import { formatDuration, formatPercent } from "./format.js";
import type { PeriodNoun } from "./markdown.js";
import { codeSpan, count, table } from "./markdown.js";

const DAY_NAMES = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" } as const;

const written = (duration: Duration | null): string => (duration ? `${duration.amount}${duration.unit}` : "—");

/** Which clock the summary's times are on, what stops it, and whose comment is a first response. */
export function clockLine({ clock: settings }: ServiceLevelsSummary): string {
  const { hours } = settings.clock;
  const days = hours?.holidays.length ?? 0;
  const holidays = days > 0 ? `, ${count(days)} ${days === 1 ? "holiday" : "holidays"} left out` : "";
  const clock = hours
    ? `Times count business hours only: ${hours.days.map((day) => DAY_NAMES[day]).join(", ")} ${hours.start}–${hours.end} (${hours.timezone})${holidays}.`
    : "Times count every hour (the calendar clock).";
  const pause =
    settings.pauseLabels.length > 0 ? ` They stop while an issue is labelled ${settings.pauseLabels.map(codeSpan).join(" or ")}.` : "";
  const responders =
    settings.responders === "anyone"
      ? " A first response is the first comment by anyone but the reporter and bots."
      : " A first response is the first comment by the repository's owner, a member or a collaborator.";
  return `${clock}${pause}${responders}`;
}

function breachLines(target: TargetAttainment): string[] {
  return target.breaches.map((breach) => {
    const missed = breach.measures.map(
      (m) => `${MEASURE_WORDS[m.measure]} ${formatDuration(m.elapsedSeconds)} (target ${formatDuration(m.limitSeconds)})`,
    );
    return `- ${breach.reference} ${codeSpan(target.target)}: ${missed.join(", ")}`;
  });
}

/** The clock, each target's attainment over the issues closed in the period, and the breaches with links. */
export function serviceLevelsSection(levels: ServiceLevelsSummary, noun: PeriodNoun): string {
  const parts = ["## Service levels", "", clockLine(levels)];
  if (levels.targets.length === 0) return parts.join("\n");
  const header = ["Target", "First response", "Resolution", "Issues measured", "Met", "Breached", "Attainment"];
  const rows = levels.targets.map((t) => [
    codeSpan(t.target),
    written(t.firstResponse),
    written(t.resolution),
    count(t.measured),
    count(t.met),
    count(t.breached),
    formatPercent(t.attainment),
  ]);
  const breaches = levels.targets.flatMap(breachLines);
  const closing = breaches.length === 0 ? [`No target was breached by an issue closed this ${noun}.`] : ["Breaches:", "", ...breaches];
  return [...parts, "", table(header, rows), "", ...closing].join("\n");
}
