import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_MARKER, exampleSummary } from "../../src/examples/summary.js";

// docs/example-summary.md is generated from seeded traffic through the real queries and renderer:
// it must be exactly what the generator gives today, so a change of the summary shows up in the docs.
const docs = fs.readFileSync(new URL("../../docs/example-summary.md", import.meta.url), "utf8");

describe("docs/example-summary.md", () => {
  let generated = "";
  beforeAll(async () => {
    generated = await exampleSummary();
  }, 60_000);

  it("is what the generator gives", () => {
    expect(docs, "docs/example-summary.md is out of date: run `npm run docs:example`").toBe(generated);
  });

  it("is reproducible: a second run gives the same document", async () => {
    expect(await exampleSummary()).toBe(generated);
  }, 60_000);

  it("holds a rendered summary with its marker and a Mermaid chart of the trend", () => {
    expect(generated).toContain(EXAMPLE_MARKER);
    expect(generated).toMatch(/```mermaid\nxychart-beta\n[\s\S]*?\n {2}line \[[-\d., ]+\]\n```/);
    for (const section of ["## Figures", "## Trend", "## Pain points", "## By label", "## By responder"]) {
      expect(generated).toContain(section);
    }
  });

  it("shows no broken figure", () => {
    expect(generated).not.toMatch(/NaN|undefined|Infinity|\bnull\b|\[object /);
    expect(generated).not.toContain("n/a");
  });
});
