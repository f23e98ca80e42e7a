import type { ChannelFigures } from "../model/channels.js";
import type { Report } from "../model/report.js";
import type { SatisfactionAlert } from "./alerts.js";
import type { FollowUpCounts, LabelBreakdown, ResponderBreakdown } from "../queries/breakdowns.js";
import type { KnowledgeFigures } from "../queries/knowledge-figures.js";
import type { ServiceLevelsSummary } from "../service-levels/attainment.js";
import type { ServiceFigures } from "../service-levels/service-figures.js";

export type Schedule = "daily" | "weekly" | "monthly";

/** One period a summary covers: [start, end) in the configured time zone. */
export type Period = {
  /** `2026-W47`, `2026-11` or `2026-11-23`. */
  key: string;
  schedule: Schedule;
  start: Date;
  end: Date;
  /** For people: `2026-11-16 to 2026-11-22` (end day inclusive), or `2026-11-23` for a day. */
  label: string;
  /** Short label for a chart axis: `W47`, `Nov 2026`, `Nov 23`. */
  shortLabel: string;
  /** The IANA time zone the period is counted in. */
  zone: string;
};

export type PeriodFigures = {
  period: Period;
  model: Pick<
    Report,
    | "total"
    | "pending"
    | "positive"
    | "negative"
    | "neutral"
    | "repeatUsage"
    | "marketDemand"
    | "satisfaction"
    | "loyalty"
    | "businessOpportunity"
  >;
  service: ServiceFigures;
};

/**
 * What each figure is averaged over: the periods before the current one (12, oldest first; the
 * current one is not in its own baseline), and their service figures over that whole window.
 */
export type Baseline = { periods: PeriodFigures[]; service: ServiceFigures };

/**
 * A negative experience of the period: an issue reference (`#12` or `owner/repo#12`), its title,
 * and the reason the reporter gave when the follow-up asked (absent when they gave none); or a desk's
 * by its channel alone (`Email`, no title).
 */
export type PainPoint = { reference: string; title: string; closedAt: Date; reason?: string };

/** Everything one summary shows; rendering is a pure function of it. */
export type SummaryData = {
  /** `owner/repo`, or the organisation's login for an organisation-wide summary. */
  subject: string;
  current: PeriodFigures;
  previous: PeriodFigures;
  /** The last 12 periods, oldest first, the current one last. */
  trend: PeriodFigures[];
  baseline: Baseline;
  painPoints: PainPoint[];
  /** Of the period's negative experiences: how many were followed up, how many gave a reason. */
  followUps?: FollowUpCounts;
  labels: LabelBreakdown[];
  /** The current period's experiences by channel (issues, discussions, each desk). */
  channels?: ChannelFigures[];
  responders: ResponderBreakdown[];
  /** Per-repository rows of an organisation-wide summary (public repositories only when posted in public). */
  repositories?: { fullName: string; figures: PeriodFigures["model"] }[];
  /** Satisfaction below the threshold, or fallen too far since the previous period: shown first. */
  alerts?: SatisfactionAlert[];
  /** The clock response times are on and each service-level target's attainment, when configured. */
  serviceLevels?: ServiceLevelsSummary | undefined;
  /**
   * The knowledge base's answers this period and the previous one; `enabled` when the repository has
   * it on (the section is shown then, or when either period has figures).
   */
  knowledgeBase?: { current: KnowledgeFigures; previous: KnowledgeFigures; enabled: boolean };
  /** A broken configuration to point the maintainer at. */
  configError?: { file: string; line: number | null; message: string } | undefined;
};
