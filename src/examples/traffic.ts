// Fourteen weeks of plausible support traffic for docs/example-summary.md (see summary.ts).
import { DAY, HOUR, MINUTE, Random } from "./random.js";
import { AFTER_RELEASE, LABELS, MAINTAINERS, OTHERS, REGULARS, RELEASE, SECOND_LABEL, TIME_TO_CLOSE, TITLES } from "./vocabulary.js";
import type { Label } from "./vocabulary.js";

/**
 * Chosen, among the seeds of this traffic model, for a week a maintainer recognises: satisfaction
 * near 55 %, two pain points, every label, three responders, a few surveys still pending, and the
 * dip of the two weeks the fastest responder was away.
 */
export const SEED = 8881;
export const WEEKS = 14;

export type Outcome = "positive" | "negative" | "neutral" | "pending";

export type SurveyRow = {
  closedAt: number;
  status: "answered" | "expired" | "asked" | "cancelled";
  outcome: Outcome | null;
  answeredAt: number | null;
  endedAt: number | null;
};

export type IssueRow = {
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
export function reaction(random: Random, issue: { labels: Label[]; responseDelay: number | null; reopened: boolean }) {
  const both = 0.03;
  let [positive, negative] = [0.64, 0.1];
  if (issue.responseDelay === null) [positive, negative] = [positive - 0.1, negative + 0.05];
  else if (issue.responseDelay > DAY) [positive, negative] = [positive - 0.2, negative + 0.15];
  else if (issue.responseDelay < HOUR) positive += 0.08;
  if (issue.reopened) [positive, negative] = [positive - 0.2, negative + 0.17];
  if (issue.labels.includes("performance")) [positive, negative] = [positive - 0.1, negative + 0.1];
  if (issue.labels[0] === "question") positive += 0.05;
  const answer = random.weighted([
    ["positive", positive],
    ["negative", negative],
    ["neutral", both],
    ["none", 1 - positive - negative - both],
  ] as const);
  const delay = random.duration([
    [2 * MINUTE, 2 * HOUR, 0.5],
    [2 * HOUR, DAY, 0.3],
    [DAY, 5 * DAY, 0.17],
    [5 * DAY, 13 * DAY, 0.03],
  ]);
  return { answer, delay };
}

/** The survey of a close as it stands at `now`: answered, expired (neutral), or still pending. */
export function survey(closedAt: number, answer: { answer: string; delay: number }, now: number): SurveyRow {
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
      const day = random.weighted([
        [0, 13],
        [1, 12],
        [2, 12],
        [3, 11],
        [4, 10],
        [5, 5],
        [6, 5],
      ] as const);
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
