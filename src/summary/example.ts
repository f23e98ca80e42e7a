import { migrate } from "../db/migrate.js";
import { openPglite } from "../db/pglite.js";
import type { Queryable } from "../db/types.js";
import { gatherSummary } from "./gather.js";
import type { SummarySubject } from "./gather.js";
import { periodFromKey, postingTime } from "./periods.js";
import { renderSummary, summaryTitle } from "./render.js";

// docs/example-summary.md: a weekly summary of made-up but plausible traffic, through the real code
// path (migrations, SQL queries, gatherSummary, renderSummary). The traffic comes from a seeded
// pseudo-random generator and only exact arithmetic (no Math.random, no Math.log), so the document
// is the same on every machine; test/docs/example-summary.test.ts holds it to that.

const PERIOD_KEY = "2026-W47";
const ZONE = "UTC";
const WEEKS = 14;
/**
 * Chosen, among the seeds of this traffic model, for a week a maintainer recognises: satisfaction
 * near 55 %, two pain points, every label, three responders, a few surveys still pending, and the
 * dip of the two weeks the fastest responder was away.
 */
const SEED = 8881;
const INSTALLATION_ID = 31_337;
const REPOSITORY = { id: 90_210, fullName: "acme/widgets", stargazers: 1200 };
export const EXAMPLE_MARKER = "<!-- satisfaction-bot:summary:example -->";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** mulberry32: a small, seeded, well-mixed 32-bit generator; numbers in [0, 1). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Random {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = generator(seed);
  }
  /** A number in [low, high). */
  between(low: number, high: number): number {
    return low + (high - low) * this.#next();
  }
  chance(probability: number): boolean {
    return this.#next() < probability;
  }
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.between(0, total);
    for (const [value, weight] of choices) {
      if (roll < weight) return value;
      roll -= weight;
    }
    return choices[choices.length - 1]![0];
  }
  /** A duration in milliseconds, whole seconds: a bucket by weight, then uniform within it. */
  duration(buckets: readonly (readonly [low: number, high: number, weight: number])[]): number {
    const [low, high] = this.weighted(buckets.map(([lo, hi, weight]) => [[lo, hi], weight] as const));
    return Math.round(this.between(low, high) / 1000) * 1000;
  }
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.between(0, i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

type Label = "bug" | "question" | "install" | "performance" | "docs";

const TITLES: Record<Label, readonly string[]> = {
  bug: [
    "DatePicker loses the selected date after a re-render",
    "Tooltip stays open after its anchor element is removed",
    "Crash on startup with 4.2.0: Cannot read properties of undefined (reading 'theme')",
    "Dropdown options render behind a modal dialog",
    "Slider fires change twice when dragged on a touch screen",
    "Table sorts dates as strings",
    "Memory leak when mounting and unmounting Chart repeatedly",
    "Focus trap breaks keyboard navigation in nested dialogs",
    "Color picker popover ignores the dark theme",
    "Regression in 4.3: Tabs no longer fire onChange for the first tab",
    "VirtualList jumps to the top when items are appended",
    "Autocomplete shows stale suggestions after the input is cleared",
    "Hydration mismatch warning for Accordion with server-side rendering",
    "Date range picker is off by one day in UTC-5",
    "ResizeObserver loop error in Firefox with SplitPane",
    "Toasts stack in the wrong order on Safari",
  ],
  question: [
    "How do I customise the theme tokens per component?",
    "Is there a way to lazy-load widgets in a Next.js app?",
    "Best way to test widgets with React Testing Library?",
    "Can Table handle 100k rows, or do I need the virtual mode?",
    "How do I localise the DatePicker month names?",
    "Controlled or uncontrolled Select with a form library?",
    "Do the widgets support right-to-left layouts?",
    "How can I turn animations off for users who prefer reduced motion?",
    "Migrating from 3.x: what replaces the old Grid component?",
    "Can I use the widgets from a CDN, without a bundler?",
    "How do I style the scrollbar of a VirtualList?",
    "Is Vue support planned?",
  ],
  install: [
    "npm install fails on Node 22 with an ERESOLVE peer dependency conflict",
    "Module not found: Can't resolve 'acme-widgets/styles.css' with Vite",
    "TypeScript error TS2307 after upgrading to 4.2",
    "Two copies of React with pnpm break the widgets' hooks",
    "Jest fails on the ESM build: SyntaxError: Unexpected token 'export'",
    "Install hangs in postinstall behind a corporate proxy",
    "Type declarations missing from the published 4.3.1 package",
    "Yarn PnP cannot find the icons peer dependency",
    "Webpack 4 build fails on optional chaining in dist files",
  ],
  performance: [
    "Table with 5,000 rows takes 3 seconds to render",
    "Chart re-renders on every mouse move",
    "Bundle size grew by 180 kB in 4.2",
    "Typing in Autocomplete lags with 2,000 options",
    "VirtualList scrolling stutters on low-end Android phones",
    "DatePicker takes 400 ms to open the first time",
    "High CPU usage with many Tooltips mounted",
  ],
  docs: [
    "The server-side rendering example is out of date",
    "The theming guide links to a page that no longer exists",
    "Document the keyboard shortcuts of Table",
    "The accessibility page does not mention the focus ring tokens",
    "The 3.x migration guide misses the renamed props",
    "Slider API docs list a prop that was removed",
    "README install command uses the old package name",
  ],
};

/** Primary label weights, and the label sometimes added next to it. */
const LABELS: readonly (readonly [Label, number])[] = [["bug", 34], ["question", 30], ["install", 15], ["performance", 10], ["docs", 11]];
/** Version 4.4.0 is released on Tuesday 2026-11-10: more issues, more of them about installing and bugs. */
const RELEASE = Date.parse("2026-11-10T15:00:00Z");
const AFTER_RELEASE: readonly (readonly [Label, number])[] = [["bug", 38], ["question", 22], ["install", 25], ["performance", 8], ["docs", 7]];
const SECOND_LABEL: Partial<Record<Label, readonly [Label, number]>> = { question: ["docs", 0.2], install: ["bug", 0.2], performance: ["bug", 0.3] };

/** Time from the response (or the opening) to the close, by label. */
const TIME_TO_CLOSE: Record<Label, readonly (readonly [number, number, number])[]> = {
  question: [[10 * MINUTE, 6 * HOUR, 0.55], [6 * HOUR, 2 * DAY, 0.35], [2 * DAY, 6 * DAY, 0.1]],
  install: [[HOUR, DAY, 0.5], [DAY, 4 * DAY, 0.4], [4 * DAY, 10 * DAY, 0.1]],
  docs: [[HOUR, 2 * DAY, 0.5], [2 * DAY, 7 * DAY, 0.5]],
  bug: [[6 * HOUR, 2 * DAY, 0.35], [2 * DAY, 7 * DAY, 0.45], [7 * DAY, 20 * DAY, 0.2]],
  performance: [[DAY, 5 * DAY, 0.4], [5 * DAY, 20 * DAY, 0.6]],
};

type Maintainer = { login: string; weight: number; away?: readonly [from: string, to: string]; speed: readonly (readonly [number, number, number])[] };

const MAINTAINERS: readonly Maintainer[] = [
  {
    login: "maria-santos",
    weight: 5,
    away: ["2026-10-05", "2026-10-19"],
    speed: [[5 * MINUTE, 45 * MINUTE, 0.45], [45 * MINUTE, 4 * HOUR, 0.35], [4 * HOUR, 20 * HOUR, 0.15], [DAY, 2 * DAY, 0.05]],
  },
  { login: "tkoenig", weight: 3, speed: [[10 * MINUTE, HOUR, 0.2], [HOUR, 6 * HOUR, 0.4], [6 * HOUR, DAY, 0.3], [DAY, 3 * DAY, 0.1]] },
  { login: "j-okafor", weight: 2, speed: [[HOUR, 8 * HOUR, 0.3], [8 * HOUR, 30 * HOUR, 0.4], [30 * HOUR, 4 * DAY, 0.3]] },
];

/** GitHub-looking logins: the first six are regulars who report often; the others come once or twice. */
const REPORTERS = [
  "sam-okoro", "lindqvist", "pdubois", "hannah-k", "rvasquez", "kenji-t", "ameliawong", "dev-marco",
  "ovidiu-p", "fatima-z", "jbcodes", "nikolai-p", "chenyue", "tomasz-w", "gracehopkins", "ibrahim-s", "lucia-m", "patrick-obrien",
  "noor-a", "erik-l", "aditya-r", "bea-schulz", "carlosfm", "dmitri-v", "elena-ro", "frankie-j", "gabriel-n", "hiro-s",
  "isabella-c", "jonas-b", "kavya-n", "leo-martin", "mei-ling", "nate-d", "olga-k", "priya-s", "quentin-r", "rosa-g",
  "stefan-h", "tara-m", "umar-f", "vera-p", "will-t", "xin-z", "yusuf-a", "zoe-c", "arjun-k", "bianca-l", "cody-w", "dana-e",
  "emre-y", "freya-s", "goran-m", "helena-v", "ines-r", "jakub-p", "kofi-a", "laura-b", "mateo-g", "nadia-h",
  "oskar-n", "paula-d", "rahul-v", "sofia-k", "theo-b", "valentina-r", "wen-j", "yara-m",
] as const;
const REGULARS = [[0, 4], [1, 3], [2, 3], [3, 2], [4, 2], [5, 1]] as const;
const OTHERS = REPORTERS.slice(REGULARS.length).map((_, index) => [REGULARS.length + index, 1] as const);

type Outcome = "positive" | "negative" | "neutral" | "pending";

type SurveyRow = {
  closedAt: number;
  status: "answered" | "expired" | "asked" | "cancelled";
  outcome: Outcome | null;
  answeredAt: number | null;
  endedAt: number | null;
};

type IssueRow = {
  number: number;
  reporter: number;
  title: string;
  labels: Label[];
  openedAt: number;
  firstResponseAt: number | null;
  responder: string | null;
  closedAt: number | null;
  stateReason: "completed" | "not_planned" | null;
  reopenedAt: number[];
  surveys: SurveyRow[];
};

/** What the reporter answers, and when: better after a fast first response, worse after a reopen. */
function reaction(random: Random, issue: { labels: Label[]; responseDelay: number | null; reopened: boolean }) {
  const both = 0.03;
  let [positive, negative] = [0.64, 0.1];
  if (issue.responseDelay === null) [positive, negative] = [positive - 0.1, negative + 0.05];
  else if (issue.responseDelay > DAY) [positive, negative] = [positive - 0.2, negative + 0.15];
  else if (issue.responseDelay < HOUR) positive += 0.08;
  if (issue.reopened) [positive, negative] = [positive - 0.2, negative + 0.17];
  if (issue.labels.includes("performance")) [positive, negative] = [positive - 0.1, negative + 0.1];
  if (issue.labels[0] === "question") positive += 0.05;
  const answer = random.weighted([["positive", positive], ["negative", negative], ["neutral", both], ["none", 1 - positive - negative - both]] as const);
  const delay = random.duration([[2 * MINUTE, 2 * HOUR, 0.5], [2 * HOUR, DAY, 0.3], [DAY, 5 * DAY, 0.17], [5 * DAY, 13 * DAY, 0.03]]);
  return { answer, delay };
}

/** The survey of a close as it stands at `now`: answered, expired (neutral), or still pending. */
function survey(closedAt: number, answer: { answer: string; delay: number }, now: number): SurveyRow {
  const windowEnd = closedAt + 14 * DAY;
  if (answer.answer !== "none" && closedAt + answer.delay <= now) {
    const at = closedAt + answer.delay;
    return { closedAt, status: "answered", outcome: answer.answer as Outcome, answeredAt: at, endedAt: at };
  }
  if (windowEnd <= now) return { closedAt, status: "expired", outcome: "neutral", answeredAt: null, endedAt: windowEnd };
  return { closedAt, status: "asked", outcome: "pending", answeredAt: null, endedAt: null };
}

/** Fourteen weeks of support traffic up to `now`, issues in the order they were opened (exported to try other seeds). */
export function exampleTraffic(firstDay: Date, now: Date, seed = SEED): IssueRow[] {
  const random = new Random(seed);
  const titles = new Map<Label, { list: string[]; next: number }>();
  const title = (label: Label): string => {
    let entry = titles.get(label);
    if (!entry || entry.next >= entry.list.length) titles.set(label, (entry = { list: random.shuffled(TITLES[label]), next: 0 }));
    return entry.list[entry.next++]!;
  };
  const end = now.getTime();
  const openings: number[] = [];
  for (let week = 0; week < WEEKS; week++) {
    const count = 5 + Math.floor(random.between(0, 3));
    for (let i = 0; i < count; i++) {
      const day = random.weighted([[0, 13], [1, 12], [2, 12], [3, 11], [4, 10], [5, 5], [6, 5]] as const);
      const at = firstDay.getTime() + (week * 7 + day) * DAY + random.duration([[6 * HOUR, 22 * HOUR, 1]]);
      if (at < end) openings.push(at);
    }
  }
  for (let i = 0; i < 7; i++) {
    // the wave of issues in the days after the release
    const at = RELEASE + random.duration([[2 * HOUR, 6 * DAY, 1]]);
    if (at < end) openings.push(at);
  }
  openings.sort((a, b) => a - b);

  let number = 1412;
  return openings.map((openedAt) => {
    number += 1 + (random.chance(0.5) ? 1 : 0) + (random.chance(0.2) ? 2 : 0); // pull requests share the numbers
    const reporter = random.weighted(random.chance(0.25) ? REGULARS : OTHERS);
    const primary = random.weighted(openedAt >= RELEASE ? AFTER_RELEASE : LABELS);
    const second = SECOND_LABEL[primary];
    const labels = second && random.chance(second[1]) ? [primary, second[0]] : [primary];

    const present = MAINTAINERS.filter((m) => !m.away || openedAt < Date.parse(m.away[0]) || openedAt >= Date.parse(m.away[1]));
    const backlog = present.length < MAINTAINERS.length ? 3 : 1;
    const maintainer = random.weighted(present.map((m) => [m, m.weight] as const));
    const answered = random.chance(0.94);
    let firstResponseAt: number | null = answered ? openedAt + backlog * random.duration(maintainer.speed) : null;
    if (firstResponseAt !== null && firstResponseAt > end) firstResponseAt = null;

    const issue: IssueRow = {
      number,
      reporter,
      title: title(primary),
      labels,
      openedAt,
      firstResponseAt,
      responder: firstResponseAt === null ? null : maintainer.login,
      closedAt: null,
      stateReason: null,
      reopenedAt: [],
      surveys: [],
    };
    if (answered && firstResponseAt === null) return issue; // no answer yet: still open

    let closedAt = (firstResponseAt ?? openedAt) + random.duration(TIME_TO_CLOSE[primary]);
    if (closedAt > end) return issue;
    if (random.chance(0.07)) return { ...issue, closedAt, stateReason: "not_planned" }; // won't fix: not surveyed

    const reopens = random.chance(primary === "bug" || primary === "install" ? 0.12 : 0.04);
    if (reopens) {
      const reopenedAt = closedAt + random.duration([[3 * HOUR, 5 * DAY, 1]]);
      if (reopenedAt <= end) {
        issue.surveys.push({ closedAt, status: "cancelled", outcome: null, answeredAt: null, endedAt: reopenedAt });
        issue.reopenedAt.push(reopenedAt);
        closedAt = reopenedAt + random.duration([[2 * HOUR, 6 * DAY, 1]]);
        if (closedAt > end) return issue; // reopened, not closed again yet
      }
    }
    const responseDelay = firstResponseAt === null ? null : firstResponseAt - openedAt;
    const answer = reaction(random, { labels, responseDelay, reopened: issue.reopenedAt.length > 0 });
    issue.surveys.push(survey(closedAt, answer, end));
    return { ...issue, closedAt, stateReason: "completed" };
  });
}

const iso = (time: number | null): string | null => (time === null ? null : new Date(time).toISOString());

async function store(db: Queryable, issues: IssueRow[], now: Date): Promise<void> {
  await db.query("INSERT INTO installations (id, account_login, account_type) VALUES ($1, 'acme', 'Organization')", [INSTALLATION_ID]);
  await db.query(
    `INSERT INTO repositories (installation_id, id, full_name, private, stargazers_count, default_branch)
     VALUES ($1, $2, $3, false, $4, 'main')`,
    [INSTALLATION_ID, REPOSITORY.id, REPOSITORY.fullName, REPOSITORY.stargazers],
  );
  let commentId = 2_400_000_000;
  for (const issue of issues) {
    const login = REPORTERS[issue.reporter]!;
    const reporterId = 5_100_000 + issue.reporter * 7919;
    const lastChange = Math.max(issue.openedAt, issue.closedAt ?? 0, ...issue.reopenedAt);
    await db.query(
      `INSERT INTO issues (installation_id, repository_id, number, reporter_id, reporter_login, reporter_type, author_association,
         labels, state, state_reason, opened_at, closed_at, first_response_at, first_responder_login, reopen_count, reopened_at,
         state_changed_at, title)
       VALUES ($1, $2, $3, $4, $5, 'User', 'NONE', $6::text[], $7, $8, $9, $10, $11, $12, $13, $14::timestamptz[], $15, $16)`,
      [
        INSTALLATION_ID, REPOSITORY.id, issue.number, reporterId, login, issue.labels,
        issue.closedAt === null ? "open" : "closed", issue.stateReason, iso(issue.openedAt), iso(issue.closedAt),
        iso(issue.firstResponseAt), issue.responder, issue.reopenedAt.length, issue.reopenedAt.map(iso), iso(lastChange), issue.title,
      ],
    );
    for (const s of issue.surveys) {
      const askedAt = s.closedAt + 4000;
      const nextPoll = s.status === "asked" ? now.getTime() + HOUR : null;
      const created = await db.query<{ id: number }>(
        `INSERT INTO surveys (installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status, comment_id,
           asked_at, window_ends_at, next_poll_at, poll_count, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          INSTALLATION_ID, REPOSITORY.id, issue.number, iso(s.closedAt), reporterId, login, s.status, commentId++,
          iso(askedAt), iso(askedAt + 14 * DAY), iso(nextPoll), s.status === "cancelled" ? 1 : 3, iso(s.endedAt),
        ],
      );
      if (s.outcome === null) continue;
      await db.query(
        `INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome, answered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [INSTALLATION_ID, REPOSITORY.id, issue.number, created.rows[0]?.id, reporterId, iso(s.closedAt), s.outcome, iso(s.answeredAt)],
      );
    }
  }
}

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
    await store(db, exampleTraffic(firstDay, now, seed), now);
    const subject: SummarySubject = {
      installationId: INSTALLATION_ID,
      name: REPOSITORY.fullName,
      repositories: [REPOSITORY],
      marketDemand: "reporters",
    };
    const data = await gatherSummary(db, subject, period, ZONE);
    const body = renderSummary(data, { marker: EXAMPLE_MARKER, periodNoun: "week" });
    const note = [
      "# Example: a weekly summary",
      "",
      `The issue satisfaction-bot would open in \`${REPOSITORY.fullName}\` on Monday ${now.toISOString().slice(0, 10)} at 09:00 UTC,`,
      `titled **${summaryTitle(null, period)}**. Generated, not written by hand: \`npm run docs:example\``,
      "(src/summary/example.ts) stores fourteen weeks of made-up but plausible support traffic, drawn from",
      "a seeded pseudo-random generator so that it never changes, in an in-memory database, and runs the",
      "app's own queries, `gatherSummary` and `renderSummary` on it. Below the line: the issue's body.",
      "",
      "---",
      "",
    ].join("\n");
    return `${note}${body}`;
  } finally {
    await db.close();
  }
}
