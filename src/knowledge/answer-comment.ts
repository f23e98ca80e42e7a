import type { KnowledgeMatch } from "../queries/knowledge-search.js";
import { escapeText } from "../summary/markdown.js";

/** Hidden in the rendered comment: a retried post finds the comment an earlier attempt made. */
export function answerMarker(answerId: number): string {
  return `<!-- satisfaction-bot:answer:${answerId} -->`;
}

const EXCERPT_CHARACTERS = 160;

/** One line of a matched text, inert (no mention, HTML or Markdown works in it). */
export function excerptLine(text: string): string {
  const characters = Array.from(text.replace(/\s+/g, " ").trim());
  const line = characters.length <= EXCERPT_CHARACTERS ? characters.join("") : `${characters.slice(0, EXCERPT_CHARACTERS - 1).join("")}…`;
  return escapeText(line);
}

const encodePath = (path: string): string => path.split("/").map(encodeURIComponent).join("/");

/** Where a match lives on the web: an earlier issue, or a FAQ section at its anchor on the default branch. */
export function matchUrl(web: string, repository: { fullName: string; defaultBranch: string | null }, match: KnowledgeMatch): string {
  if (match.source === "issue") return `${web}/${repository.fullName}/issues/${match.issueNumber}`;
  const branch = encodeURIComponent(repository.defaultBranch ?? "HEAD");
  const anchor = match.anchor ? `#${match.anchor}` : "";
  return `${web}/${repository.fullName}/blob/${branch}/${encodePath(match.path ?? "")}${anchor}`;
}

/** A link's text: `#12 Install fails…` for an issue, `FAQ: How do I…` for a section. */
function linkText(match: KnowledgeMatch): string {
  const title = escapeText(match.title);
  return match.source === "issue" ? `#${match.issueNumber} ${title}` : `FAQ: ${title}`;
}

/**
 * The one answer comment: the links (each with a line of what matched), how to say whether it
 * helped, and that a maintainer still answers; a hidden marker at the end.
 */
export function answerComment(answer: { id: number; reporterLogin: string }, links: { match: KnowledgeMatch; url: string }[]): string {
  const lines = links.map(({ match, url }) => {
    const excerpt = excerptLine(match.excerpt);
    return `- [${linkText(match)}](${url})${excerpt ? `: ${excerpt}` : ""}`;
  });
  return [
    `@${answer.reporterLogin} while you wait for a maintainer, ${links.length === 1 ? "this answer" : "these answers"} from this repository may help:`,
    lines.join("\n"),
    "If this solved your problem, react 👍 to this comment; if not, react 👎 and it will be hidden. Only your reaction counts, and a maintainer will still look at your issue.",
    answerMarker(answer.id),
  ].join("\n\n");
}
