// The seeded pseudo-random generator behind docs/example-summary.md's traffic (see summary.ts).

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** mulberry32: a small, seeded, well-mixed 32-bit generator; numbers in [0, 1). */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class Random {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = generator(seed);
  }
  /** A number in [low, high). */
  between(low: number, high: number): number {
    return low + (high - low) * this.#next();
  }
  chance(probability: number): boolean {
    return this.#next() < probability;
  }
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.between(0, total);
    for (const [value, weight] of choices) {
      if (roll < weight) return value;
      roll -= weight;
    }
    return choices[choices.length - 1]![0];
  }
  /** A duration in milliseconds, whole seconds: a bucket by weight, then uniform within it. */
  duration(buckets: readonly (readonly [low: number, high: number, weight: number])[]): number {
    const [low, high] = this.weighted(buckets.map(([lo, hi, weight]) => [[lo, hi], weight] as const));
    return Math.round(this.between(low, high) / 1000) * 1000;
  }
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.between(0, i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}
