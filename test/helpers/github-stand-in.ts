import { startStandIn } from "../../src/demo/stand-in/server.js";
import type { Account, Comment, GitHubState } from "../../src/demo/stand-in/state.js";
import { createGitHubState, newIssue, stamp } from "../../src/demo/stand-in/state.js";
import { REPORTER } from "./fixtures.js";

/**
 * The demo's GitHub stand-in (src/demo/stand-in), for tests that run the app as its own process
 * where nock cannot reach: the app reaches it as GitHub Enterprise Server (GHE_HOST=127.0.0.1:port,
 * GHE_PROTOCOL=http). It holds GitHub's example repository, Codertocat/Hello-World, with issue #1
 * (the fixtures' issue) opened by REPORTER; `state.faults` makes comment posts hang or answer late.
 */
export type GitHubStandIn = {
  host: string;
  state: GitHubState;
  /** The comments the app posted, oldest first. */
  comments(): Comment[];
  /** A reaction by `user` on a comment, now. */
  react(commentId: number, content: string, user?: Account): void;
  close(): Promise<void>;
};

const HELLO_WORLD = {
  id: 186_853_002,
  owner: { login: "Codertocat", id: 21_031_067, type: "User" as const },
  name: "Hello-World",
  stars: 0,
  defaultBranch: "main",
  headSha: "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c",
};

export async function startGitHubStandIn(): Promise<GitHubStandIn> {
  const state = createGitHubState(HELLO_WORLD, 4242, () => new Date());
  newIssue(state, { ...REPORTER, type: "User" }, "NONE", { title: "Spelling error in the README file", body: "", labels: [] });
  const server = await startStandIn(state);
  return {
    host: server.host,
    state,
    comments: () => state.comments.filter((comment) => comment.user.id === state.bot.id),
    react(commentId, content, user = { ...REPORTER, type: "User" }) {
      const comment = state.comments.find((each) => each.id === commentId);
      if (!comment) throw new Error(`the stand-in has no comment ${commentId}`);
      comment.reactions.push({ content, user, created_at: stamp(new Date()) });
    },
    close: () => server.close(),
  };
}
