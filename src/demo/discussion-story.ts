import type { Person } from "./people.js";
import type { Comment, Discussion } from "./stand-in/state.js";
import type { Step } from "./stories.js";
import { appComment, at, EMOJI } from "./stories.js";

export type DiscussionStory = {
  author: Person;
  title: string;
  body: string;
  asked: string;
  answer: [when: string, by: Person, body: string];
  marked: string;
  rating: [when: string, reaction: string];
};

/** A question in the Discussions Q&A category: asked, answered, the answer marked, the survey rated. */
export function discussionStory(story: DiscussionStory): Step[] {
  let discussion: Discussion | undefined;
  let answer: Comment | undefined;
  const asked = () => discussion as Discussion;
  const [answeredAt, by, text] = story.answer;
  const [ratedAt, reaction] = story.rating;
  return [
    {
      at: at(story.asked),
      act: async ({ github }) => (
        (discussion = await github.ask(story.author, story)),
        `discussion #${asked().number} ${story.author.login} asked "${story.title}"`
      ),
    },
    {
      at: at(answeredAt),
      act: async ({ github }) => ((answer = await github.reply(by, asked(), text)), `discussion #${asked().number} ${by.login} answered`),
    },
    {
      at: at(story.marked),
      act: async ({ github }) => (
        await github.markAnswer(story.author, asked(), answer as Comment),
        `discussion #${asked().number} ${story.author.login} marked the answer`
      ),
    },
    {
      at: at(ratedAt),
      act: async ({ github, state }) => {
        github.react(story.author, appComment(asked().thread, state, asked().number, "survey"), reaction);
        return `discussion #${asked().number} ${story.author.login} reacted ${EMOJI[reaction] ?? reaction} to the survey`;
      },
    },
  ];
}
