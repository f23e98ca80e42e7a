import { describe, expect, it } from "vitest";
import { createTestApp, mockToken, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { example, INSTALLATION_ID, issuesPayload } from "../helpers/fixtures.js";
import { uninstall } from "../helpers/uninstall.js";
import { countRows, mockSurveyPost, rowsOf } from "./support.js";

// GitHub's installation.deleted and installation_repositories.removed examples are about
// installation 2 and its repository octocat/Hello-World.
const OCTOCAT_INSTALLATION = 2;
const OCTOCAT_REPO = { id: 1_296_269, full_name: "octocat/Hello-World", private: false };
const SPOON_KNIFE = { id: 1_300_192, full_name: "octocat/Spoon-Knife", private: false };
const CLOCK = new Date("2026-11-03T10:00:05Z");

const byInstallation = (table: string) => `SELECT installation_id, count(*)::int AS n FROM ${table} GROUP BY 1 ORDER BY 1`;

describe("installation events", () => {
  const { db } = useDatabase(createTestDatabase);

  it("stores the installation and its repositories from GitHub's installation.created example", async () => {
    const { probot, deps } = createTestApp(db());
    deps.backfillDays = 0; // the import of their history is tested in test/backfill

    await receive(probot, "installation", example("installation", "created"));

    expect(await rowsOf(db(), "SELECT id, account_login, account_type, suspended_at FROM installations")).toEqual([
      { id: 957_387, account_login: "Codertocat", account_type: "User", suspended_at: null },
    ]);
    expect(await rowsOf(db(), "SELECT installation_id, id, full_name, private, removed_at FROM repositories")).toEqual([
      { installation_id: 957_387, id: 186_853_002, full_name: "Codertocat/Hello-World", private: false, removed_at: null },
    ]);
    expect(await rowsOf(db(), "SELECT installation_id, event FROM deliveries")).toEqual([
      { installation_id: 957_387, event: "installation.created" },
    ]);
  });

  it("removes every row of an uninstalled installation and leaves another installation's rows alone", async () => {
    const { probot } = createTestApp(db());
    mockToken(undefined, OCTOCAT_INSTALLATION);
    mockToken(undefined, INSTALLATION_ID);
    const octocatAsk = mockSurveyPost({ repoPath: "/repos/octocat/Hello-World", commentId: 800 });
    const otherAsk = mockSurveyPost({ commentId: 900 });
    const octocat = { installationId: OCTOCAT_INSTALLATION, repository: OCTOCAT_REPO };
    await receive(probot, "issues", issuesPayload("closed", octocat));
    await receive(probot, "issues", issuesPayload("opened", { ...octocat, number: 2 }));
    await receive(probot, "issues", issuesPayload("closed"));
    expect([octocatAsk.isDone(), otherAsk.isDone()]).toEqual([true, true]);
    expect(await rowsOf(db(), byInstallation("deliveries"))).toEqual([
      { installation_id: OCTOCAT_INSTALLATION, n: 2 },
      { installation_id: INSTALLATION_ID, n: 1 },
    ]);

    // Erased once GitHub confirms the uninstall (test/privacy/uninstall-confirmed.test.ts).
    await uninstall(probot, db(), example("installation", "deleted"));

    for (const table of ["repositories", "issues", "surveys", "experiences", "deliveries"]) {
      expect(await rowsOf(db(), byInstallation(table)), table).toEqual([{ installation_id: INSTALLATION_ID, n: 1 }]);
    }
    expect(await rowsOf(db(), "SELECT id FROM installations")).toEqual([{ id: INSTALLATION_ID }]);
    expect(await rowsOf(db(), "SELECT status, comment_id FROM surveys")).toEqual([{ status: "asked", comment_id: 900 }]);
  });

  it("marks a repository taken out of the installation as removed and keeps its history", async () => {
    const { probot, deps } = createTestApp(db(), () => CLOCK);
    deps.backfillDays = 0; // the import of a re-added repository's history is tested in test/backfill
    const inOctocat = (repository: typeof OCTOCAT_REPO) => issuesPayload("opened", { installationId: OCTOCAT_INSTALLATION, repository });
    await receive(probot, "issues", inOctocat(OCTOCAT_REPO));
    await receive(probot, "issues", inOctocat(SPOON_KNIFE));

    await receive(probot, "installation_repositories", example("installation_repositories", "removed"));

    expect(await rowsOf(db(), "SELECT id, full_name, removed_at FROM repositories ORDER BY id")).toEqual([
      { id: OCTOCAT_REPO.id, full_name: OCTOCAT_REPO.full_name, removed_at: CLOCK },
      { id: SPOON_KNIFE.id, full_name: SPOON_KNIFE.full_name, removed_at: null },
    ]);
    expect(await countRows(db())).toMatchObject({ installations: 1, issues: 2, deliveries: 3 });

    // A late (or redelivered) event from the removed repository does not bring it back...
    await receive(probot, "issues", issuesPayload("opened", { number: 2, installationId: OCTOCAT_INSTALLATION, repository: OCTOCAT_REPO }));
    expect(await rowsOf(db(), "SELECT removed_at FROM repositories WHERE id = $1", [OCTOCAT_REPO.id])).toEqual([{ removed_at: CLOCK }]);
    // ...adding it to the installation again does.
    const added = example("installation_repositories", "added");
    Object.assign(added.installation as object, { id: OCTOCAT_INSTALLATION });
    added.repositories_added = [OCTOCAT_REPO];
    await receive(probot, "installation_repositories", added);
    expect(await rowsOf(db(), "SELECT removed_at FROM repositories WHERE id = $1", [OCTOCAT_REPO.id])).toEqual([{ removed_at: null }]);
  });

  it("records the suspension time GitHub gives and clears it on unsuspend", async () => {
    const { probot } = createTestApp(db());

    await receive(probot, "installation", example("installation", "suspend"));
    const suspended = await rowsOf(db(), "SELECT id, suspended_at FROM installations");
    expect(suspended).toEqual([{ id: 16_598_467, suspended_at: new Date("2021-04-29T02:32:50Z") }]);

    await receive(probot, "installation", example("installation", "unsuspend"));
    expect(await rowsOf(db(), "SELECT id, suspended_at FROM installations")).toEqual([{ id: 16_598_467, suspended_at: null }]);
  });
});
