import { beforeAll, describe, expect, it } from "vitest";
import { applyRetention } from "../../src/privacy/retention.js";
import { forgetPerson } from "../../src/privacy/forget.js";
import { backends, useDatabase } from "../helpers/db.js";
import { useEmptyFolderForCli } from "../helpers/cli.js";
import { confirmAsApp, mockInstallationLookup, uninstallPayload } from "../helpers/uninstall.js";
import { postWebhook } from "../helpers/http.js";
import { useOperationsServers } from "../helpers/ops-server.js";
import { seedIssue } from "../model/seed.js";
import { ACME, apiClient, cli, createToken, deskRows, feedback, NOW, OCTO, seedInstallations } from "./support.js";

// Desk reporters are people too: forget --reporter, forget-me through a link, retention and uninstall.
useEmptyFolderForCli();
const start = useOperationsServers();

describe.each(backends)("desk identities' privacy on $name", ({ name, create }) => {
  const store = { name, ...useDatabase(create) };
  let base = "";
  beforeAll(async () => {
    base = (await start(store.db(), { clock: () => NOW })).url;
  });

  async function seedDesk() {
    await seedInstallations(store.db());
    await seedIssue(store.db(), { installation: OCTO.id, repo: OCTO.repo.id, number: 1, reporter: 5001, openedAt: "2026-11-01T09:00:00Z" });
    const octo = apiClient(base, await createToken(store, OCTO.login));
    const acme = apiClient(base, await createToken(store, ACME.login));
    for (const reporter of ["alice@example.com", "Alice@Example.com", "bob@example.com"]) {
      expect((await octo.post(feedback({ reporter, comment: `from ${reporter}` }))).status).toBe(201);
    }
    expect((await acme.post(feedback({ repository: ACME.repo.name }))).status).toBe(201);
    await cli(store, "identity", "link", "--installation", OCTO.login, "--identity", "alice@example.com", "--login", "user-5001");
    return { octo, acme };
  }

  const identities = async () => (await deskRows(store.db())).map((row) => `${row.installation_id}:${row.desk_identity}`);
  const links = async () => (await store.db().query("SELECT desk_identity FROM identity_links")).rows;

  it("forget --reporter deletes that identity's experiences, in any case, with their comments, and its link, in that installation only", async () => {
    const { octo } = await seedDesk();
    expect(await cli(store, "forget", "--installation", OCTO.login, "--reporter", "ALICE@example.com")).toBe(
      "forgot that reporter in installation 100 (octo): 2 experiences deleted (with their comments), 1 identity links deleted",
    );
    expect(await identities()).toEqual(["100:bob@example.com", "200:alice@example.com"]);
    expect(await links()).toEqual([]);
    expect(((await octo.satisfaction("repo=octo/app&from=2026-11-01&to=2026-11-21")).body as { total: number }).total).toBe(1);
    const { rows } = await store.db().query<{ comment: string }>("SELECT comment FROM experiences WHERE comment IS NOT NULL");
    expect(rows).toEqual([{ comment: "from bob@example.com" }]);
  });

  it("a GitHub user's forget-me deletes the desk experiences of identities linked to them in every case, and the links", async () => {
    await seedDesk();
    for (const reporter of ["ann@x.com", "ANN@X.COM", "Ann@x.com", "anne@x.com"]) {
      expect((await apiClient(base, await createToken(store, OCTO.login)).post(feedback({ reporter }))).status).toBe(201);
    }
    await cli(store, "identity", "link", "--installation", OCTO.login, "--identity", "Ann@x.com", "--login", "user-5001");
    const forgotten = await store.db().transaction((tx) => forgetPerson(tx, OCTO.id, { id: 5001, login: "user-5001" }, NOW));
    // alice@example.com (linked by seedDesk) twice, ann@x.com three times: Alice's two spellings and Ann's three go
    expect(forgotten.experiences).toBe(5);
    expect(await identities()).toEqual(["100:bob@example.com", "200:alice@example.com", "100:anne@x.com"]);
    expect(await links()).toEqual([]);
  });

  it("retention deletes desk experiences closed before the cutoff, with their comments, and keeps the one at it", async () => {
    await seedInstallations(store.db());
    const octo = apiClient(base, await createToken(store, OCTO.login));
    for (const occurredAt of ["2026-10-21T11:59:59Z", "2026-10-21T12:00:00Z", "2026-11-20T10:00:00Z"]) {
      expect((await octo.post(feedback({ occurredAt, comment: "kept only so long" }))).status).toBe(201);
    }
    expect(await applyRetention(store.db(), new Date("2026-11-20T12:00:00Z"), 30)).toBe(1);
    expect((await deskRows(store.db())).map((row) => row.closed_at)).toEqual([
      new Date("2026-10-21T12:00:00Z"),
      new Date("2026-11-20T10:00:00Z"),
    ]);
  });

  it("uninstalling deletes the installation's tokens, rate counters, desk experiences and identity links", async () => {
    const { octo, acme } = await seedDesk();
    const body = JSON.stringify(uninstallPayload(OCTO.id));
    expect((await postWebhook(`${base}/hooks`, "secret", body, { "x-github-event": "installation" })).status).toBe(200);
    mockInstallationLookup(OCTO.id);
    expect(await confirmAsApp(store.db(), NOW)).toBe(1);

    expect((await octo.post(feedback())).status).toBe(401);
    expect(await identities()).toEqual(["200:alice@example.com"]);
    expect(await links()).toEqual([]);
    const left = async (table: string) =>
      (await store.db().query<{ installation_id: number }>(`SELECT DISTINCT installation_id FROM ${table}`)).rows.map(
        (row) => row.installation_id,
      );
    expect(await left("api_tokens")).toEqual([ACME.id]);
    expect(await left("api_rate_windows")).toEqual([ACME.id]);
    expect((await acme.post(feedback({ repository: ACME.repo.name }))).status).toBe(201);
  });
});
