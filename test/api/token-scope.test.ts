import { pino } from "pino";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { backends, useDatabase } from "../helpers/db.js";
import { useEmptyFolderForCli } from "../helpers/cli.js";
import { useOperationsServers } from "../helpers/ops-server.js";
import { seedRepository } from "../helpers/seed-work.js";
import type { Answer } from "./support.js";
import { ACME, apiClient, cli, feedback, NOW, OCTO, seedInstallations } from "./support.js";

// Issue 18, item 10: a token sees only its repositories, until it expires, and never a removed
// repository or a suspended installation's; each of these answers exactly as a repository that does not exist.
useEmptyFolderForCli();
const start = useOperationsServers();
const DAY_MS = 24 * 60 * 60_000;
const window = (repo: string) => `repo=${repo}&from=2026-11-01&to=2026-11-21`;
const UNKNOWN = "nobody/nothing";

/** What a caller can tell apart: the status, the headers that are not the date, and the body byte for byte. */
const seen = ({ status, headers, text }: Answer) => ({
  status,
  headers: Object.entries(headers).filter(([name]) => name !== "date"),
  text,
});

describe.each(backends)("feedback API tokens' scope and expiry on $name", ({ name, create }) => {
  const store = { name, ...useDatabase(create) };
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  let now = NOW;
  let base = "";
  beforeAll(async () => {
    base = (await start(store.db(), { clock: () => now, log })).url;
  });
  beforeEach(async () => {
    now = NOW;
    lines.length = 0;
    await seedInstallations(store.db());
  });

  async function token(...flags: string[]): Promise<string> {
    const printed = await cli(store, "token", "create", "--installation", OCTO.login, ...flags);
    return printed.split("\n").at(-1) ?? "";
  }

  /** The answers of both routes for a repository name, as a caller sees them. */
  async function answersFor(api: ReturnType<typeof apiClient>, repo: string) {
    return { post: seen(await api.post(feedback({ repository: repo }))), get: seen(await api.satisfaction(window(repo))) };
  }

  it("a repository-scoped token gets its repository, and answers another repository of the installation as one that does not exist", async () => {
    const api = apiClient(base, await token("--repo", "OCTO/App"));
    expect((await api.post(feedback())).status).toBe(201);
    expect((await api.satisfaction(window(OCTO.repo.name))).status).toBe(200);

    const outside = await answersFor(api, OCTO.docs.name);
    const unknown = await answersFor(api, UNKNOWN);
    expect(outside.post.status).toBe(404);
    expect(outside).toEqual(unknown);
    expect(await answersFor(api, ACME.repo.name)).toEqual(unknown);
    const reasons = lines.filter((line) => line.msg === "api request refused: repository not found").map((line) => line.reason);
    expect(reasons).toEqual([
      "outside the token's repositories",
      "outside the token's repositories",
      "unknown",
      "unknown",
      "unknown",
      "unknown",
    ]);
    // An installation-wide token still sees both
    const wide = apiClient(base, await token());
    expect((await wide.satisfaction(window(OCTO.docs.name))).status).toBe(200);
  });

  it("keeps the scope through a rename, and refuses an unknown or removed --repo by name", async () => {
    const api = apiClient(base, await token("--repo", OCTO.repo.name, "--repo", OCTO.docs.name));
    await store.db().query("UPDATE repositories SET full_name = 'octo/app-renamed' WHERE id = $1", [OCTO.repo.id]);
    expect((await api.satisfaction(window("octo/app-renamed"))).status).toBe(200);
    expect((await api.satisfaction(window(OCTO.docs.name))).status).toBe(200);
    await seedRepository(store.db(), OCTO.id, 703, "octo/third");
    expect(seen(await api.satisfaction(window("octo/third")))).toEqual(seen(await api.satisfaction(window(UNKNOWN))));
    await seedRepository(store.db(), OCTO.id, 702, "octo/old", "2026-11-01T00:00:00Z");
    for (const repo of [ACME.repo.name, "octo/none", "octo/old"]) {
      await expect(token("--repo", repo)).rejects.toThrow(`--repo ${repo} is not a repository of installation 100 (octo)`);
    }
    expect((await store.db().query("SELECT id FROM api_tokens")).rowCount).toBe(1);
  });

  it("an expired token gets 401 saying only that it expired, and the log says why", async () => {
    const api = apiClient(base, await token("--expires", "30d", "--name", "short"));
    now = new Date(Date.now() + 29 * DAY_MS);
    expect((await api.satisfaction(window(OCTO.repo.name))).status).toBe(200);
    now = new Date(Date.now() + 30 * DAY_MS + 60_000);
    const expired = await api.satisfaction(window(OCTO.repo.name));
    expect(expired).toMatchObject({ status: 401, body: { error: "The token has expired" } });
    expect(expired.headers["www-authenticate"]).toBe('Bearer realm="satisfaction-bot", error="invalid_token"');
    expect((await api.post(feedback())).status).toBe(401);
    expect(lines.filter((line) => line.msg === "api request refused: token expired")).toHaveLength(2);
    expect(await cli(store, "token", "list", "--installation", OCTO.login)).toMatch(
      /\n1\tinstallation 100\tshort\tcreated \S+\t(live|expired)\texpires 2\d{3}-\S+\tall repositories$/,
    );
  });

  it("a removed repository, and every repository of a suspended installation, answer as one that does not exist", async () => {
    const api = apiClient(base, await token());
    await store.db().query("UPDATE repositories SET removed_at = $2 WHERE installation_id = $1 AND id = $3", [OCTO.id, NOW, OCTO.docs.id]);
    const unknown = await answersFor(api, UNKNOWN);
    expect(unknown.post.status).toBe(404);
    expect(await answersFor(api, OCTO.docs.name)).toEqual(unknown);
    expect((await api.satisfaction(window(OCTO.repo.name))).status).toBe(200);

    await store.db().query("UPDATE installations SET suspended_at = $2 WHERE id = $1", [OCTO.id, NOW]);
    expect(await answersFor(api, OCTO.repo.name)).toEqual(await answersFor(api, UNKNOWN));
    const reasons = lines.filter((line) => line.msg === "api request refused: repository not found").map((line) => line.reason);
    expect(reasons).toContain("removed");
    expect(reasons).toContain("installation suspended");
    await store.db().query("UPDATE installations SET suspended_at = NULL WHERE id = $1", [OCTO.id]);
    expect((await api.satisfaction(window(OCTO.repo.name))).status).toBe(200);
  });

  it("token list shows each token's expiry and repositories; a bad or past --expires is refused", async () => {
    await token("--repo", OCTO.docs.name, "--repo", OCTO.repo.name, "--expires", "2099-01-01");
    await token("--name", "wide");
    const listed = (await cli(store, "token", "list")).split("\n");
    expect(listed[0]).toBe("id\tinstallation\tname\tcreated\tstatus\texpires\trepositories");
    expect(listed.slice(1).map((line) => line.split("\t").filter((_, n) => n !== 3))).toEqual([
      ["1", "installation 100", "-", "live", "expires 2099-01-01T00:00:00.000Z", "repositories octo/app, octo/docs"],
      ["2", "installation 100", "wide", "live", "never expires", "all repositories"],
    ]);
    await expect(token("--expires", "2020-01-01")).rejects.toThrow("--expires 2020-01-01T00:00:00.000Z is not in the future");
    for (const bad of ["0d", "90", "3651d", "soon"])
      await expect(token("--expires", bad)).rejects.toThrow(/--expires must be a number of days/);
  });
});
