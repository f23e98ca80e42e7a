import { discussionPath } from "../github/web-url.js";
import type { NegativeExperience } from "../queries/breakdowns.js";
import { channelName } from "./render-channels.js";
import type { PainPoint } from "./types.js";

/**
 * A negative experience as the summary lists it: an issue by its reference (`#12`, or `owner/repo#12`
 * when the summary covers several repositories), a discussion by the same text linked to its page. A
 * desk's by its channel only: the summary may be posted in a public repository, and what a person
 * told an email or chat desk (their identity, the desk's link, their comment) is not GitHub's to show.
 */
export function painPoint(item: NegativeExperience, single: boolean): PainPoint {
  const common = { closedAt: item.closedAt, ...(item.reason === null ? {} : { reason: item.reason }) };
  if (item.number === null) return { reference: `${single ? "" : `${item.fullName} `}${channelName(item.channel)}`, title: "", ...common };
  const text = single ? `#${item.number}` : `${item.fullName}#${item.number}`;
  const reference = item.channel === "discussions" ? `[${text}](${discussionPath(item.fullName, item.number)})` : text;
  return { reference, title: item.title, ...common };
}
