import { NEGATIVE_REACTIONS, POSITIVE_REACTIONS } from "./reactions.js";

const EMOJI: Record<string, string> = {
  "+1": "👍",
  heart: "❤️",
  hooray: "🎉",
  rocket: "🚀",
  laugh: "😄",
  "-1": "👎",
  confused: "😕",
};

/** Hidden in the rendered comment; lets a retried post find a comment that was already made. */
export function surveyMarker(surveyId: number): string {
  return `<!-- satisfaction-bot:survey:${surveyId} -->`;
}

/**
 * The survey comment: the repository's own text (`{reporter}` replaced by the mention) or the
 * built-in one (about this issue, or this discussion), then how to answer, which is always added so the reactions mean what the app counts.
 */
export function surveyComment(
  reporterLogin: string,
  surveyId: number,
  message: string | null = null,
  subject: "issue" | "discussion" = "issue",
): string {
  const good = POSITIVE_REACTIONS.map((content) => EMOJI[content]).join(" ");
  const bad = NEGATIVE_REACTIONS.map((content) => EMOJI[content]).join(" ");
  const mention = `@${reporterLogin}`;
  const opening = message
    ? message.includes("{reporter}")
      ? message.replaceAll("{reporter}", mention)
      : `${mention} ${message}`
    : `${mention} thanks for reaching out. How did we do with this ${subject}?`;
  return [
    opening,
    `React to this comment with ${good} if the help was good, or ${bad} if it was not. Only your reaction counts, and we will not ask again.`,
    surveyMarker(surveyId),
  ].join("\n\n");
}
