/** Hidden in the reply; lets a retried post find a reply that was already made. */
export function followUpMarker(experienceId: number): string {
  return `<!-- satisfaction-bot:follow-up:${experienceId} -->`;
}

/** `follow_up.mention` as mentions: each login, or the one team, with its `@`. */
export function mentions(mention: readonly string[] | string): string[] {
  const names = typeof mention === "string" ? [mention] : mention;
  return names.map((name) => (name.startsWith("@") ? name : `@${name}`));
}

/**
 * The one reply to a negative answer: the repository's own text (`{reporter}` replaced by the
 * mention, or the mention put first) or the built-in one, then the maintainers it mentions, if any.
 */
export function followUpReply(
  reporterLogin: string,
  experienceId: number,
  settings: { message: string | null; mention: readonly string[] | string },
): string {
  const reporter = `@${reporterLogin}`;
  const { message } = settings;
  const opening = message
    ? message.includes("{reporter}")
      ? message.replaceAll("{reporter}", reporter)
      : `${reporter} ${message}`
    : `${reporter} thank you for answering, and sorry this did not go well. What went wrong? A reply here helps us do better.`;
  const team = mentions(settings.mention);
  return [opening, ...(team.length > 0 ? [`cc ${team.join(" ")}`] : []), followUpMarker(experienceId)].join("\n\n");
}
