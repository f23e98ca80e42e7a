// Figures as a summary prints them. A missing figure (null, or a number that is not finite) prints
// as `n/a`; a change against a period without the figure prints as `new`. Negative values use the
// real minus sign (U+2212), and a value that rounds to zero never prints with a sign of its own.

const MINUS = "\u2212";

/** `value` is a number worth printing. */
export function known(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** `text` is the rounded magnitude; the sign is added only when the rounded value is not zero. */
function signed(value: number, text: string, zero: boolean, plus: string): string {
  if (zero) return `${plus === "+" ? "±" : ""}${text}`;
  return `${value < 0 ? MINUS : plus}${text}`;
}

function fixed(value: number, digits: number, plus: string): string {
  const text = Math.abs(value).toFixed(digits);
  return signed(value, text, Number(text) === 0, plus);
}

/** `0.4286` → `42.9 %`; null → `n/a`. */
export function formatPercent(ratio: number | null): string {
  return known(ratio) ? `${fixed(ratio * 100, 1, "")} %` : "n/a";
}

/** The change of a ratio in percentage points: `+5.1 pts`, `−2.0 pts`, `±0.0 pts`, `new`, `n/a`. */
export function formatRatioChange(now: number | null, before: number | null): string {
  if (!known(now)) return "n/a";
  if (!known(before)) return "new";
  return `${fixed((now - before) * 100, 1, "+")} pts`;
}

/** `value` with `digits` decimals: `3`, `−1.50`; null → `n/a`. */
export function formatNumber(value: number | null, digits = 0): string {
  return known(value) ? fixed(value, digits, "") : "n/a";
}

/** The change of a count: `+3`, `−1`, `±0`, `new`, `n/a`; against a mean, with `digits` decimals: `+1.5`. */
export function formatCountChange(now: number | null, before: number | null, digits = 0): string {
  if (!known(now)) return "n/a";
  if (!known(before)) return "new";
  return fixed(now - before, digits, "+");
}

/** A relative change as a whole percentage: `+12 %`, `−40 %`, `±0 %`. */
export function formatRelativeChange(relative: number): string {
  return `${fixed(relative * 100, 0, "+")} %`;
}

/** A non-negative number of seconds in its two largest units, rounded: `45 s`, `12 min`, `3 h 12 min`, `2 d 4 h`. */
function magnitude(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return pair(Math.floor(minutes / 60), "h", minutes % 60, "min");
  const hours = Math.round(seconds / 3600);
  return pair(Math.floor(hours / 24), "d", hours % 24, "h");
}

function pair(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}

function duration(seconds: number, plus: string): string {
  const text = magnitude(Math.abs(seconds));
  return signed(seconds, text, text === "0 s", plus);
}

/** A duration given in seconds: `45 s`, `12 min`, `3 h 12 min`, `2 d 4 h`; null → `n/a`. */
export function formatDuration(seconds: number | null): string {
  return known(seconds) ? duration(seconds, "") : "n/a";
}

/** The change of a duration: `+1 h 5 min`, `−20 min`, `±0 s`, `new`, `n/a`. */
export function formatDurationChange(now: number | null, before: number | null): string {
  if (!known(now)) return "n/a";
  if (!known(before)) return "new";
  return duration(now - before, "+");
}
