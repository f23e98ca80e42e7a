import { describe, expect, it } from "vitest";
import { DEFAULT_MIN_SCORE, SEARCH_LANGUAGES } from "../../src/config/knowledge-base-schema.js";
import type { Db } from "../../src/db/types.js";
import { alignLanguage } from "../../src/queries/knowledge-documents.js";
import { queryLexemes, searchKnowledge } from "../../src/queries/knowledge-search.js";
import { backends, useDatabase } from "../helpers/db.js";
import { REF, seedEarlierIssue, seedKnowledgeRepository } from "./support.js";

// Earlier support issues of a repository, all closed with a positive experience: the calibration
// corpus of DEFAULT_MIN_SCORE (src/config/knowledge-base-schema.ts).
const EARLIER = [
  [
    "Install fails with EACCES permission denied on global npm install",
    "When I run npm install -g widgets I get EACCES: permission denied, mkdir '/usr/local/lib/node_modules'. Using sudo works but feels wrong. Fixed by setting npm prefix to a directory in my home.",
  ],
  [
    "Proxy settings ignored behind corporate firewall",
    "The CLI does not use the HTTPS_PROXY environment variable, so every request times out behind our corporate proxy. Setting proxy in the config file worked.",
  ],
  [
    "Dark mode colours unreadable in the dashboard",
    "With the dark theme, the chart labels are black on dark grey and impossible to read. Please fix the contrast.",
  ],
  [
    "Memory leak when watching large folders",
    "Running widgets watch on a folder with 50000 files makes memory grow until the process crashes with heap out of memory.",
  ],
  [
    "How do I export a report to CSV?",
    "I need the weekly report as a CSV file for Excel. Is there an export option or a command line flag?",
  ],
  [
    "TypeError: cannot read properties of undefined (reading 'map') on startup",
    "After upgrading to 3.2 the app crashes at startup with TypeError cannot read properties of undefined reading map in config loader.",
  ],
  [
    "Docker image fails to start on ARM64",
    "The official docker image exits with exec format error on a Raspberry Pi and on Apple silicon. Is there an arm64 build?",
  ],
  [
    "Login with SSO redirects forever",
    "After enabling SAML single sign-on the login page keeps redirecting in a loop between the identity provider and the app.",
  ],
] as const;

// New issues: the earlier issue that answers each (by number, 101 + its index), or none.
const NEW_ISSUES: [number | null, string][] = [
  [
    101,
    "npm install -g gives permission denied EACCES\nTrying to install globally on Ubuntu and npm says EACCES permission denied. What should I do?",
  ],
  [102, "Requests time out behind proxy\nAt work we have a corporate proxy and the CLI ignores HTTPS_PROXY so all requests time out."],
  [105, "Export report as CSV\nIs it possible to export the report to a csv file?"],
  [107, "exec format error with docker on raspberry pi\ndocker run fails with exec format error on my raspberry pi 4 (arm64)"],
  [
    106,
    "Crash after upgrade: cannot read properties of undefined\nSince 3.2 the app crashes on startup: TypeError: Cannot read properties of undefined (reading 'map'). I did not change my config file.",
  ],
  [
    null,
    "Add support for YAML output\nIt would be great if the report could be written as YAML in addition to JSON. Thanks for the great tool! I use it every day at work and the team loves it.",
  ],
  [null, "Typo in README\nThe README says 'recieve' instead of 'receive' in the second paragraph."],
  [
    null,
    "Feature request: keyboard shortcuts\nPlease add keyboard shortcuts for the most common actions in the dashboard, like opening a new report or switching the theme.",
  ],
  [
    null,
    "Slow start on Windows\nThe app takes about 30 seconds to start on Windows 11 while on Linux it is instant. I have an SSD and 16 GB of memory. Is that expected? The folder I watch is small.",
  ],
  [
    null,
    "Question about the license\nCan I use widgets in a commercial product? The license file says MIT but the website mentions a commercial license for teams.",
  ],
];

async function search(db: Db, text: string, options: { language?: string; minScore?: number; issueNumber?: number } = {}) {
  const language = options.language ?? "english";
  const query = await queryLexemes(db, language, text);
  const matches = await searchKnowledge(db, {
    ...REF,
    issueNumber: options.issueNumber ?? 500,
    ...query,
    language,
    minScore: options.minScore ?? DEFAULT_MIN_SCORE,
    limit: 3,
  });
  return { query, matches };
}

