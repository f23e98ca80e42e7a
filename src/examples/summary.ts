import { serviceSettingsOf } from "../service-levels/response-times.js";
import { migrate } from "../db/migrate.js";
import { openPglite } from "../db/pglite.js";
import { configSchema, defaultConfig } from "../config/schema.js";
import { satisfactionAlerts } from "../summary/alerts.js";
import { gatherSummary } from "../summary/gather.js";
import type { SummarySubject } from "../summary/gather.js";
import { periodFromKey, postingTime } from "../summary/periods.js";
import { renderSummary, summaryTitle } from "../summary/render.js";
import { DAY } from "./random.js";
import { storeExample } from "./store-example.js";
import { exampleTraffic, SEED, WEEKS } from "./traffic.js";

// docs/example-summary.md: a weekly summary of made-up but plausible traffic, through the real code
// path (migrations, SQL queries, gatherSummary, renderSummary). The traffic comes from a seeded
// pseudo-random generator and only exact arithmetic (no Math.random, no Math.log), so the document
// is the same on every machine; test/docs/example-summary.test.ts holds it to that.

const PERIOD_KEY = "2026-W47";
const ZONE = "UTC";
const INSTALLATION_ID = 31_337;
const REPOSITORY = { id: 90_210, fullName: "acme/widgets", stargazers: 1200 };
const TARGET = {
  installationId: INSTALLATION_ID,
  repositoryId: REPOSITORY.id,
  fullName: REPOSITORY.fullName,
  stargazers: REPOSITORY.stargazers,
};
export const EXAMPLE_MARKER = "<!-- satisfaction-bot:summary:example -->";

/** The example's `.github/satisfaction.yml`: the defaults, two service-level targets, and the knowledge base on. */
const EXAMPLE_CONFIG = configSchema.parse({
  knowledge_base: { enabled: true, faq: ["docs/FAQ.md"] },
  service_levels: {
    targets: [
      { labels: ["bug"], first_response: "1d", resolution: "7d" },
      { labels: ["install"], first_response: "8h" },
    ],
  },
});

/**
 * docs/example-summary.md: a short note, then the body of the summary issue satisfaction-bot would
 * post on Monday 2026-11-23 for the week 2026-W47 of acme/widgets.
 */
export async function exampleSummary(seed = SEED): Promise<string> {
  const period = periodFromKey(PERIOD_KEY, ZONE);
  const now = postingTime(period, "09:00", ZONE);
  const firstDay = new Date(period.start.getTime() - (WEEKS - 1) * 7 * DAY);
  const db = await openPglite(undefined);
  try {
    await migrate(db);
    await storeExample(db, TARGET, exampleTraffic(firstDay, now, seed), now.getTime());
    const subject: SummarySubject = {
      installationId: INSTALLATION_ID,
      name: REPOSITORY.fullName,
      repositories: [REPOSITORY],
      marketDemand: "reporters",
      service: serviceSettingsOf(EXAMPLE_CONFIG.service_levels),
    };
    const figures = await gatherSummary(db, subject, period, ZONE);
    const knowledgeBase = figures.knowledgeBase && { ...figures.knowledgeBase, enabled: EXAMPLE_CONFIG.knowledge_base.enabled };
    const data = { ...figures, alerts: satisfactionAlerts(figures, defaultConfig.summary), ...(knowledgeBase ? { knowledgeBase } : {}) };
    const body = renderSummary(data, { marker: EXAMPLE_MARKER, periodNoun: "week" });
    const note = [
      "# Example: a weekly summary",
      "",
      `The issue satisfaction-bot would open in \`${REPOSITORY.fullName}\` on Monday ${now.toISOString().slice(0, 10)} at 09:00 UTC,`,
      `titled **${summaryTitle(null, period)}**. Generated, not written by hand: \`npm run docs:example\``,
      "(src/examples/summary.ts) stores fourteen weeks of made-up but plausible support traffic, drawn from",
      "a seeded pseudo-random generator so that it never changes, in an in-memory database, and runs the",
      "app's own queries, `gatherSummary` and `renderSummary` on it. The repository's configuration sets",
      "two service-level targets: `bug` issues answered within 1 day and closed within 7, `install` issues",
      "answered within 8 hours, and turns the knowledge base on (`knowledge_base.enabled`, with `docs/FAQ.md`),",
      "whose answers and their ratings are seeded by a fixed rule (src/examples/knowledge.ts); some questions",
      "came in through GitHub Discussions and an email desk reports through the feedback API, by fixed rules",
      "too (src/examples/channels.ts). Below the line:",
      "the issue's body.",
      "",
      "---",
      "",
    ].join("\n");
    return `${note}${body}`;
  } finally {
    await db.close();
  }
}
