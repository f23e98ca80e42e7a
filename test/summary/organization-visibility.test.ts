import nock from "nock";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { API } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { seedDeskExperience } from "../model/seed.js";
import { rowsOf } from "../webhooks/support.js";
import { INSTALLATION, LISTED, ORG_CONFIG, PUBLIC, REPORTS, SECRET, SECRET_NAMES, seedOrganization } from "./organization-support.js";
import type { IssueRequest } from "./support.js";
import { at, expectIssue, expectRepositoriesListed, expectRepositoryRead, summaryRows, sweepSummaries } from "./support.js";

// Issue 18: an organisation summary posted in a public repository shows nothing of a private one,
// whatever the stored flag of its target says: GitHub is asked before it is posted.
const MONDAY_9 = at("2026-11-23T09:00:00Z");

/** A desk's experience in 2026-W47 on `repository`. */
const desk = (db: Db, repository: { id: number }, channel: string, identity: string, at: string, outcome: "positive" | "negative") =>
  seedDeskExperience(db, { installation: INSTALLATION, repo: repository.id, channel, identity, at, outcome });

/** The rows of the summary's "By channel" table, by channel name. */
const channelRows = (body: string) => body.split("\n").filter((line) => /^\| (Issues|Discussions|Chat|Email) \|/.test(line));

describe.each(backends)("an organisation summary's visibility on $name", ({ create }) => {
  const { db } = useDatabase(create);

  async function postOne(): Promise<string> {
    const posted: IssueRequest[] = [];
    expectIssue(REPORTS.fullName, 7, posted);
    expect(await sweepSummaries((await deps()).deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });
    return posted[0]?.body ?? "";
  }
  let deps: () => ReturnType<typeof seedOrganization>;

  async function seed(targetPrivate: boolean) {
    const seeded = seedOrganization(db(), { targetPrivate, config: ORG_CONFIG });
    deps = () => seeded;
    await seeded;
    // A desk channel on each: chat on the public repository, email only on the private one.
    await desk(db(), PUBLIC, "chat", "pat-chat", "2026-11-18T12:00:00Z", "positive");
    await desk(db(), SECRET, "email", "falcon@secret.example", "2026-11-19T12:00:00Z", "negative");
    await desk(db(), SECRET, "email", "owl@secret.example", "2026-11-20T12:00:00Z", "negative");
  }

  it("asks GitHub: a target stored as private but public now gets nothing of a private repository, and the flag is stored", async () => {
    await seed(true);
    expectRepositoryRead({ ...REPORTS, private: false });
    expectRepositoriesListed(LISTED);

    const body = await postOne();

    for (const secret of [...SECRET_NAMES, "Email"]) expect(body, `leaks ${secret}`).not.toContain(secret);
    expect(body).toContain("- acme/public-app#12 Slow builds on Windows (closed 2026-11-17)");
    // acme/public-app's issues #12 negative and #13 positive, and one positive by chat: 1/3, the headline of the public ones alone.
    expect(body).toContain("**Satisfaction 33.3 %** (new)");
    expect(channelRows(body).map((row) => row.split(" | ")[0])).toEqual(["| Issues", "| Chat"]);
    expect(await rowsOf(db(), "SELECT private FROM repositories WHERE id = $1", [REPORTS.id])).toEqual([{ private: false }]);
  });

  it("leaves a desk channel used only on a private repository out of a public summary's channel table", async () => {
    await seed(false);
    expectRepositoryRead({ ...REPORTS, private: false });
    expectRepositoriesListed(LISTED);

    const rows = channelRows(await postOne());

    // acme/public-app: issues #12 negative, #13 positive; chat one positive.
    expect(rows).toEqual(["| Issues | 0.0 % | 2 | 1 | 1 | 0 | 0 | 1 h |", "| Chat | 100.0 % | 1 | 1 | 0 | 0 | 0 | — |"]);
  });

  it("shows the private repositories' channels in a private target", async () => {
    await seed(false);
    expectRepositoryRead({ ...REPORTS, private: true });

    const rows = channelRows(await postOne());

    expect(rows.map((row) => row.split(" | ")[0])).toEqual(["| Issues", "| Chat", "| Email"]);
  });

  it("posts in public exactly what the public repositories alone would give: totals less public rows tell nothing", async () => {
    await seed(false);
    expectRepositoryRead({ ...REPORTS, private: false });
    expectRepositoriesListed(LISTED);
    const withSecret = await postOne();

    // The same week again, as if acme/secret-app had never been installed.
    await db().query("UPDATE repositories SET removed_at = now() WHERE id = $1", [SECRET.id]);
    await db().query("DELETE FROM summaries");
    expectRepositoryRead({ ...REPORTS, private: false });
    expectRepositoriesListed(LISTED);
    const withoutSecret = await postOne();

    expect(withSecret).toBe(withoutSecret);
  });

  it("asks GitHub for every repository's visibility: one made private whose event never came is left out, and its flag stored", async () => {
    await seed(false);
    expectRepositoryRead({ ...REPORTS, private: false });
    expectRepositoriesListed([
      { ...REPORTS, private: false },
      { ...PUBLIC, private: true },
      { ...SECRET, private: true },
    ]);

    const body = await postOne();

    for (const name of ["public-app", "#12", "Slow builds", ...SECRET_NAMES]) expect(body, `leaks ${name}`).not.toContain(name);
    expect(body).toContain("Experiences: 0 positive / 0 negative / 0 neutral / 0 pending");
    expect(await rowsOf(db(), "SELECT private FROM repositories WHERE id = $1", [PUBLIC.id])).toEqual([{ private: true }]);
  });

  it("posts nothing in public while GitHub cannot list the repositories, and keeps the summary to retry", async () => {
    await seed(false);
    expectRepositoryRead({ ...REPORTS, private: false });
    nock(API).get("/installation/repositories").query(true).reply(502, { message: "Bad Gateway" });

    expect(await sweepSummaries((await deps()).deps, MONDAY_9)).toEqual({ posted: 0, failed: 1 });
    expect(await summaryRows(db())).toEqual([
      expect.objectContaining({ status: "pending", work_state: "pending", attempts: 1, last_error: "Bad Gateway" }),
    ]);
  });

  it("posts nothing when GitHub no longer has the target", async () => {
    await seed(false);
    nock(API).get(`/repos/${REPORTS.fullName}`).reply(404, { message: "Not Found" });

    expect(await sweepSummaries((await deps()).deps, MONDAY_9)).toEqual({ posted: 0, failed: 0 });
    expect(await summaryRows(db())).toEqual([expect.objectContaining({ status: "pending", work_state: null })]);
  });

  it("plans no public summary for a week in which only a private repository had activity", async () => {
    await seed(false);
    await db().query("DELETE FROM experiences WHERE repository_id = $1", [PUBLIC.id]);
    const before = "opened_at = '2026-11-01T00:00:00Z', closed_at = '2026-11-01T00:00:00Z', first_response_at = NULL";
    await db().query(`UPDATE issues SET ${before} WHERE repository_id = $1`, [PUBLIC.id]);

    expect(await sweepSummaries((await deps()).deps, MONDAY_9)).toEqual({ posted: 0, failed: 0 });
    expect(await summaryRows(db())).toEqual([]);
  });
});
