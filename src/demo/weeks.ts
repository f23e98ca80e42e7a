import { team, users } from "./project.js";
import type { Step } from "./stories.js";
import { issueStory } from "./stories.js";

const { mira, jonas } = team;
const { ana, ben, chen, dara, eli, fatima, gus, hana } = users;

/** November's first three weeks, with the app installed: what its people do, and when. */
export const firstWeeks = (): Step[][] => [
  // Week 1: three rated, one declined (not asked).
  issueStory({
    reporter: dara,
    title: "The last row is dropped when the file has no trailing newline",
    body: "A file that does not end with a newline loses its last record.",
    opened: "11-02 09:20",
    replies: [["11-02 10:05", mira, "Reproduced; the fix is in 2.3.0."]],
    closed: ["11-03 15:00", mira],
    rating: ["11-03 16:10", "hooray"],
  }),
  issueStory({
    reporter: eli,
    title: "First column name starts with a strange character",
    body: "With a UTF-8 file from Excel the first header name starts with \\ufeff, a byte order mark, so row.id is undefined.",
    opened: "11-03 11:00",
    replies: [["11-03 13:30", jonas, "That is the byte order mark: pass `bom: true` to parse() and it is stripped."]],
    closed: ["11-04 09:30", jonas],
    rating: ["11-04 10:00", "+1"],
  }),
  issueStory({
    reporter: ana,
    title: "Option to keep empty lines",
    body: "Empty lines are skipped; I need them as empty records.",
    opened: "11-04 14:00",
    replies: [["11-05 09:10", mira, "Added `skipEmptyLines: false` in 2.3.0."]],
    closed: ["11-06 11:00", mira],
    rating: ["11-06 18:00", "heart"],
  }),
  issueStory({
    reporter: fatima,
    title: "Support for Excel .xlsx files",
    body: "Could quickcsv read xlsx too?",
    opened: "11-05 10:00",
    replies: [["11-05 11:00", mira, "Out of scope for a CSV library, sorry."]],
    closed: ["11-05 11:05", mira, "not_planned"],
  }),
  // Week 2: a priority-support issue answered in time, a reporter who never answers.
  issueStory({
    reporter: chen,
    title: "The columns option type is too strict",
    body: "columns: string[] rejects a readonly array.",
    opened: "11-09 10:30",
    replies: [["11-09 12:00", jonas, "Fixed in main, released in 2.3.1."]],
    closed: ["11-10 10:00", jonas],
    rating: ["11-10 11:30", "rocket"],
  }),
  issueStory({
    reporter: gus,
    title: "Streaming parser grows in memory on 5M rows",
    body: "Memory grows without bound with parseStream on a large export.",
    labels: ["priority-support"],
    opened: "11-10 09:45",
    replies: [["11-10 11:15", jonas, "Looking at it now; can you share a heap snapshot?"]],
    closed: ["11-13 16:00", jonas],
    rating: ["11-13 17:00", "+1"],
  }),
  issueStory({
    reporter: hana,
    title: "Custom delimiter ignored when quote is false",
    body: "delimiter: ';' has no effect with quote: false.",
    opened: "11-11 15:00",
    replies: [["11-12 10:00", mira, "Fixed in 2.3.1."]],
    closed: ["11-13 11:00", mira],
  }),
  // Week 3: a negative rating and its follow-up, a loyal user back.
  issueStory({
    reporter: ben,
    title: "Crash on a quoted field that holds only a quote",
    body: 'The row a,"""",b throws RangeError.',
    opened: "11-17 10:00",
    replies: [["11-19 16:00", mira, "Fixed in 3.0.0."]],
    closed: ["11-20 10:00", mira],
    rating: ["11-20 12:00", "-1"],
    explains: ["11-20 17:30", "Three days without an answer, and the fix needs a major upgrade we cannot take yet."],
  }),
  issueStory({
    reporter: ana,
    title: "Header detection with comment lines",
    body: "Lines starting with # before the header confuse detection.",
    opened: "11-18 11:00",
    replies: [["11-18 11:45", mira, "Use `comment: '#'`; documented now."]],
    closed: ["11-19 09:00", mira],
    rating: ["11-19 09:30", "+1"],
  }),
];
