import { LineCounter, parseDocument } from "yaml";

/** The 1-based line of a key path in a YAML text, or of the nearest parent that exists. */
export function lineOf(text: string, path: readonly (string | number)[]): number | null {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return null;
}

type Layer = Record<string, unknown>;

const isObject = (value: unknown): value is Layer => typeof value === "object" && value !== null && !Array.isArray(value);

/** Merges configuration layers, later ones winning; objects merge key by key, arrays are replaced. */
export function mergeLayers(layers: readonly Layer[]): Layer {
  const merged: Layer = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      merged[key] = isObject(value) && isObject(merged[key]) ? mergeLayers([merged[key] as Layer, value]) : value;
    }
  }
  return merged;
}

/** Whether a configuration layer sets a value at this path (keys of objects, indexes of lists). */
export function hasPath(layer: Layer, path: readonly (string | number)[]): boolean {
  let current: unknown = layer;
  for (const key of path) {
    if (typeof current !== "object" || current === null || !(String(key) in current)) return false;
    current = (current as Record<string, unknown>)[String(key)];
  }
  return true;
}
