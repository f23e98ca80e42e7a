import type { GitHubPeople, Person } from "./people.js";
import type { Comment, GitHubState, Issue } from "./stand-in/state.js";

/** A desk posting to the feedback API (POST /api/feedback) as an email desk would. */
export type Desk = (feedback: { reporter: string; rating: number; url: string; comment: string }) => Promise<string>;

/** Who acts in the demo: GitHub's people (and, before the app is installed, the same people unheard), the stand-in, the desk. */
export type World = { github: GitHubPeople; beforeInstall: GitHubPeople; state: GitHubState; desk: Desk };

/** One moment of the month: what happens, and the progress line it prints. */
export type Step = { at: Date; act(world: World): Promise<string> };

/** `"11-02 09:20"`: a time of November 2026, UTC. */
export const at = (when: string): Date => new Date(`2026-${when.replace(" ", "T")}:00Z`);

export const EMOJI: Record<string, string> = {
  "+1": "👍",
  "-1": "👎",
  heart: "❤️",
  hooray: "🎉",
  rocket: "🚀",
  confused: "😕",
  laugh: "😄",
};

/** The app's comment of a kind (by its hidden marker) on an issue or a discussion; an error when it never came. */
export function appComment(comments: Comment[], state: GitHubState, number: number, kind: string): Comment {
  const found = comments.find(
    (comment) => comment.issue_number === number && comment.user.id === state.bot.id && comment.body.includes(`satisfaction-bot:${kind}:`),
  );
  if (!found) throw new Error(`the app has no ${kind} comment on #${number} yet: the demo's month no longer plays as written`);
  return found;
}

export type IssueStory = {
  reporter: Person;
  title: string;
  body: string;
  labels?: string[];
  opened: string;
  replies?: [when: string, by: Person, body: string][];
  closed?: [when: string, by: Person, reason?: "completed" | "not_planned"];
  /** The reporter's reaction on the app's survey comment. */
  rating?: [when: string, reaction: string];
  /** The reporter's reaction on the app's knowledge-base answer. */
  answerRating?: [when: string, reaction: string];
  /** The reporter's comment after the app's follow-up. */
  explains?: [when: string, body: string];
  /** Happened before the app was installed: GitHub keeps it, the app hears nothing (the backfill imports it). */
  beforeInstall?: boolean;
};

/** The steps of one issue's life. */
export function issueStory(story: IssueStory): Step[] {
  let issue: Issue | undefined;
  const github = (world: World) => (story.beforeInstall ? world.beforeInstall : world.github);
  const opened = () => issue as Issue;
  const steps: Step[] = [
    {
      at: at(story.opened),
      act: async (world) => {
        issue = await github(world).open(story.reporter, { title: story.title, body: story.body, labels: story.labels ?? [] });
        const labels = story.labels?.length ? ` [${story.labels.join(", ")}]` : "";
        return `#${issue.number} ${story.reporter.login} opened "${story.title}"${labels}`;
      },
    },
  ];
  for (const [when, by, body] of story.replies ?? []) {
    steps.push({
      at: at(when),
      act: async (world) => (await github(world).comment(by, opened(), body), `#${opened().number} ${by.login} replied`),
    });
  }
  if (story.answerRating) {
    const [when, reaction] = story.answerRating;
    steps.push({
      at: at(when),
      act: async (world) => {
        github(world).react(story.reporter, appComment(world.state.comments, world.state, opened().number, "answer"), reaction);
        return `#${opened().number} ${story.reporter.login} reacted ${EMOJI[reaction] ?? reaction} to the app's answer`;
      },
    });
  }
  if (story.closed) {
    const [when, by, reason = "completed"] = story.closed;
    steps.push({
      at: at(when),
      act: async (world) => (
        await github(world).close(by, opened(), reason),
        `#${opened().number} closed by ${by.login}${reason === "not_planned" ? " as not planned" : ""}`
      ),
    });
  }
  if (story.rating) {
    const [when, reaction] = story.rating;
    steps.push({
      at: at(when),
      act: async (world) => {
        github(world).react(story.reporter, appComment(world.state.comments, world.state, opened().number, "survey"), reaction);
        return `#${opened().number} ${story.reporter.login} reacted ${EMOJI[reaction] ?? reaction} to the survey`;
      },
    });
  }
  if (story.explains) {
    const [when, body] = story.explains;
    steps.push({
      at: at(when),
      act: async (world) => (
        await github(world).comment(story.reporter, opened(), body),
        `#${opened().number} ${story.reporter.login} explained: "${body}"`
      ),
    });
  }
  return steps;
}
