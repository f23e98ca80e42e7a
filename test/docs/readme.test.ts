import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const readme = read("README.md");

/** Every relative link of a Markdown file, resolved from its folder, anchors dropped. */
function relativeLinks(file: string): string[] {
  const links = [...read(file).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? "");
  return links.filter((link) => !/^(https?:|mailto:|#)/.test(link)).map((link) => path.join(path.dirname(file), link.split("#")[0] ?? ""));
}

describe("README.md", () => {
  it("quotes the demo's summary as the demo writes it, line for line and in order", () => {
    const excerpt = readme
      .split("\n")
      .filter((line) => line.startsWith(">"))
      .map((line) => line.replace(/^> ?/, ""))
      .filter((line) => line.trim() !== "");
    const summary = read("docs/demo-summary.md").split("\n");
    expect(excerpt.length).toBeGreaterThan(10);
    let from = 0;
    for (const line of excerpt) {
      const at = summary.indexOf(line, from);
      expect(at, line).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
  });

  it("gives the two quick-start commands, one to run the app and one to pass the tests, and the demo", () => {
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm ci && npm test");
    expect(readme).toContain("npm run demo");
    expect(JSON.parse(read("package.json")).scripts).toMatchObject({
      start: expect.any(String),
      test: "vitest run",
      demo: expect.any(String),
    });
  });

  it.each([
    "README.md",
    "DEVELOPERS.md",
    ...fs
      .readdirSync(path.join(root, "docs"))
      .filter((name) => name.endsWith(".md"))
      .map((name) => `docs/${name}`),
  ])("%s links only to files that exist", (file) => {
    const missing = relativeLinks(file).filter((target) => !fs.existsSync(path.join(root, target)));
    expect(missing).toEqual([]);
  });
});
