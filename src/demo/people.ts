import type { Webhook } from "./stand-in/events.js";
import { discussionCommentEvent, discussionEvent, envelope, INSTALLATION_ID, issueCommentEvent, issueEvent } from "./stand-in/events.js";
import { commentJson, repositoryJson } from "./stand-in/shapes.js";
import type { Account, Comment, Discussion, GitHubState, Issue } from "./stand-in/state.js";
import { newComment, newIssue, stamp } from "./stand-in/state.js";

/** Someone on GitHub: an account and how they relate to the repository (MEMBER for the team, NONE for users). */
export type Person = Account & { association: string };

/** Sends a webhook to the app as GitHub would, signed; resolves once the app has answered it and done its work. */
export type Deliver = (webhook: Webhook) => Promise<void>;

const account = ({ login, id, type }: Person): Account => ({ login, id, type });

/**
 * What people do on the demo's GitHub: each action changes the stand-in's state, then delivers the
 * webhook GitHub would send for it, built from that state. A reaction sends none (GitHub sends no
 * webhook for reactions): the app reads it back on its schedule.
 */
export function githubPeople(state: GitHubState, deliver: Deliver) {
  const now = () => stamp(state.clock());
  const onIssue = (action: string, issue: Issue, by: Person, extra: Record<string, unknown> = {}) =>
    deliver(issueEvent(state, action, issue, account(by), extra));

  return {
    async install(owner: Person): Promise<void> {
      const repository = repositoryJson(state);
      const installation = { id: INSTALLATION_ID, account: account(owner), suspended_at: null, repository_selection: "selected" };
      await deliver({
        event: "installation",
        payload: { action: "created", installation, repositories: [repository], sender: account(owner) },
      });
    },

    async push(by: Person, files: Record<string, string>): Promise<void> {
      for (const [path, text] of Object.entries(files)) state.files.set(path, text);
      const before = state.repository.headSha;
      state.repository.headSha = (Number.parseInt(before.slice(0, 8), 16) + 1).toString(16).padStart(8, "0").repeat(5);
      const commit = { added: Object.keys(files), modified: [], removed: [] };
      const ref = `refs/heads/${state.repository.defaultBranch}`;
      await deliver({
        event: "push",
        payload: { ref, before, after: state.repository.headSha, deleted: false, commits: [commit], ...envelope(state, account(by)) },
      });
    },

    async open(by: Person, fields: { title: string; body: string; labels?: string[] }): Promise<Issue> {
      const issue = newIssue(state, account(by), by.association, { ...fields, labels: fields.labels ?? [] });
      await onIssue("opened", issue, by);
      return issue;
    },

    async comment(by: Person, issue: Issue, body: string): Promise<Comment> {
      const comment = newComment(state, issue.number, account(by), by.association, body);
      state.comments.push(comment);
      Object.assign(issue, { comments: issue.comments + 1, updated_at: comment.created_at });
      await deliver(issueCommentEvent(state, issue, comment));
      return comment;
    },

    async label(by: Person, issue: Issue, name: string, on = true): Promise<void> {
      issue.labels = on ? [...new Set([...issue.labels, name])] : issue.labels.filter((label) => label !== name);
      issue.updated_at = now();
      await onIssue(on ? "labeled" : "unlabeled", issue, by, { label: { name } });
    },

    async close(by: Person, issue: Issue, reason: "completed" | "not_planned" = "completed"): Promise<void> {
      Object.assign(issue, { state: "closed", state_reason: reason, closed_at: now(), updated_at: now() });
      await onIssue("closed", issue, by);
    },

    /** A reaction on a comment (the survey, an answer): no webhook. */
    react(by: Person, comment: Comment, content: string): void {
      comment.reactions.push({ content, user: account(by), created_at: now() });
    },

    async ask(by: Person, fields: { title: string; body: string }): Promise<Discussion> {
      const at = now();
      const number = state.nextNumber();
      const discussion: Discussion = {
        number,
        node_id: `D_${number}`,
        title: fields.title,
        body: fields.body,
        user: account(by),
        author_association: by.association,
        state: "open",
        state_reason: null,
        created_at: at,
        updated_at: at,
        answer_chosen_at: null,
        comments: 0,
        thread: [],
      };
      state.discussions.set(number, discussion);
      await deliver(discussionEvent(state, "created", discussion, account(by)));
      return discussion;
    },

    async reply(by: Person, discussion: Discussion, body: string): Promise<Comment> {
      const comment = newComment(state, discussion.number, account(by), by.association, body, "discussion");
      discussion.thread.push(comment);
      Object.assign(discussion, { comments: discussion.comments + 1, updated_at: comment.created_at });
      await deliver(discussionCommentEvent(state, discussion, comment));
      return comment;
    },

    async markAnswer(by: Person, discussion: Discussion, answer: Comment): Promise<void> {
      Object.assign(discussion, { answer_chosen_at: now(), updated_at: now() });
      await deliver(discussionEvent(state, "answered", discussion, account(by), { answer: commentJson(state, answer) }));
    },
  };
}

export type GitHubPeople = ReturnType<typeof githubPeople>;
