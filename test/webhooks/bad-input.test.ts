import { describe, expect, it } from "vitest";
import { createTestApp, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { commentPayload, example, issuesPayload, issueTransferredPayload } from "../helpers/fixtures.js";
import { countRows, NO_ROWS } from "./support.js";

type Json = Record<string, unknown>;

/** The payload with one field changed; `path` is dotted, array indexes included. */
function withField(payload: Json, path: string, value: unknown): Json {
  const keys = path.split(".");
  const last = keys.pop() as string;
  let node = payload as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return payload;
}

/** A payload of event `name` with `field` set to `value` (or deleted when undefined). */
function malformed(description: string, name: string, build: () => Json, field: string, value: unknown) {
  return [description, { name, field, payload: () => withField(build(), field, value) }] as const;
}

/** What probot.receive rejected with, or undefined when it resolved. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("payloads the app cannot use", () => {
  const { db } = useDatabase(createTestDatabase);

  // No GitHub call is mocked: a survey asked by mistake would fail the test (test/helpers/setup.ts).
  it.each([
    ["issues.closed", "issues", () => issuesPayload("closed", { installationId: null })],
    ["issues.opened", "issues", () => issuesPayload("opened", { installationId: null })],
    ["issues.reopened", "issues", () => issuesPayload("reopened", { installationId: null })],
    ["issue_comment.created", "issue_comment", () => commentPayload("created", { installationId: null })],
    ["issue_comment.deleted", "issue_comment", () => commentPayload("deleted", { installationId: null })],
    ["issue_comment.edited", "issue_comment", () => ({ ...commentPayload("created", { installationId: null }), action: "edited" }) as Json],
  ])("ignores an %s payload without an installation: no error, no row, no GitHub call", async (_event, name, payload) => {
    const { probot } = createTestApp(db());
    const sent = payload();
    expect(sent.installation).toBeUndefined();

    await expect(receive(probot, name, sent)).resolves.toBeTypeOf("string");

    expect(await countRows(db())).toEqual(NO_ROWS);
  });

  it("ignores a payload whose installation has no numeric id", async () => {
    const { probot } = createTestApp(db());

    await receive(probot, "issues", withField(issuesPayload("closed"), "installation.id", undefined));

    expect(await countRows(db())).toEqual(NO_ROWS);
  });

  it.each([
    malformed("issues.closed without issue.user", "issues", () => issuesPayload("closed"), "issue.user", undefined),
    malformed("issues.opened with issue.number as a string", "issues", () => issuesPayload("opened"), "issue.number", "1"),
    malformed("issues.closed with a closed_at that is no time", "issues", () => issuesPayload("closed"), "issue.closed_at", "yesterday"),
    malformed("issues.closed with repository.id as a string", "issues", () => issuesPayload("closed"), "repository.id", "186853002"),
    malformed("issues.reopened with an unknown issue.state", "issues", () => issuesPayload("reopened"), "issue.state", "merged"),
    malformed("issues.deleted without issue.user.id", "issues", () => issuesPayload("deleted"), "issue.user.id", undefined),
    malformed("issue_comment.created without comment.user", "issue_comment", () => commentPayload("created"), "comment.user", undefined),
    malformed(
      "issue_comment.created with a numeric comment.created_at",
      "issue_comment",
      () => commentPayload("created"),
      "comment.created_at",
      1_762_164_000,
    ),
    malformed("issue_comment.deleted with comment.id as a string", "issue_comment", () => commentPayload("deleted"), "comment.id", "77001"),
    malformed(
      "issues.transferred without changes.new_repository",
      "issues",
      () => issueTransferredPayload(),
      "changes.new_repository",
      undefined,
    ),
    malformed(
      "installation.created with an ownerless full_name",
      "installation",
      () => example("installation", "created"),
      "repositories.0.full_name",
      "Hello-World",
    ),
    malformed(
      "installation_repositories.removed with a repository id as a string",
      "installation_repositories",
      () => example("installation_repositories", "removed"),
      "repositories_removed.0.id",
      "1296269",
    ),
  ])("rejects %s with a 400 naming the field, and stores nothing", async (_case, { name, payload, field }) => {
    const { probot } = createTestApp(db());

    const error = await rejectionOf(receive(probot, name, payload()));

    // Probot rejects with the AggregateError of @octokit/webhooks; its HTTP middleware answers
    // GitHub with the status of the first error in it.
    expect(error).toBeInstanceOf(AggregateError);
    const [first, ...others] = (error as AggregateError).errors as Error[];
    expect(others).toEqual([]);
    expect(first).toMatchObject({ name: "PayloadError", status: 400 });
    expect(first?.message).toMatch(new RegExp(`(^|[ ;:])${field.replaceAll(".", "\\.")}: `));
    expect((error as Error).message).toContain(field);
    expect(await countRows(db())).toEqual(NO_ROWS);
  });

  it("names the event in the message of a malformed payload", async () => {
    const { probot } = createTestApp(db());

    const error = await rejectionOf(receive(probot, "issues", withField(issuesPayload("closed"), "issue.user", undefined)));

    expect((error as Error).message).toMatch(/^Malformed issues\.closed payload: issue\.user: /);
  });

  it("stores nothing from a malformed payload even after a valid one of the same issue", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "issues", issuesPayload("opened"));
    const before = await countRows(db());

    const error = await rejectionOf(receive(probot, "issues", withField(issuesPayload("reopened"), "issue.updated_at", "soon")));

    expect(error).toBeInstanceOf(AggregateError);
    expect(await countRows(db())).toEqual(before);
    expect(before).toMatchObject({ issues: 1, deliveries: 1 });
  });
});
