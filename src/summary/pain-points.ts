import { discussionPath } from "../github/web-url.js";
import type { NegativeExperience } from "../queries/breakdowns.js";
import { channelName } from "./render-channels.js";
import type { PainPoint } from "./types.js";

const GITHUB_CHANNELS = new Set(["issues", "discussions"]);

// A desk's link, made safe for an autolink: the WHATWG serialisation percent-encodes spaces and angle brackets.
function autolink(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? `<${parsed.href}>` : null;
  } catch {
    return null;
  }
}

/**
 * A negative experience as the summary lists it: an issue by its reference (`#12`, or `owner/repo#12`
 * when the summary covers several repositories), a discussion by the same text linked to it; a desk's
 * by its channel, its link and the comment the desk sent.
 */
export function painPoint(item: NegativeExperience, single: boolean): PainPoint {
  const repository = single ? "" : `${item.fullName} `;
  const common = { closedAt: item.closedAt, ...(item.reason === null ? {} : { reason: item.reason }) };
  if (GITHUB_CHANNELS.has(item.channel) && item.number !== null) {
    const text = single ? `#${item.number}` : `${item.fullName}#${item.number}`;
    const reference = item.channel === "discussions" ? `[${text}](${discussionPath(item.fullName, item.number)})` : text;
    return { reference, title: item.title, ...common };
  }
  const link = item.url === null ? null : autolink(item.url);
  return {
    reference: `${repository}${channelName(item.channel)}${link ? ` ${link}` : ""}`,
    title: "",
    ...common,
    ...(item.comment === null ? {} : { comment: item.comment }),
  };
}
