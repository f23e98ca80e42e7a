import { describe, expect, it } from "vitest";
import { splitFaq } from "../../src/knowledge/faq-sections.js";
import { mockToken, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { createConfiguredApp, pushPayload } from "../config/support.js";
import { rowsOf } from "../webhooks/support.js";
import { FAQ, mockFaqFile, seedKnowledgeRepository } from "./support.js";

describe("splitFaq", () => {
  it("splits by heading outside code fences, with GitHub's anchors (repeats numbered)", () => {
    const text =
      "Intro line.\n\n## Why? (really)\nBecause.\n### `npm` & [yarn](https://yarnpkg.com)\nBoth work.\n## Why? (really)\nAgain.\n## Empty\n";
    expect(splitFaq("docs/FAQ.md", text)).toEqual([
      { anchor: null, title: "FAQ.md", body: "Intro line." },
      { anchor: "why-really", title: "Why? (really)", body: "Because." },
      { anchor: "npm--yarn", title: "npm & yarn", body: "Both work." },
      { anchor: "why-really-1", title: "Why? (really)", body: "Again." },
    ]);
    expect(splitFaq("docs/FAQ.md", FAQ).map((section) => section.anchor)).toEqual([
      "installing-behind-a-corporate-proxy",
      "exporting-a-report-to-csv",
    ]);
  });
});

const SECTIONS = "SELECT path, anchor, title FROM knowledge_documents WHERE source = 'faq' ORDER BY position";

describe.each(backends)("the FAQ refreshed on push, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("reads the FAQ again when a push to the default branch touches it, and only then", async () => {
    await seedKnowledgeRepository(db());
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockFaqFile("# FAQ\n\n## Old question\n\nOld answer.");
    await receive(probot, "push", pushPayload({ files: { modified: ["docs/FAQ.md"] } }));
    expect(await rowsOf(db(), SECTIONS)).toEqual([{ path: "docs/FAQ.md", anchor: "old-question", title: "Old question" }]);

    // Another branch, another file: nothing is read (no mock).
    await receive(probot, "push", pushPayload({ ref: "refs/heads/feature", files: { modified: ["docs/FAQ.md"] } }));
    await receive(probot, "push", pushPayload({ files: { modified: ["README.md"] } }));

    mockFaqFile();
    await receive(probot, "push", pushPayload({ files: { modified: ["docs/FAQ.md"] } }));
    expect(await rowsOf(db(), SECTIONS)).toEqual([
      { path: "docs/FAQ.md", anchor: "installing-behind-a-corporate-proxy", title: "Installing behind a corporate proxy" },
      { path: "docs/FAQ.md", anchor: "exporting-a-report-to-csv", title: "Exporting a report to CSV" },
    ]);

    // Removed from the default branch: its sections go.
    mockFaqFile("", "docs/FAQ.md", 404);
    await receive(probot, "push", pushPayload({ files: { removed: ["docs/FAQ.md"] } }));
    expect(await rowsOf(db(), SECTIONS)).toEqual([]);
  });

  it("never reads a FAQ for a repository without the knowledge base", async () => {
    await seedKnowledgeRepository(db(), {});
    const { probot } = createConfiguredApp(db());
    await receive(probot, "push", pushPayload({ files: { modified: ["docs/FAQ.md"] } }));
    expect(await rowsOf(db(), "SELECT kind FROM work")).toEqual([]);
  });
});
