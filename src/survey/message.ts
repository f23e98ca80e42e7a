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

export function surveyComment(reporterLogin: string, surveyId: number): string {
  const good = POSITIVE_REACTIONS.map((content) => EMOJI[content]).join(" ");
  const bad = NEGATIVE_REACTIONS.map((content) => EMOJI[content]).join(" ");
  return [
    `@${reporterLogin} thanks for reaching out. How did we do with this issue?`,
    `React to this comment with ${good} if the help was good, or ${bad} if it was not. Only your reaction counts, and we will not ask again.`,
    surveyMarker(surveyId),
  ].join("\n\n");
}
