import { formatPercent } from "./format.js";
import type { PeriodNoun } from "./markdown.js";
import type { PeriodFigures } from "./types.js";

/** Why a summary raises an alert: satisfaction below the repository's threshold, or fallen too far. */
export type SatisfactionAlert =
  | { kind: "below_threshold"; satisfaction: number; threshold: number }
  | { kind: "drop"; satisfaction: number; previous: number; drop: number };

/**
 * The alerts of a period: satisfaction below `threshold`, or lower than the previous period's by
 * more than `alert_drop` (a ratio: 0.2 is 20 points). None without a satisfaction to judge.
 */
export function satisfactionAlerts(
  figures: { current: PeriodFigures; previous: PeriodFigures },
  settings: { threshold: number; alert_drop: number },
): SatisfactionAlert[] {
  const satisfaction = figures.current.model.satisfaction;
  const previous = figures.previous.model.satisfaction;
  if (satisfaction === null || !Number.isFinite(satisfaction)) return [];
  const alerts: SatisfactionAlert[] = [];
  if (satisfaction < settings.threshold) alerts.push({ kind: "below_threshold", satisfaction, threshold: settings.threshold });
  // A fall of exactly `alert_drop` (80 % to 60 %) is not more than it, whatever the binary rounding.
  if (previous !== null && Number.isFinite(previous) && previous - satisfaction > settings.alert_drop + 1e-9) {
    alerts.push({ kind: "drop", satisfaction, previous, drop: previous - satisfaction });
  }
  return alerts;
}

/** One alert in a sentence, as the summary and the chat message say it. */
export function alertSentence(alert: SatisfactionAlert, noun: PeriodNoun): string {
  return alert.kind === "below_threshold"
    ? `Satisfaction ${formatPercent(alert.satisfaction)} is below the target of ${formatPercent(alert.threshold)}.`
    : `Satisfaction fell from ${formatPercent(alert.previous)} to ${formatPercent(alert.satisfaction)} since the previous ${noun}.`;
}

/** The alerts as a GitHub alert block at the top of the summary, one line each. */
export function alertBlock(alerts: readonly SatisfactionAlert[], noun: PeriodNoun): string | null {
  if (alerts.length === 0) return null;
  const lines = alerts.map((alert) => `> **${alertSentence(alert, noun)}**`);
  return ["> [!CAUTION]", ...lines.flatMap((line, index) => (index === 0 ? [line] : [">", line]))].join("\n");
}
