import { CONFIG_FILE, FAQ_FILE, organization, team, users } from "./project.js";
import type { Step } from "./stories.js";
import { at, issueStory } from "./stories.js";
import { lastWeek } from "./last-week.js";
import { firstWeeks } from "./weeks.js";

const { mira, jonas } = team;
const { ana, chen, gus } = users;

/** October, before the app: GitHub keeps it, and the backfill imports it when the app is installed. */
const october = (): Step[][] => [
  issueStory({
    beforeInstall: true,
    reporter: ana,
    title: "Quoted fields with newlines are split into two rows",
    body: "A quoted field that contains a newline comes out as two records.",
    opened: "10-06 10:12",
    replies: [["10-06 13:40", mira, "Reproduced, thanks."]],
    closed: ["10-08 11:00", mira],
  }),
  issueStory({
    beforeInstall: true,
    reporter: chen,
    title: "Add TypeScript types for the parse options",
    body: "The options object is typed as any.",
    opened: "10-13 15:30",
    replies: [["10-14 09:50", jonas, "Good idea, on it."]],
    closed: ["10-20 12:00", jonas],
  }),
  issueStory({
    beforeInstall: true,
    reporter: gus,
    title: "Parsing a 1 GB file is slow",
    body: "It takes four minutes on my laptop.",
    opened: "10-21 08:45",
    replies: [["10-22 10:30", mira, "The next release reads in larger chunks."]],
    closed: ["10-27 16:00", mira],
  }),
];

/** When the app is installed: the sweeps start then. */
export const INSTALLED_AT = at("11-01 08:00");

const setUp = (): Step[] => [
  { at: INSTALLED_AT, act: async ({ github }) => (await github.install(organization), "acme installs satisfaction-bot on acme/quickcsv") },
  {
    at: at("11-01 08:30"),
    act: async ({ github }) => (
      await github.push(mira, { ".github/satisfaction.yml": CONFIG_FILE, "docs/FAQ.md": FAQ_FILE }),
      "mira-maintainer pushes .github/satisfaction.yml and docs/FAQ.md"
    ),
  },
];

/** The end: Monday 30 November 09:30, after the last week's summary (posted at 09:00). */
export const END = at("11-30 09:30");

/** The whole month in time order (a stable sort keeps each story's steps in their written order). */
export function month(): Step[] {
  return [...october().flat(), ...setUp(), ...firstWeeks().flat(), ...lastWeek().flat()].sort((a, b) => a.at.getTime() - b.at.getTime());
}
