import type { FaqSection } from "../queries/knowledge-documents.js";

/** A section's text is searched up to this many characters; a FAQ file gives at most this many sections. */
export const SECTION_CHARACTERS = 4000;
export const MAX_SECTIONS = 200;

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, and `-1`, `-2`…
 * after a repeated one (`seen` counts the headings of the file so far).
 */
export function headingAnchor(heading: string, seen: Map<string, number>): string {
  const plain = heading
    .replace(/`([^`]*)`/g, "$1")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
  const times = seen.get(plain) ?? 0;
  seen.set(plain, times + 1);
  return times === 0 ? plain : `${plain}-${times}`;
}

/** A heading's text as read: without inline code marks and link targets. */
const headingText = (heading: string): string => heading.replace(/`([^`]*)`/g, "$1").replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1");

/**
 * A Markdown file split by its headings (any level, outside fenced code): each section is its
 * heading and the text up to the next heading, bounded. The text before the first heading, if any,
 * is a section titled with the file's name, without an anchor. Sections without text are left out.
 */
export function splitFaq(path: string, markdown: string): FaqSection[] {
  const sections: { anchor: string | null; title: string; lines: string[] }[] = [];
  const seen = new Map<string, number>();
  let current = { anchor: null as string | null, title: path.split("/").pop() ?? path, lines: [] as string[] };
  let inFence = false;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    if (FENCE.test(line)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(line);
    if (!heading) {
      current.lines.push(line);
      continue;
    }
    sections.push(current);
    const text = heading[2] ?? "";
    current = { anchor: headingAnchor(text, seen), title: headingText(text).trim(), lines: [] };
  }
  sections.push(current);
  return sections
    .map((section) => ({
      anchor: section.anchor,
      title: section.title,
      body: section.lines.join("\n").trim().slice(0, SECTION_CHARACTERS),
    }))
    .filter((section) => section.body.length > 0)
    .slice(0, MAX_SECTIONS);
}
