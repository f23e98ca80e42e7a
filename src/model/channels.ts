import type { ChannelCounts } from "../queries/channel-counts.js";
import type { IssueTiming } from "../queries/issue-timings.js";
import type { ServiceSettings } from "../service-levels/response-times.js";
import { firstResponseSeconds } from "../service-levels/response-times.js";
import { durationStats } from "../service-levels/service-figures.js";

/** Median and 90th percentile of a duration in seconds (null when nothing is measured), and how many were measured. */
export type ResponseStats = { medianSeconds: number | null; p90Seconds: number | null; count: number };

/**
 * One channel's share of the model: its experiences, its satisfaction (null without a known one), and
 * the time to first response of its experiences' issues or discussions. A desk reports experiences
 * only, so its first response is never measured (count 0).
 */
export type ChannelFigures = ChannelCounts & { satisfaction: number | null; firstResponse: ResponseStats };

const GITHUB_CHANNELS = new Set(["issues", "discussions"]);

/** Whether the app measures a channel's response times: GitHub's channels yes, a desk (email, chat) no. */
export const measuresResponses = (channel: string): boolean => GITHUB_CHANNELS.has(channel);

export function responseStats(values: readonly (number | null)[]): ResponseStats {
  const stats = durationStats(values);
  return { medianSeconds: stats.median, p90Seconds: stats.p90, count: stats.count };
}

/** The breakdown by channel, from the window's counts and its experiences' timings (each carries its channel). */
export function channelFigures(
  counts: readonly ChannelCounts[],
  timings: readonly IssueTiming[],
  service: ServiceSettings,
): ChannelFigures[] {
  return counts.map((row) => ({
    ...row,
    satisfaction: row.total === 0 ? null : (row.positive - row.negative) / row.total,
    firstResponse: responseStats(
      timings.filter((timing) => timing.channel === row.channel).map((timing) => firstResponseSeconds(service, timing)),
    ),
  }));
}
