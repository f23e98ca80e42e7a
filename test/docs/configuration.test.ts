import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema } from "../../src/env.js";

// The reference cannot drift from the schema: every variable the app reads is documented.
const variables = Object.keys(envSchema.shape);
const reference = fs.readFileSync(new URL("../../docs/configuration.md", import.meta.url), "utf8");
const example = fs.readFileSync(new URL("../../.env.example", import.meta.url), "utf8");

describe("docs/configuration.md", () => {
  it.each(variables)("has a row for %s", (name) => {
    expect(reference).toMatch(new RegExp(`^\\| \`${name}\` \\|`, "m"));
  });

  it("documents no variable the app does not read", () => {
    const documented = [...reference.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...variables].sort());
  });

  it.each(variables.filter((name) => name !== "NODE_ENV"))(".env.example names %s", (name) => {
    expect(example).toMatch(new RegExp(`^#? ?${name}=`, "m"));
  });
});
