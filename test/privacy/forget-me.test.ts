import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { createTestApp, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";
import {
  commentWithBody,
  installationRowsText,
  mockConfirmation,
  OTHER_INSTALLATION,
  OTHER_REPO,
  OTHER_REPORTER,
  seed,
  snapshot,
} from "./support.js";

const HELLO_WORLD_ID = 186_853_002;
const FORGET_ME = "Thanks for the help.\n   /Satisfaction   FORGET-ME  \nBye";

const reporterRows = (db: Db, table: string) =>
  rowsOf(db, `SELECT installation_id, issue_number, reporter_id FROM ${table} ORDER BY installation_id, issue_number`);

describe("/satisfaction forget-me", () => {
  const { db } = useDatabase(createTestDatabase);

  it("deletes the person's surveys and experiences, scrubs their login in that installation only, and confirms", async () => {
    const { probot } = createTestApp(db());
    const closed = await seed(probot);
    const otherInstallation = await snapshot(db(), OTHER_INSTALLATION);
    const confirm = mockConfirmation(REPORTER.login, {
      check: (body) =>
        body.includes("2 ratings and 2 surveys") && body.includes("from 2 issues you opened") && body.includes("not be asked"),
    });

    await receive(probot, "issue_comment", commentWithBody(closed, REPORTER, FORGET_ME));

    expect(confirm.isDone()).toBe(true);
    const kept = [
      { installation_id: INSTALLATION_ID, issue_number: 2, reporter_id: OTHER_REPORTER.id },
      { installation_id: OTHER_INSTALLATION, issue_number: 1, reporter_id: REPORTER.id },
    ];
    expect(await reporterRows(db(), "surveys")).toEqual(kept);
    expect(await reporterRows(db(), "experiences")).toEqual(kept);
    expect(
      await rowsOf(
        db(),
        "SELECT repository_id, number, reporter_id, reporter_login, title, reporter_type, state FROM issues WHERE installation_id = $1 ORDER BY number",
        [INSTALLATION_ID],
      ),
    ).toEqual([
      {
        repository_id: HELLO_WORLD_ID,
        number: 1,
        reporter_id: 0,
        reporter_login: "ghost",
        title: "",
        reporter_type: "User",
        state: "closed",
      },
      {
        repository_id: HELLO_WORLD_ID,
        number: 2,
        reporter_id: OTHER_REPORTER.id,
        reporter_login: OTHER_REPORTER.login,
        title: "Spelling error in the README file",
        reporter_type: "User",
        state: "closed",
      },
      {
        repository_id: OTHER_REPO.id,
        number: 3,
        reporter_id: 0,
        reporter_login: "ghost",
        title: "",
        reporter_type: "User",
        state: "closed",
      },
    ]);
    const stored = await installationRowsText(db(), INSTALLATION_ID);
    expect(stored).not.toContain(REPORTER.login);
    expect(stored.match(new RegExp(String(REPORTER.id), "g"))).toHaveLength(1); // the opt-out's user id, nothing else
    expect(await rowsOf(db(), "SELECT * FROM opt_outs")).toEqual([
      {
        installation_id: INSTALLATION_ID,
        user_id: REPORTER.id,
        opted_out_at: new Date("2026-11-04T09:00:00Z"),
        confirmation_comment_id: 990,
        confirmed_at: new Date("2026-11-04T09:00:02Z"),
      },
    ]);
    expect(await snapshot(db(), OTHER_INSTALLATION)).toEqual(otherInstallation);
  });

  it("confirms once: a redelivery and a repeated command post nothing more", async () => {
    const { probot } = createTestApp(db());
    const closed = await seed(probot);
    mockConfirmation(REPORTER.login);
    const command = commentWithBody(closed, REPORTER, "/satisfaction forget-me");
    const id = await receive(probot, "issue_comment", command);
    const after = await snapshot(db(), INSTALLATION_ID);

    await receive(probot, "issue_comment", command, id);
    await receive(probot, "issue_comment", commentWithBody(closed, REPORTER, "/satisfaction FORGET-ME", { commentId: 88_002 }));

    expect(await snapshot(db(), INSTALLATION_ID)).toEqual(after);
    expect(await rowsOf(db(), "SELECT count(*)::int AS n FROM deliveries WHERE event = 'issue_comment.created'")).toEqual([{ n: 2 }]);
  });

  it("never asks again: a later close of their issue and a new issue of theirs call no GitHub API", async () => {
    const { probot } = createTestApp(db());
    const closed = await seed(probot);
    mockConfirmation(REPORTER.login);
    await receive(probot, "issue_comment", commentWithBody(closed, REPORTER, "/satisfaction forget-me"));

    await receive(probot, "issues", issuesPayload("reopened", { updatedAt: "2026-11-05T09:00:00Z" }));
    await receive(probot, "issues", issuesPayload("closed", { closedAt: "2026-11-06T09:00:00Z" }));
    await receive(
      probot,
      "issues",
      issuesPayload("closed", { number: 5, createdAt: "2026-11-06T10:00:00Z", closedAt: "2026-11-07T09:00:00Z" }),
    );

    expect(await rowsOf(db(), "SELECT issue_number FROM surveys WHERE installation_id = $1", [INSTALLATION_ID])).toEqual([
      { issue_number: 2 },
    ]);
    expect(
      await rowsOf(
        db(),
        "SELECT number, reporter_id, reporter_login, title, closed_at FROM issues WHERE installation_id = $1 AND number IN (1, 5) ORDER BY number",
        [INSTALLATION_ID],
      ),
    ).toEqual([
      { number: 1, reporter_id: 0, reporter_login: "ghost", title: "", closed_at: new Date("2026-11-06T09:00:00Z") },
      { number: 5, reporter_id: 0, reporter_login: "ghost", title: "", closed_at: new Date("2026-11-07T09:00:00Z") },
    ]);
  });
});
