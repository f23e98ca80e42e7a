import { alertSentence } from "../summary/alerts.js";
import { formatPercent, formatRatioChange } from "../summary/format.js";
import { count, decimal, decimalChange, withoutBidiControls } from "../summary/markdown.js";
import type { PeriodNoun } from "../summary/markdown.js";
import type { SatisfactionAlert } from "../summary/alerts.js";
import type { Period, PeriodFigures } from "../summary/types.js";

// Chat messages in Slack's mrkdwn (Mattermost and Rocket.Chat read the same): short, figures only,
// never a person's login or an issue title, and a link to the summary when there is one.

/** What a chat message says about a posted summary. */
export type ChatSubject = {
  /** `owner/repo`, or the organisation's login. */
  subject: string;
  organization: boolean;
  period: Period;
  noun: PeriodNoun;
  /** The summary issue or check run, when it was posted. */
  link: string | null;
};

/** Text made inert for mrkdwn: `&`, `<` and `>` are its only control characters; bidirectional controls are removed. */
export function escapeMrkdwn(text: string): string {
  return withoutBidiControls(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function title(what: string, about: ChatSubject): string {
  const subject = `${escapeMrkdwn(about.subject)}${about.organization ? " (organisation)" : ""}`;
  return `*${what}: ${subject}* · ${escapeMrkdwn(about.period.label)}`;
}

const linkLine = (about: ChatSubject) => (about.link === null ? [] : [`<${about.link}|Read the summary>`]);

function figure(label: string, value: string, change: string): string {
  return change === "n/a" ? `${label} *${value}*` : `${label} *${value}* (${change})`;
}

/** The summary's headline: satisfaction, loyalty and business opportunity with their changes, and the experiences. */
export function summaryChatText(about: ChatSubject, figures: { current: PeriodFigures; previous: PeriodFigures }): string {
  const [now, before] = [figures.current.model, figures.previous.model];
  const headline = [
    figure("Satisfaction", formatPercent(now.satisfaction), formatRatioChange(now.satisfaction, before.satisfaction)),
    figure("Loyalty", formatPercent(now.loyalty), formatRatioChange(now.loyalty, before.loyalty)),
    figure("Business opportunity", decimal(now.businessOpportunity), decimalChange(now.businessOpportunity, before.businessOpportunity)),
  ].join(" · ");
  const experiences = (["positive", "negative", "neutral", "pending"] as const).map((kind) => `${count(now[kind])} ${kind}`);
  return [title("Satisfaction report", about), headline, `Experiences: ${experiences.join(" / ")}`, ...linkLine(about)].join("\n");
}

/** The summary's alerts, one line each. */
export function alertChatText(about: ChatSubject, alerts: readonly SatisfactionAlert[]): string {
  const lines = alerts.map((alert) => alertSentence(alert, about.noun));
  return [`:rotating_light: ${title("Satisfaction alert", about)}`, ...lines, ...linkLine(about)].join("\n");
}
