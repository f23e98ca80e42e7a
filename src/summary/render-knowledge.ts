import type { KnowledgeFigures } from "../queries/knowledge-figures.js";
import type { PeriodNoun } from "./markdown.js";
import { count, table } from "./markdown.js";
import type { SummaryData } from "./types.js";

const ROWS: [string, (figures: KnowledgeFigures) => number][] = [
  ["Answers posted", (f) => f.posted],
  ["Rated helpful (👍)", (f) => f.helpful],
  ["Rated not helpful (👎, hidden)", (f) => f.notHelpful],
  ["Deflected: closed after a helpful answer, without a maintainer's reply", (f) => f.deflected],
];

const hasFigures = (figures: KnowledgeFigures): boolean => ROWS.some(([, of]) => of(figures) > 0);

/**
 * The knowledge base held to account, when the repository has it on or it answered in the period:
 * answers posted, how their reporters rated them, and the issues they deflected. Null otherwise.
 */
export function knowledgeSection(data: SummaryData, noun: PeriodNoun): string | null {
  const kb = data.knowledgeBase;
  if (!kb || (!kb.enabled && !hasFigures(kb.current))) return null;
  const rows = ROWS.map(([label, of]) => [label, count(of(kb.current)), count(of(kb.previous))]);
  return [
    "## Knowledge-base answers",
    "",
    table(["Figure", `This ${noun}`, `Previous ${noun}`], rows),
    "",
    `<sub>Ratings are the reporters' own reactions to the answer comment. The app never closes an issue.</sub>`,
  ].join("\n");
}
