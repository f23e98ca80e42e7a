import type { ChannelFigures } from "../model/channels.js";
import { measuresResponses } from "../model/channels.js";
import { formatDuration, formatPercent } from "./format.js";
import type { PeriodNoun } from "./markdown.js";
import { count, table } from "./markdown.js";

// A channel's name is `issues`, `discussions`, or a desk's word checked by the database (`^[a-z][a-z0-9_-]*$`): safe to show as it is.
export const channelName = (channel: string): string => channel.charAt(0).toUpperCase() + channel.slice(1);

// A desk reports no response times: "—", not measured; a GitHub channel without a response yet: n/a.
function firstResponseCell(row: ChannelFigures): string {
  if (!measuresResponses(row.channel)) return "—";
  return row.firstResponse.count === 0 ? "n/a" : formatDuration(row.firstResponse.medianSeconds);
}

/**
 * The period's experiences by channel (GitHub issues, Discussions, each desk), when more than one
 * channel had any: with a single channel the figures table already says it all.
 */
export function channelsSection(channels: readonly ChannelFigures[], noun: PeriodNoun): string | null {
  if (channels.length < 2) return null;
  const rows = channels.map((row) => [
    channelName(row.channel),
    formatPercent(row.satisfaction),
    count(row.total),
    count(row.positive),
    count(row.negative),
    count(row.neutral),
    count(row.pending),
    firstResponseCell(row),
  ]);
  const header = ["Channel", "Satisfaction", "Experiences", "Positive", "Negative", "Neutral", "Pending", "First response (median)"];
  const note = `<sub>Experiences closed this ${noun}, by where they came from. Desks report the experience only: their first response is not measured here (—).</sub>`;
  return ["## By channel", "", table(header, rows), "", note].join("\n");
}
