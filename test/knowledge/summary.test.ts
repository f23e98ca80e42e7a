import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { gatherSummary } from "../../src/summary/gather.js";
import { periodFromKey } from "../../src/summary/periods.js";
import { renderSummary } from "../../src/summary/render.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, REPORTER } from "../helpers/fixtures.js";
import { repositorySubject } from "../summary/support.js";
import { REPO, seedKnowledgeRepository } from "./support.js";

// Week 2026-W45 is [2026-11-02, 2026-11-09). Each issue: when its answer was posted, rated (how), closed, first answered by a maintainer.
const ISSUES = [
  { number: 1, posted: "2026-11-02T09:00Z", rating: "helpful", rated: "2026-11-02T12:00Z", closed: "2026-11-03T08:00Z", response: null },
  {
    number: 2,
    posted: "2026-11-03T09:00Z",
    rating: "helpful",
    rated: "2026-11-04T09:00Z",
    closed: "2026-11-05T09:00Z",
    response: "2026-11-04T08:00Z",
  },
  { number: 3, posted: "2026-11-04T09:00Z", rating: "not_helpful", rated: "2026-11-04T10:00Z", closed: null, response: null },
  { number: 4, posted: "2026-10-30T09:00Z", rating: "helpful", rated: "2026-11-03T09:00Z", closed: "2026-11-06T09:00Z", response: null },
  { number: 5, posted: "2026-11-05T09:00Z", rating: null, rated: null, closed: null, response: null },
  { number: 6, posted: "2026-11-06T09:00Z", rating: "helpful", rated: "2026-11-06T10:00Z", closed: "2026-11-10T09:00Z", response: null },
  {
    number: 7,
    posted: "2026-11-02T10:00Z",
    rating: "helpful",
    rated: "2026-11-02T11:00Z",
    closed: "2026-11-04T09:00Z",
    response: "2026-11-05T09:00Z",
  },
] as const;
// By hand, this week: posted 1, 2, 3, 5, 6, 7 = 6; rated helpful 1, 2, 4, 6, 7 = 5; not helpful 3 = 1;
// deflected (closed this week, helpful, no maintainer reply before the close) 1, 4, 7 = 3 (2 was
// answered before it closed; 6 closes next week). The previous week: posted 4 = 1, nothing else.

async function seed(db: Db) {
  await seedKnowledgeRepository(db);
  for (const issue of ISSUES) {
    await db.query(
      `INSERT INTO issues (installation_id, repository_id, number, reporter_id, reporter_login, reporter_type, author_association, state,
         opened_at, closed_at, first_response_at, first_responder_login, state_changed_at, title)
       VALUES ($1, $2, $3, $4, $5, 'User', 'NONE', $6, $7::timestamptz - interval '1 minute', $8, $9, $10, $7, 'A question')`,
      [
        INSTALLATION_ID,
        REPO.id,
        issue.number,
        REPORTER.id,
        REPORTER.login,
        issue.closed ? "closed" : "open",
        issue.posted,
        issue.closed,
        issue.response,
        issue.response ? "Codertocat" : null,
      ],
    );
    await db.query(
      `INSERT INTO knowledge_answers (installation_id, repository_id, issue_number, reporter_id, status, query_key, comment_id, posted_at,
         window_ends_at, rating, rated_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 'k', $9, $6, $6::timestamptz + interval '14 days', $7, $8, $6)`,
      [
        INSTALLATION_ID,
        REPO.id,
        issue.number,
        REPORTER.id,
        issue.rating ? "ended" : "posted",
        issue.posted,
        issue.rating,
        issue.rated,
        9000 + issue.number,
      ],
    );
  }
}

const subject = repositorySubject(REPO);

describe.each(backends)("the knowledge base in the summary, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("counts answers posted, rated helpful and not, and deflected issues, this week and the previous one", async () => {
    await seed(db());
    const data = await gatherSummary(db(), subject, periodFromKey("2026-W45", "UTC"), "UTC");
    expect(data.knowledgeBase).toEqual({
      current: { posted: 6, helpful: 5, notHelpful: 1, deflected: 3 },
      previous: { posted: 1, helpful: 0, notHelpful: 0, deflected: 0 },
      enabled: false,
    });
    const body = renderSummary(data, { marker: "<!-- m -->", periodNoun: "week" });
    expect(body).toContain(
      [
        "## Knowledge-base answers",
        "",
        "| Figure | This week | Previous week |",
        "|---|--:|--:|",
        "| Answers posted | 6 | 1 |",
        "| Rated helpful (👍) | 5 | 0 |",
        "| Rated not helpful (👎, hidden) | 1 | 0 |",
        "| Deflected: closed after a helpful answer, without a maintainer's reply | 3 | 0 |",
      ].join("\n"),
    );
  });

  it("shows the section when the knowledge base is on, and not when it is off without answers", async () => {
    await seedKnowledgeRepository(db());
    const data = await gatherSummary(db(), subject, periodFromKey("2026-W45", "UTC"), "UTC");
    const render = (enabled: boolean) =>
      renderSummary({ ...data, knowledgeBase: { ...data.knowledgeBase!, enabled } }, { marker: "<!-- m -->", periodNoun: "week" });
    expect(render(false)).not.toContain("## Knowledge-base answers");
    expect(render(true)).toContain("| Answers posted | 0 | 0 |");
  });
});