describe.each(backends)("knowledge-base search on $name", ({ create }) => {
  const { db } = useDatabase(create);

  async function seedCorpus() {
    await seedKnowledgeRepository(db());
    for (const [index, [title, body]] of EARLIER.entries()) await seedEarlierIssue(db(), { number: 101 + index, title, body });
  }

  it.each(NEW_ISSUES.map(([expected, text]) => ({ expected, text, title: text.split("\n")[0] })))(
    "ranks the right earlier issue first, above the default score, or none: $title",
    async ({ expected, text }) => {
      await seedCorpus();
      const { matches } = await search(db(), text);
      expect(matches.map((match) => match.issueNumber).slice(0, 1)).toEqual(expected === null ? [] : [expected]);
      for (const match of matches) expect(match.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
      if (expected !== null) expect(matches[0]!.excerpt.length).toBeGreaterThan(0);
    },
  );

  it("never links an open issue, one without a positive experience, or the issue itself", async () => {
    await seedKnowledgeRepository(db());
    const [title, body] = EARLIER[1];
    await seedEarlierIssue(db(), { number: 1, title, body, state: "open", outcome: "positive" });
    await seedEarlierIssue(db(), { number: 2, title, body, outcome: "negative" });
    await seedEarlierIssue(db(), { number: 3, title, body, outcome: "neutral" });
    await seedEarlierIssue(db(), { number: 4, title, body, outcome: null });
    await seedEarlierIssue(db(), { number: 5, title, body });
    const text = `${title}\n${body}`;
    expect((await search(db(), text)).matches.map((match) => match.linkKey)).toEqual(["issue:5"]);
    expect((await search(db(), text, { issueNumber: 5 })).matches).toEqual([]);
    // A later negative answer on the same issue (closed again) takes it out.
    await db().query("UPDATE experiences SET closed_at = '2026-10-25T00:00:00Z' WHERE issue_number = 2");
    await db().query("UPDATE experiences SET closed_at = '2026-10-01T00:00:00Z' WHERE issue_number = 5");
    await seedEarlierIssue(db(), { number: 6, title, body, outcome: "positive" });
    await db().query("UPDATE experiences SET outcome = 'negative', closed_at = '2026-10-30T00:00:00Z' WHERE issue_number = 6");
    expect((await search(db(), text)).matches.map((match) => match.linkKey)).toEqual(["issue:5"]);
  });

  it("searches in the configured language: stems in english, not in simple", async () => {
    await seedKnowledgeRepository(db());
    await seedEarlierIssue(db(), {
      number: 7,
      title: "Installation of plugins",
      body: "Plugins installed from the registry fail to load.",
    });
    const text = "installing plugin\nhow do I install a plugin";
    expect((await search(db(), text)).matches.map((match) => match.linkKey)).toEqual(["issue:7"]);
    expect((await search(db(), text, { language: "simple" })).query.lexemes).toEqual([
      "a",
      "do",
      "how",
      "i",
      "install",
      "installing",
      "plugin",
    ]);
    await alignLanguage(db(), REF, "simple");
    expect((await search(db(), text, { language: "simple", minScore: 0 })).matches).toEqual([]);
    await alignLanguage(db(), REF, "english");
    expect((await search(db(), text)).matches.map((match) => match.linkKey)).toEqual(["issue:7"]);
  });

  it("does not offer a link again for a query it was rejected for; another query still gets it", async () => {
    await seedCorpus();
    const text = NEW_ISSUES[2]![1];
    const { query } = await search(db(), text);
    await db().query(
      `INSERT INTO knowledge_answers (installation_id, repository_id, issue_number, reporter_id, status, query_key, links, created_at)
       VALUES ($1, $2, 101, 1, 'ended', $3, '[{"key": "issue:105"}]', now()) RETURNING id`,
      [REF.installationId, REF.repositoryId, query.queryKey],
    );
    await db().query(
      `INSERT INTO knowledge_rejections (installation_id, repository_id, query_key, link_key, answer_id, rejected_at)
       SELECT installation_id, repository_id, query_key, 'issue:105', id, now() FROM knowledge_answers`,
    );
    expect((await search(db(), text)).matches.map((match) => match.linkKey)).not.toContain("issue:105");
    expect((await search(db(), `${text} Thanks!`)).matches.map((match) => match.linkKey)[0]).toBe("issue:105");
  });

  it("has every text-search configuration the schema accepts", async () => {
    const { rows } = await db().query<{ cfgname: string }>("SELECT cfgname FROM pg_ts_config");
    expect(rows.map((row) => row.cfgname)).toEqual(expect.arrayContaining([...SEARCH_LANGUAGES]));
  });
});
