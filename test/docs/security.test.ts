import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const security = read("docs/security.md");

type Citation = { file: string; name: string };

/** Every test docs/security.md cites: `test/….test.ts` followed by one or more “name” fragments. */
function citations(text: string): Citation[] {
  const cited = [...text.matchAll(/`(test\/[^`]+\.test\.ts)`((?:,?\s*“[^”]+”)+)/g)];
  return cited.flatMap((match) =>
    [...(match[2] ?? "").matchAll(/“([^”]+)”/g)].map((name) => ({ file: match[1] ?? "", name: name[1] ?? "" })),
  );
}

describe("docs/security.md", () => {
  const cited = citations(security);

  it("names, for every promise, the tests that keep it", () => {
    const promises = security.split("\n").filter((line) => /^\| \d+ \|/.test(line));
    expect(promises.length).toBeGreaterThan(20);
    const untested = promises.filter((line) => citations(line).length === 0);
    expect(untested).toEqual([]);
  });

  it("cites only test files that exist, and test names found in them", () => {
    expect(cited.length).toBeGreaterThan(20);
    const missing = cited.filter(({ file, name }) => !fs.existsSync(path.join(root, file)) || !read(file).includes(name));
    expect(missing).toEqual([]);
  });

  it("is linked from the README", () => {
    expect(read("README.md")).toContain("(docs/security.md)");
  });
});
