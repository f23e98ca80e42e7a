import fs from "node:fs";

export type Instruction = { keyword: string; args: string };
export type Stage = { from: string; name: string | undefined; instructions: Instruction[] };

export const root = new URL("../../", import.meta.url);

/**
 * The Dockerfile's stages, each with its instructions (keyword upper-cased, line continuations
 * joined, comments and the parser directive left out). Enough of Docker's grammar for the tests:
 * no heredocs, no escape directive.
 */
export function readStages(file = "Dockerfile"): Stage[] {
  const text = fs.readFileSync(new URL(file, root), "utf8");
  const logical = text
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    if (instruction.keyword === "FROM") {
      const [from = "", as, name] = rest;
      stages.push({ from, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
      continue;
    }
    stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** The stage at `index` (-1: the last, the runtime), failing the test when there is none. */
export function stageAt(index: number, stages = readStages()): Stage {
  const found = stages.at(index);
  if (!found) throw new Error(`the Dockerfile has no stage ${index}`);
  return found;
}

/** The arguments of every `keyword` instruction of a stage, in order. */
export function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
}

/** The `KEY=value` pairs an ENV instruction sets (the forms this Dockerfile uses: unquoted values). */
export function envOf(stage: Stage): Record<string, string> {
  const pairs = argsOf(stage, "ENV").flatMap((args) => args.split(/\s+/));
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
}

/** The exec form of CMD or HEALTHCHECK's CMD: the JSON array after the options. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf("["));
  return JSON.parse(json) as string[];
}
