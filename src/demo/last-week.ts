import { discussionStory } from "./discussion-story.js";
import { team, users } from "./project.js";
import type { Step } from "./stories.js";
import { at, issueStory } from "./stories.js";

const { mira, jonas } = team;
const { dara, ivan, kai, lena, omar } = users;

/** November's last week: everything the summary it ends with shows. */
export const lastWeek = (): Step[][] => [
  // Week 4: a service level breached, the knowledge base answers, a Discussions question, the email desk, an unhappy reporter.
  issueStory({
    reporter: ivan,
    title: "Dates parsed in local time instead of UTC",
    body: "cast: true turns 2026-11-23 into a local date.",
    labels: ["priority-support"],
    opened: "11-23 09:05",
    replies: [["11-23 14:30", jonas, "Sorry for the wait: use castDate: 'utc' in 3.0.1."]],
    closed: ["11-25 12:00", jonas],
    rating: ["11-25 13:00", "+1"],
  }),
  issueStory({
    reporter: kai,
    title: "Byte order mark in the first header name",
    body: "The first header name starts with a byte order mark (BOM) when the file comes from Excel, so the column is not found.",
    opened: "11-23 10:00",
    answerRating: ["11-23 10:40", "+1"],
    closed: ["11-23 10:45", kai],
  }),
  discussionStory({
    author: lena,
    title: "How do I stream a 2 GB file without loading it into memory?",
    body: "parse() reads the whole file first.",
    asked: "11-24 09:30",
    answer: ["11-24 11:00", jonas, "Use parseStream(): it emits one record at a time."],
    marked: "11-24 14:00",
    rating: ["11-24 16:00", "heart"],
  }),
  issueStory({
    reporter: dara,
    title: "onRecord callback is typed as returning any",
    body: "The callback's return type should be void | Record.",
    opened: "11-24 13:00",
    replies: [["11-24 14:00", jonas, "Tightened in 3.0.1."]],
    closed: ["11-25 10:00", jonas],
    rating: ["11-25 10:30", "+1"],
  }),
  issueStory({
    reporter: omar,
    title: "Error messages do not include the line number",
    body: "A parse error says only 'unexpected quote'.",
    labels: ["priority-support"],
    opened: "11-25 09:00",
    replies: [["11-25 10:30", mira, "Line and column are in the message from 3.0.1."]],
    closed: ["11-27 15:00", mira],
    rating: ["11-27 16:00", "confused"],
    explains: ["11-28 10:15", "Fine now, but two days to add a line number to an error, on a priority issue."],
  }),
  [
    {
      at: at("11-26 11:00"),
      act: ({ desk }) =>
        desk({
          reporter: "olivia@northwind.example",
          rating: 5,
          url: "https://desk.acme.example/tickets/4812",
          comment: "Solved on the first reply.",
        }),
    },
    {
      at: at("11-27 09:30"),
      act: ({ desk }) =>
        desk({
          reporter: "piet@brightlabs.example",
          rating: 4,
          url: "https://desk.acme.example/tickets/4830",
          comment: "Good answer, a day late.",
        }),
    },
  ],
];
