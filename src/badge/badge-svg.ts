// A shields.io-style flat badge: a grey label on the left, the value on a coloured right half.

// Verdana 11px advance widths (as shields.io measures them) in tenths of a pixel, by groups of characters
// of the same width; anything else counts as a wide letter.
const WIDTH_GROUPS: [characters: string, tenths: number][] = [
  [" .fj", 38],
  ["il", 30],
  ["t", 43],
  ["r", 47],
  ["-", 50],
  ["csz", 58],
  ["kvxy", 65],
  ["ae", 66],
  ["o", 67],
  ["bdgpq", 68],
  ["0123456789hnu", 70],
  ["+\u2212", 81],
  ["w", 90],
  ["m", 107],
  ["%", 108],
];
const WIDTHS = new Map(WIDTH_GROUPS.flatMap(([characters, tenths]) => [...characters].map((char) => [char, tenths] as const)));

const textWidth = (text: string): number => Math.round([...text].reduce((sum, char) => sum + (WIDTHS.get(char) ?? 75), 0) / 10);

const escapeXml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The badge's colour for a satisfaction between −1 and 1, grey without one (shields.io's palette). */
export function badgeColor(satisfaction: number | null): string {
  if (satisfaction === null) return "#9f9f9f";
  if (satisfaction >= 0.6) return "#4c1";
  if (satisfaction >= 0.3) return "#97ca00";
  if (satisfaction >= 0) return "#dfb317";
  if (satisfaction >= -0.3) return "#fe7d37";
  return "#e05d44";
}

/** The SVG of a flat badge `label | message`, sized to its text, with a title for screen readers. */
export function renderBadge(label: string, message: string, color: string): string {
  const [left, right] = [textWidth(label) + 10, textWidth(message) + 10];
  const width = left + right;
  const [labelText, messageText] = [escapeXml(label), escapeXml(message)];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${labelText}: ${messageText}">`,
    `<title>${labelText}: ${messageText}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${color}"/>`,
    `<rect width="${width}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${left / 2}" y="15" fill="#010101" fill-opacity=".3">${labelText}</text><text x="${left / 2}" y="14">${labelText}</text>`,
    `<text x="${left + right / 2}" y="15" fill="#010101" fill-opacity=".3">${messageText}</text><text x="${left + right / 2}" y="14">${messageText}</text>`,
    `</g></svg>`,
  ].join("");
}
