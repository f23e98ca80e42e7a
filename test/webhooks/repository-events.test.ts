import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { publicRepositoryNamed } from "../../src/queries/public-repository.js";
import { createTestApp, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, issuesPayload } from "../helpers/fixtures.js";
import { repositoryPayload, rowsOf } from "./support.js";

// Issue 18: the stored visibility, name and presence of a repository follow GitHub's repository events.
const CLOCK = new Date("2026-11-03T10:00:05Z");
const HELLO = { id: 186_853_002, full_name: "Codertocat/Hello-World", private: false };

const stored = (db: Db) => rowsOf(db, "SELECT id, full_name, private, removed_at FROM repositories ORDER BY id");

describe.each(backends)("repository events on $name", ({ create }) => {
  const { db } = useDatabase(create);

  async function storeHello(repository: { id: number; full_name: string; private: boolean } = HELLO) {
    const app = createTestApp(db(), () => CLOCK);
    await receive(app.probot, "issues", issuesPayload("opened", { repository }));
    return app;
  }

  it("privatized and publicized flip the stored flag once per delivery, and the badge follows it", async () => {
    const { probot } = await storeHello();
    expect(await publicRepositoryNamed(db(), HELLO.full_name)).toEqual({ installationId: INSTALLATION_ID, id: HELLO.id });

    await receive(probot, "repository", repositoryPayload("privatized", { ...HELLO, private: true }, INSTALLATION_ID), "privatized-1");
    expect(await stored(db())).toEqual([{ ...HELLO, private: true, removed_at: null }]);
    expect(await publicRepositoryNamed(db(), HELLO.full_name)).toBeNull();

    await receive(probot, "repository", repositoryPayload("publicized", HELLO, INSTALLATION_ID));
    expect(await stored(db())).toEqual([{ ...HELLO, removed_at: null }]);
    expect(await publicRepositoryNamed(db(), HELLO.full_name)).toEqual({ installationId: INSTALLATION_ID, id: HELLO.id });

    // A redelivery of the privatized event (same GUID) is recorded already and changes nothing.
    await receive(probot, "repository", repositoryPayload("privatized", { ...HELLO, private: true }, INSTALLATION_ID), "privatized-1");
    expect(await stored(db())).toEqual([{ ...HELLO, removed_at: null }]);
    expect(await rowsOf(db(), "SELECT event FROM deliveries WHERE event LIKE 'repository.%' ORDER BY event")).toEqual([
      { event: "repository.privatized" },
      { event: "repository.publicized" },
    ]);
  });

  it("renamed changes the stored full name, so the badge and the summaries find it by its new name", async () => {
    const { probot } = await storeHello();

    await receive(probot, "repository", repositoryPayload("renamed", { ...HELLO, full_name: "Codertocat/Hi-World" }, INSTALLATION_ID));

    expect(await stored(db())).toEqual([{ ...HELLO, full_name: "Codertocat/Hi-World", removed_at: null }]);
    expect(await publicRepositoryNamed(db(), HELLO.full_name)).toBeNull();
    expect(await publicRepositoryNamed(db(), "Codertocat/Hi-World")).not.toBeNull();
  });

  it("deleted marks the repository removed, as taken out of the installation; a late event does not bring it back", async () => {
    const { probot } = await storeHello();

    await receive(probot, "repository", repositoryPayload("deleted", HELLO, INSTALLATION_ID));
    expect(await stored(db())).toEqual([{ ...HELLO, removed_at: CLOCK }]);
    expect(await publicRepositoryNamed(db(), HELLO.full_name)).toBeNull();

    await receive(probot, "repository", repositoryPayload("publicized", HELLO, INSTALLATION_ID));
    expect(await stored(db())).toEqual([{ ...HELLO, removed_at: CLOCK }]);
  });

  it("transferred to an account other than the installation's marks it removed; to the installation's own, refreshes it", async () => {
    const { probot } = await storeHello();
    await db().query("UPDATE installations SET account_login = 'Codertocat'");
    const moved = { ...HELLO, full_name: "Octocoders/Hello-World", private: true };

    await receive(probot, "repository", repositoryPayload("transferred", moved, INSTALLATION_ID));
    expect(await stored(db())).toEqual([{ ...HELLO, removed_at: CLOCK }]);

    await db().query("UPDATE repositories SET removed_at = NULL");
    await db().query("UPDATE installations SET account_login = 'octocoders'");
    await receive(probot, "repository", repositoryPayload("transferred", moved, INSTALLATION_ID));
    expect(await stored(db())).toEqual([{ ...moved, removed_at: null }]);
  });
});
