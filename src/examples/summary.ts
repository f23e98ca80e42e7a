import { serviceSettingsOf } from "../service-levels/response-times.js";
import { migrate } from "../db/migrate.js";
import { openPglite } from "../db/pglite.js";
import type { Queryable } from "../db/types.js";
import { configSchema, defaultConfig } from "../config/schema.js";
import { satisfactionAlerts } from "../summary/alerts.js";
import { gatherSummary } from "../summary/gather.js";
import type { SummarySubject } from "../summary/gather.js";
import { periodFromKey, postingTime } from "../summary/periods.js";
import { renderSummary, summaryTitle } from "../summary/render.js";
import { NO_FOLLOW_UP, followUpOf } from "./follow-ups.js";
import { storeOtherChannels } from "./channels.js";
import { deflected, storeKnowledgeAnswers } from "./knowledge.js";
import { DAY } from "./random.js";
import { exampleTraffic, SEED, WEEKS } from "./traffic.js";
import { REPORTERS } from "./vocabulary.js";
import type { IssueRow } from "./traffic.js";

// docs/example-summary.md: a weekly summary of made-up but plausible traffic, through the real code
// path (migrations, SQL queries, gatherSummary, renderSummary). The traffic comes from a seeded
// pseudo-random generator and only exact arithmetic (no Math.random, no Math.log), so the document
// is the same on every machine; test/docs/example-summary.test.ts holds it to that.

const PERIOD_KEY = "2026-W47";
const ZONE = "UTC";
const INSTALLATION_ID = 31_337;
const REPOSITORY = { id: 90_210, fullName: "acme/widgets", stargazers: 1200 };
export const EXAMPLE_MARKER = "<!-- satisfaction-bot:summary:example -->";

const iso = (time: number | null): string | null => (time === null ? null : new Date(time).toISOString());

const reporterIdOf = (issue: IssueRow): number => 5_100_000 + issue.reporter * 7919;

async function store(db: Queryable, issues: IssueRow[], now: number): Promise<void> {
  await db.query("INSERT INTO installations (id, account_login, account_type) VALUES ($1, 'acme', 'Organization')", [INSTALLATION_ID]);
  await db.query(
    `INSERT INTO repositories (installation_id, id, full_name, private, stargazers_count, default_branch)
     VALUES ($1, $2, $3, false, $4, 'main')`,
    [INSTALLATION_ID, REPOSITORY.id, REPOSITORY.fullName, REPOSITORY.stargazers],
  );
  let commentId = 2_400_000_000;
  let negatives = 0;
  for (const each of issues) {
    const issue = deflected(each, now) ? { ...each, firstResponseAt: null, responder: null } : each;
    const login = REPORTERS[issue.reporter]!;
    const reporterId = reporterIdOf(issue);
    const lastChange = Math.max(issue.openedAt, issue.closedAt ?? 0, ...issue.reopenedAt);
    await db.query(
      `INSERT INTO issues (installation_id, repository_id, number, reporter_id, reporter_login, reporter_type, author_association,
         labels, state, state_reason, opened_at, closed_at, first_response_at, first_responder_login, reopen_count, reopened_at,
         state_changed_at, title)
       VALUES ($1, $2, $3, $4, $5, 'User', 'NONE', $6::text[], $7, $8, $9, $10, $11, $12, $13, $14::timestamptz[], $15, $16)`,
      [
        INSTALLATION_ID,
        REPOSITORY.id,
        issue.number,
        reporterId,
        login,
        issue.labels,
        issue.closedAt === null ? "open" : "closed",
        issue.stateReason,
        iso(issue.openedAt),
        iso(issue.closedAt),
        iso(issue.firstResponseAt),
        issue.responder,
        issue.reopenedAt.length,
        issue.reopenedAt.map(iso),
        iso(lastChange),
        issue.title,
      ],
    );
    for (const s of issue.surveys) {
      const askedAt = s.closedAt + 4000;
      const created = await db.query<{ id: number }>(
        `INSERT INTO surveys (installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status, comment_id,
           asked_at, window_ends_at, poll_count, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          INSTALLATION_ID,
          REPOSITORY.id,
          issue.number,
          iso(s.closedAt),
          reporterId,
          login,
          s.status,
          commentId++,
          iso(askedAt),
          iso(askedAt + 14 * DAY),
          s.status === "cancelled" ? 1 : 3,
          iso(s.endedAt),
        ],
      );
      if (s.outcome === null) continue;
      const followUp = s.outcome === "negative" ? followUpOf(negatives++, s.answeredAt ?? s.closedAt, commentId++) : NO_FOLLOW_UP;
      await db.query(
        `INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome, answered_at,
           followed_up_at, follow_up_comment_id, reason, reason_comment_id, reason_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          INSTALLATION_ID,
          REPOSITORY.id,
          issue.number,
          created.rows[0]?.id,
          reporterId,
          iso(s.closedAt),
          s.outcome,
          iso(s.answeredAt),
          ...followUp,
        ],
      );
    }
  }
  const target = { installationId: INSTALLATION_ID, repositoryId: REPOSITORY.id };
  await storeKnowledgeAnswers(db, target, issues, reporterIdOf, now);
  await storeOtherChannels(
    db,
    target,
    issues,
    issues.reduce((first, issue) => Math.min(first, issue.openedAt), now),
    now,
  );
}

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
    await store(db, exampleTraffic(firstDay, now, seed), now.getTime());
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
