import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_REFERENCE_END, CONFIG_REFERENCE_START, configReference } from "../../src/config/reference.js";
import { defaultConfig } from "../../src/config/schema.js";

// The .github/satisfaction.yml reference in docs/configuration.md is generated from the schema;
// these tests fail as soon as the schema changes and the docs were not regenerated.
const docs = fs.readFileSync(new URL("../../docs/configuration.md", import.meta.url), "utf8");
const reference = configReference();

/** The dotted paths of the keys that hold values, read from the parsed defaults (not from the generator). */
function leafPaths(value: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const section = typeof child === "object" && child !== null && !Array.isArray(child);
    return section ? leafPaths(child as Record<string, unknown>, path) : [path];
  });
}

function between(text: string, start: string, end: string): string | null {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1 || to < from) return null;
  return text.slice(from + start.length, to);
}

describe("docs/configuration.md: the .github/satisfaction.yml reference", () => {
  it("holds exactly the reference generated from the schema", () => {
    const section = between(docs, CONFIG_REFERENCE_START, CONFIG_REFERENCE_END);
    expect(section, `docs/configuration.md needs the markers ${CONFIG_REFERENCE_START} and ${CONFIG_REFERENCE_END}`).not.toBeNull();
    expect(section, "docs/configuration.md is out of date with src/config/schema.ts: run `npm run docs:config`").toBe(`\n${reference}`);
  });

  it.each(leafPaths(defaultConfig))("has a row for %s", (path) => {
    const rows = reference.split("\n").filter((line) => line.startsWith(`| \`${path}\` |`));
    expect(rows).toHaveLength(1);
  });

  it("has a row for no key the schema does not have", () => {
    const leaves = leafPaths(defaultConfig);
    const documented = [...reference.matchAll(/^\| `([a-z_.[\]]+)` \|/gm)].map((match) => match[1] as string);
    // The keys inside a key that is null or a list by default (`service_levels.hours.timezone`, `…targets[].labels`).
    const inner = documented.filter((path) => leaves.some((leaf) => path.startsWith(`${leaf}.`) || path.startsWith(`${leaf}[].`)));
    expect(documented.filter((path) => !inner.includes(path)).sort()).toEqual(leaves.sort());
    expect(inner).toEqual(expect.arrayContaining(["service_levels.hours.timezone", "service_levels.targets[].first_response"]));
  });

  it("gives a complete file at the defaults that parses back to them", async () => {
    const { parse } = await import("yaml");
    const yaml = /```yaml\n([\s\S]*?)```/.exec(reference)?.[1];
    expect(yaml).toBeDefined();
    expect(parse(yaml ?? "")).toEqual(defaultConfig);
  });
});
