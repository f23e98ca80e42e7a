import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordIssue } from "../../src/tracking/record-issue.js";
import { issueEventSchema } from "../../src/payloads.js";
import { createTestApp, receive } from "../helpers/app.js";
import { backends, createTestDatabase, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { countRows, NO_ROWS, rowsOf } from "./support.js";

// issues.opened is stored in one statement (delivery, installation, repository, issue) with no
// transaction around it: the guarantees of a transaction must hold all the same.
const OTHER_REPOSITORY = { id: 900_001, full_name: "Codertocat/Other", private: false };

describe.each(backends)("an issues.opened delivery on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("is stored once when it arrives three times at once", async () => {
    const { probot } = createTestApp(db());
    const id = randomUUID();

    await Promise.all([1, 2, 3].map(() => receive(probot, "issues", issuesPayload("opened"), id)));

    expect(await countRows(db())).toEqual({ ...NO_ROWS, installations: 1, repositories: 1, issues: 1, deliveries: 1 });
    expect(await rowsOf(db(), "SELECT id, event FROM deliveries")).toEqual([{ id, event: "issues.opened" }]);
  });

  it("leaves nothing behind when it fails, and applies whole when it comes again", async () => {
    const { probot } = createTestApp(db());
    const id = randomUUID();
    const payload = issuesPayload("opened");
    // PostgreSQL refuses a NUL character in text: the issue's insert fails after the others ran.
    (payload.issue as Record<string, unknown>).title = "broken \u0000 title";

    await expect(receive(probot, "issues", payload, id)).rejects.toThrow();
    expect(await countRows(db())).toEqual(NO_ROWS);

    await receive(probot, "issues", issuesPayload("opened"), id);
    expect(await countRows(db())).toEqual({ ...NO_ROWS, installations: 1, repositories: 1, issues: 1, deliveries: 1 });
  });

  it("stores the issue of a reporter who asked to be forgotten anonymous", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "issues", issuesPayload("opened", { number: 1 }));
    await db().query("INSERT INTO opt_outs (installation_id, user_id, opted_out_at) VALUES ($1, $2, now())", [
      INSTALLATION_ID,
      REPORTER.id,
    ]);

    await receive(probot, "issues", issuesPayload("opened", { number: 2 }));

    expect(await rowsOf(db(), "SELECT number, reporter_id, reporter_login, title FROM issues ORDER BY number")).toEqual([
      { number: 1, reporter_id: REPORTER.id, reporter_login: REPORTER.login, title: expect.stringMatching(/.+/) },
      { number: 2, reporter_id: 0, reporter_login: "ghost", title: "" },
    ]);
  });

  it("rewrites its repository only when something changed (a rename), and never its installation", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "issues", issuesPayload("opened", { number: 1 }));
    const versions = "SELECT (SELECT xmin::text FROM installations) AS installation, (SELECT xmin::text FROM repositories) AS repository";
    const [first] = await rowsOf<{ installation: string; repository: string }>(db(), versions);

    await receive(probot, "issues", issuesPayload("opened", { number: 2 }));
    expect(await rowsOf(db(), versions)).toEqual([first]);

    const { id } = issuesPayload("opened").repository as { id: number };
    await receive(probot, "issues", issuesPayload("opened", { number: 3, repository: { id, full_name: "Codertocat/Renamed" } }));
    const [renamed] = await rowsOf<{ installation: string; repository: string }>(db(), versions);
    expect(renamed?.installation).toBe(first?.installation);
    expect(renamed?.repository).not.toBe(first?.repository);
    expect(await rowsOf(db(), "SELECT full_name FROM repositories")).toEqual([{ full_name: "Codertocat/Renamed" }]);
  });
});

describe("an installation's deliveries on postgres", () => {
  const { db } = useDatabase(createTestDatabase);

  it("do not wait for one another: one is stored while another's transaction is still open", async () => {
    const { probot } = createTestApp(db());
    await receive(probot, "issues", issuesPayload("opened", { number: 1 }));
    const first = issueEventSchema.parse(issuesPayload("closed", { number: 1 }));
    const timeout = new Promise((resolve) => setTimeout(resolve, 3000, "waited"));

    const outcome = await db().transaction(async (tx) => {
      await recordIssue(tx, first);
      const other = issuesPayload("opened", { number: 2, repository: OTHER_REPOSITORY });
      return Promise.race([receive(probot, "issues", other).then(() => "stored"), timeout]);
    });

    expect(outcome).toBe("stored");
    expect(await countRows(db())).toMatchObject({ installations: 1, repositories: 2, issues: 2, deliveries: 2 });
  });
});
