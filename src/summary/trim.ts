// Fitting a summary into GitHub's size limits: sections give way in a set order, whole or item by item.

export const characters = (text: string): number => text.length;
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/**
 * One section of the document. A section with `trim` may give way when the document is too long:
 * sections are trimmed by ascending `order`, each either dropped whole or, with `cut`, shortened to
 * as many of its `items` as fit (the cut text says how many were left out).
 */
export type Section = {
  name: string;
  text: string;
  trim?: { order: number; items?: number; cut?: (keep: number) => string };
};

function assemble(sections: { name: string; text: string | null }[]): string {
  const kept = sections.flatMap((s) => (s.text === null ? [] : [s.text]));
  const dropped = sections.filter((s) => s.text === null).map((s) => s.name);
  if (dropped.length > 0) kept.push(`<sub>Left out to fit GitHub's size limit: ${dropped.join(", ")}.</sub>`);
  return `${kept.join("\n\n")}\n`;
}

/** The longest prefix of `text` that measures at most `limit` (a last resort: never splits a surrogate pair). */
function hardCut(text: string, limit: number, measure: (text: string) => number): string {
  let [low, high] = [0, text.length];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(text.slice(0, middle)) <= limit) low = middle;
    else high = middle - 1;
  }
  const code = text.charCodeAt(low - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? low - 1 : low);
}

/**
 * The sections joined, trimmed until the whole measures at most `limit`: sections with `trim` give way
 * in their order (dropped, or cut to the most items that fit); the others are always kept.
 */
export function trimToLimit(sections: Section[], limit: number, measure: (text: string) => number = characters): string {
  const state = sections.map((s) => ({ name: s.name, text: s.text as string | null }));
  const fits = () => measure(assemble(state)) <= limit;
  if (fits()) return assemble(state);
  const steps = sections.flatMap((s, index) => (s.trim ? [{ index, ...s.trim }] : [])).sort((a, b) => a.order - b.order);
  for (const step of steps) {
    const entry = state[step.index]!;
    if (step.cut && step.items !== undefined && step.items > 0) {
      const cut = step.cut;
      let [low, high] = [0, step.items - 1];
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        entry.text = cut(middle);
        if (fits()) low = middle;
        else high = middle - 1;
      }
      entry.text = cut(low);
    } else {
      entry.text = null;
    }
    if (fits()) return assemble(state);
  }
  return hardCut(assemble(state), limit, measure);
}
