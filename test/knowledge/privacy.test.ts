import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { forgetPerson } from "../../src/privacy/forget.js";
import { applyRetention } from "../../src/privacy/retention.js";
import { deleteInstallation } from "../../src/queries/installations.js";
import { deleteIssue } from "../../src/queries/issues.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, REPORTER } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";
import { REF, seedEarlierIssue, seedKnowledgeRepository } from "./support.js";

const OTHER = { id: 5_550_002, login: "someone-else" };

/** Two earlier issues with their text (issue 1 by REPORTER, 2 by OTHER), and an answer to each with a rejected link. */
async function seed(db: Db) {
  await seedKnowledgeRepository(db);
  await seedEarlierIssue(db, { number: 1, title: "Proxy", body: "Proxy settings ignored" });
  await seedEarlierIssue(db, { number: 2, title: "Export", body: "CSV export" });
  await db.query("UPDATE issues SET reporter_id = $1, closed_at = '2024-01-01T00:00:00Z' WHERE number = 2", [OTHER.id]);
  for (const [number, reporter] of [
    [1, REPORTER.id],
    [2, OTHER.id],
  ] as const) {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO knowledge_answers (installation_id, repository_id, issue_number, reporter_id, status, query_key, links, created_at)
       VALUES ($1, $2, $3, $4, 'ended', $5, '[{"key": "issue:9"}]', $6) RETURNING id`,
      [INSTALLATION_ID, REF.repositoryId, number, reporter, `q${number}`, number === 1 ? "2026-11-01T00:00:00Z" : "2024-01-01T00:00:00Z"],
    );
    await db.query(
      "INSERT INTO knowledge_rejections (installation_id, repository_id, query_key, link_key, answer_id, rejected_at) VALUES ($1, $2, $3, 'issue:9', $4, now())",
      [INSTALLATION_ID, REF.repositoryId, `q${number}`, rows[0]!.id],
    );
  }
}

const stored = async (db: Db) => ({
  documents: (await rowsOf<{ n: number }>(db, "SELECT issue_number AS n FROM knowledge_documents ORDER BY 1")).map((row) => row.n),
  answers: (await rowsOf<{ n: number }>(db, "SELECT issue_number AS n FROM knowledge_answers ORDER BY 1")).map((row) => row.n),
  rejections: (await rowsOf<{ k: string }>(db, "SELECT query_key AS k FROM knowledge_rejections ORDER BY 1")).map((row) => row.k),
});

describe.each(backends)("the knowledge base's stored text and answers are deleted, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("with forget-me: the text of the person's issues and the answers made to them", async () => {
    await seed(db());
    await db().transaction((tx) => forgetPerson(tx, INSTALLATION_ID, REPORTER, new Date("2026-11-05T00:00:00Z")));
    expect(await stored(db())).toEqual({ documents: [2], answers: [2], rejections: ["q2"] });
  });

  it("with retention (issues closed, answers made, before the cutoff), a deleted issue, and uninstall", async () => {
    await seed(db());
    await applyRetention(db(), new Date("2026-11-05T00:00:00Z"), 730);
    expect(await stored(db())).toEqual({ documents: [1], answers: [1], rejections: ["q1"] });
    await deleteIssue(db(), { ...REF, number: 1 });
    expect(await stored(db())).toEqual({ documents: [], answers: [], rejections: [] });
  });

  it("with uninstall: everything", async () => {
    await seed(db());
    await db().transaction((tx) => deleteInstallation(tx, INSTALLATION_ID));
    expect(await stored(db())).toEqual({ documents: [], answers: [], rejections: [] });
  });
});
