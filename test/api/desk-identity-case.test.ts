import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.js";
import type { TestDatabase } from "../helpers/db.js";
import { backends, useDatabase } from "../helpers/db.js";
import { useEmptyFolderForCli } from "../helpers/cli.js";
import { useOperationsServers } from "../helpers/ops-server.js";
import { seedIssue } from "../model/seed.js";
import { ACME, apiClient, cli, createToken, deskRows, feedback, NOW, OCTO, seedInstallations } from "./support.js";

// Issue 18, item 11: a desk identity is one person in any case (docs/privacy.md). It is stored in
// lower case, so "Ann@x.com" and "ann@x.com" count once and are forgotten and unlinked together.
useEmptyFolderForCli();
const start = useOperationsServers();
const WINDOW = "repo=octo/app&from=2026-11-01&to=2026-11-21";
const SPELLINGS = ["ann@x.com", "ANN@X.COM", "Ann@x.com"];
const LAST_BEFORE = 21;

describe.each(backends)("desk identities in any case on $name", ({ name, create }) => {
  const store = { name, ...useDatabase(create) };
  let base = "";
  beforeAll(async () => {
    base = (await start(store.db(), { clock: () => NOW })).url;
  });

  const identities = async () => (await deskRows(store.db())).map((row) => `${row.installation_id}:${row.desk_identity}`);

  it("counts one person once whatever case the desk sent, and a link in another case finds them", async () => {
    await seedInstallations(store.db());
    await seedIssue(store.db(), { installation: OCTO.id, repo: OCTO.repo.id, number: 1, reporter: 5001, openedAt: "2026-10-01T09:00:00Z" });
    const api = apiClient(base, await createToken(store, OCTO.login));
    const days = ["2026-11-02T09:00:00Z", "2026-11-03T09:00:00Z", "2026-11-04T09:00:00Z"];
    for (const [n, reporter] of SPELLINGS.entries()) {
      expect((await api.post(feedback({ reporter: ` ${reporter} `, occurredAt: days[n] }))).status).toBe(201);
    }
    expect((await api.post(feedback({ reporter: "bob@x.com" }))).status).toBe(201);
    expect(await identities()).toEqual(["100:ann@x.com", "100:ann@x.com", "100:ann@x.com", "100:bob@x.com"]);
    const people = async () => {
      const model = (await api.satisfaction(WINDOW)).body as Record<string, number>;
      return { total: model.total, repeatUsage: model.repeatUsage, marketDemand: model.marketDemand };
    };
    // ann three times (the second and third are repeats), bob once
    expect(await people()).toEqual({ total: 4, repeatUsage: 2, marketDemand: 2 });
    expect(await cli(store, "identity", "link", "--installation", OCTO.login, "--identity", "ANN@x.com", "--login", "user-5001")).toMatch(
      /^linked ann@x\.com to user-5001/,
    );
    // linked to the issue opened before: the first desk experience is a repeat too
    expect(await people()).toEqual({ total: 4, repeatUsage: 3, marketDemand: 2 });
    expect(await cli(store, "identity", "unlink", "--installation", OCTO.login, "--identity", "Ann@X.com")).toMatch(/^unlinked ann@x\.com/);
    expect((await store.db().query("SELECT 1 FROM identity_links")).rowCount).toBe(0);
  });

  it("forget --reporter Ann@x.com removes the ann@x.com and ANN@X.COM rows and leaves others", async () => {
    await seedInstallations(store.db());
    const octo = apiClient(base, await createToken(store, OCTO.login));
    for (const reporter of [...SPELLINGS, "anne@x.com", "ann@x.co"]) expect((await octo.post(feedback({ reporter }))).status).toBe(201);
    const acme = apiClient(base, await createToken(store, ACME.login));
    expect((await acme.post(feedback({ repository: ACME.repo.name, reporter: "ANN@X.COM" }))).status).toBe(201);
    expect(await cli(store, "forget", "--installation", OCTO.login, "--reporter", "Ann@x.com")).toBe(
      "forgot that reporter in installation 100 (octo): 3 experiences deleted (with their comments), 0 identity links deleted",
    );
    expect(await identities()).toEqual(["100:anne@x.com", "100:ann@x.co", "200:ann@x.com"]);
  });
});

describe.each(backends)("migration 022 on $name: desk identities stored before it", ({ create }) => {
  let store: TestDatabase;
  beforeAll(async () => {
    store = await create(LAST_BEFORE);
  });
  afterAll(async () => store.drop());

  it("brings experiences and links to lower case, keeping the latest of links that differ only in case", async () => {
    await store.db.exec(`
      INSERT INTO installations (id, account_login) VALUES (100, 'octo');
      INSERT INTO repositories (installation_id, id, full_name) VALUES (100, 700, 'octo/app');
      INSERT INTO experiences (installation_id, repository_id, channel, desk_identity, outcome, closed_at, answered_at, received_at)
      SELECT 100, 700, 'email', spelling, 'positive', '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z'
      FROM unnest(ARRAY['Ann@x.com', 'ann@x.com', 'ANN@X.COM', 'bob@x.com']) AS spelling;
      INSERT INTO identity_links (installation_id, desk_identity, github_user_id, github_login, linked_at) VALUES
        (100, 'Ann@x.com', 1, 'old-ann', '2026-11-01T00:00:00Z'), (100, 'ANN@X.COM', 2, 'new-ann', '2026-11-05T00:00:00Z'),
        (100, 'Bob@X.com', 3, 'bob', '2026-11-01T00:00:00Z');
    `);
    await migrate(store.db);
    const experiences = await store.db.query<{ desk_identity: string }>("SELECT desk_identity FROM experiences ORDER BY id");
    expect(experiences.rows.map((row) => row.desk_identity)).toEqual(["ann@x.com", "ann@x.com", "ann@x.com", "bob@x.com"]);
    const links = await store.db.query("SELECT desk_identity, github_login FROM identity_links ORDER BY desk_identity");
    expect(links.rows).toEqual([
      { desk_identity: "ann@x.com", github_login: "new-ann" },
      { desk_identity: "bob@x.com", github_login: "bob" },
    ]);
  });
});
