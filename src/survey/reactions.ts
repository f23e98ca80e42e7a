import type { Outcome } from "../queries/surveys.js";

export const POSITIVE_REACTIONS = ["+1", "heart", "hooray", "rocket", "laugh"] as const;
export const NEGATIVE_REACTIONS = ["-1", "confused"] as const;

export type Reaction = { content: string; user: { id: number } | null; created_at: string };

const positive = new Set<string>(POSITIVE_REACTIONS);
const negative = new Set<string>(NEGATIVE_REACTIONS);

/**
 * The reporter's answer, from all the reactions on the survey comment: anyone else's reactions are
 * ignored, and so is a reaction made after the window. Positive and negative together make a
 * neutral answer; null means no answer yet.
 */
export function reporterAnswer(
  reactions: readonly Reaction[],
  reporterId: number,
  windowEndsAt: Date,
): { outcome: Outcome; at: Date } | null {
  const votes = reactions.filter(
    (reaction) =>
      reaction.user?.id === reporterId &&
      (positive.has(reaction.content) || negative.has(reaction.content)) &&
      Date.parse(reaction.created_at) <= windowEndsAt.getTime(),
  );
  if (votes.length === 0) return null;
  const hasPositive = votes.some((vote) => positive.has(vote.content));
  const hasNegative = votes.some((vote) => negative.has(vote.content));
  const outcome: Outcome = hasPositive && hasNegative ? "neutral" : hasPositive ? "positive" : "negative";
  const at = new Date(Math.min(...votes.map((vote) => Date.parse(vote.created_at))));
  return { outcome, at };
}
