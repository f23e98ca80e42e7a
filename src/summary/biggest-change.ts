import type { Figure } from "./figures.js";
import { FIGURES } from "./figures.js";
import { known } from "./format.js";
import type { PeriodFigures } from "./types.js";

/** A key figure's move against the previous period; `relative` is null for a move from zero. */
export type Move = { figure: Figure; now: number; before: number; relative: number | null };

/** Relative changes this close are the same size: the order of the table decides. */
const TIE = 1e-9;

/** A move at least this large (relatively) prints as at least `1 %`: anything smaller did not move. */
const MOVED = 0.005;

function size(move: Move): number {
  return move.relative === null ? Number.POSITIVE_INFINITY : Math.abs(move.relative);
}

/**
 * The key figure (those FIGURES that have a `name`) that moved most against the previous period:
 * - a figure without a value in either period is left out (experiences, a count, always has one);
 * - its move is relative: (now − before) / |before|; one that rounds to less than 1 % did not move;
 * - a move from zero (0 before, not 0 now) has no relative size: it counts as larger than any other;
 * - the largest move wins; a tie goes to the figure that comes first in the table;
 * - null when no figure moved.
 */
export function biggestChange(current: PeriodFigures, previous: PeriodFigures): Move | null {
  const moves: Move[] = [];
  for (const figure of FIGURES) {
    const [now, before] = [figure.of(current), figure.of(previous)];
    if (figure.name === undefined || !known(now) || !known(before)) continue;
    if (before === 0) {
      if (now !== 0) moves.push({ figure, now, before, relative: null });
      continue;
    }
    const relative = (now - before) / Math.abs(before);
    if (Math.abs(relative) >= MOVED) moves.push({ figure, now, before, relative });
  }
  return moves.reduce<Move | null>((top, move) => (top === null || size(move) > size(top) + TIE ? move : top), null);
}
