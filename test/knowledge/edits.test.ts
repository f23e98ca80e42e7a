import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { mockToken, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { example, issuesPayload, issueTransferredPayload, REPORTER } from "../helpers/fixtures.js";
import { createConfiguredApp } from "../config/support.js";
import { rowsOf } from "../webhooks/support.js";
import { mockAnswerPost, mockFaqFile, seedEarlierIssue, seedKnowledgeRepository } from "./support.js";

// Issue 18, item 4: what the knowledge base quotes of an earlier issue is what the issue says now.
// A detail its reporter redacted after the close is quoted no more; a deleted or transferred issue
// is not quoted at all.
const SECRET = "db-password hunter2 on proxy.internal.initech.example";
const EARLIER = {
  number: 7,
  title: "Proxy settings ignored behind corporate firewall",
  body: `The CLI does not use HTTPS_PROXY; requests time out (${SECRET}). Setting proxy in the config file worked.`,
};
const REDACTED = "The CLI does not use HTTPS_PROXY; requests time out. Setting proxy in the config file worked.";

/** A new issue (number 20) from outside the team that issue 7 and the FAQ answer. */
function newIssue() {
  const payload = issuesPayload("opened", { number: 20, reporter: REPORTER });
  Object.assign(payload.issue as object, {
    title: "Requests time out behind our corporate proxy",
    body: "The CLI ignores HTTPS_PROXY at work, so every request times out behind the corporate proxy.",
  });
  return payload;
}

/** GitHub's issues.edited example, for issue 7 closed, now saying `title` and `body`. */
function editedPayload(title: string, body: string) {
  const closed = issuesPayload("closed", { number: 7, closedAt: "2026-10-20T10:00:00Z" });
  return {
    ...example("issues", "edited"),
    ...closed,
    action: "edited",
    changes: { body: { from: EARLIER.body } },
    issue: { ...(closed.issue as object), title, body },
  };
}

const documents = (db: Db) => rowsOf(db, "SELECT issue_number, title, body FROM knowledge_documents WHERE source = 'issue'");

describe.each(backends)("the knowledge base follows edits, deletions and transfers, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  async function setUp() {
    await seedKnowledgeRepository(db());
    await seedEarlierIssue(db(), EARLIER);
    const { probot } = createConfiguredApp(db());
    mockToken();
    return probot;
  }

  async function answerToNewIssue(probot: Awaited<ReturnType<typeof setUp>>): Promise<string> {
    mockFaqFile();
    const bodies: string[] = [];
    mockAnswerPost(bodies);
    await receive(probot, "issues", newIssue());
    expect(bodies).toHaveLength(1);
    return bodies[0]!;
  }

  it("quotes an issue as edited after its close: a redacted detail is quoted no more, and its stored title follows", async () => {
    const probot = await setUp();
    await receive(probot, "issues", editedPayload("Proxy settings ignored (redacted)", REDACTED));
    expect(await documents(db())).toEqual([{ issue_number: 7, title: "Proxy settings ignored (redacted)", body: REDACTED }]);
    expect(await rowsOf(db(), "SELECT title FROM issues WHERE number = 7")).toEqual([{ title: "Proxy settings ignored (redacted)" }]);

    const answer = await answerToNewIssue(probot);
    expect(answer).toContain("- [#7 Proxy settings ignored (redacted)](https://github.com/Codertocat/Hello-World/issues/7)");
    expect(answer).not.toContain("hunter2");
    expect(answer).not.toContain("initech");
  });

  it("quotes a deleted issue no more", async () => {
    const probot = await setUp();
    await receive(probot, "issues", issuesPayload("deleted", { number: 7 }));
    expect(await documents(db())).toEqual([]);
    const answer = await answerToNewIssue(probot);
    expect(answer).not.toContain("#7");
    expect(answer).toContain("FAQ: ");
  });

  it("quotes a transferred issue no more, in its old repository or its new one", async () => {
    const probot = await setUp();
    const transferred = issueTransferredPayload({ issuesEvent: issuesPayload("closed", { number: 7 }), newNumber: 3 });
    const changes = transferred.changes as { new_repository: Record<string, unknown> };
    Object.assign(changes.new_repository, { id: 5_550_777, name: "moved-to", full_name: "Codertocat/moved-to" });
    await receive(probot, "issues", transferred);
    expect(await documents(db())).toEqual([]);
    expect(await rowsOf(db(), "SELECT repository_id, number FROM issues")).toEqual([{ repository_id: 5_550_777, number: 3 }]);
    const answer = await answerToNewIssue(probot);
    expect(answer).not.toContain("hunter2");
    expect(answer).not.toContain("#7");
  });
});
