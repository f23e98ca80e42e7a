import { createHash } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { seedInstallation } from "../helpers/seed-work.js";

// satisfaction-bot token / identity / forget: what they print, what they store, how they refuse.
useEmptyFolderForCli();

describe("satisfaction-bot token", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await seedInstallation(db(), 100, "octo");
    await seedInstallation(db(), 200, "acme");
  });
  beforeEach(() => cliOnDatabase(url()));

  it("creates a token, prints it alone on the last line once, and stores only its SHA-256", async () => {
    const created = await runCli("token", "create", "--installation", "octo", "--name", "zendesk");
    expect(created.code).toBe(0);
    const lines = created.out.join("\n").split("\n");
    expect(lines.slice(0, -1)).toEqual([
      'token 1 "zendesk" created for installation 100 (octo), for every repository, with no expiry.',
      "Send it as 'Authorization: Bearer <token>'. It is shown this once and stored only as a hash:",
    ]);
    const token = lines.at(-1) ?? "";
    expect(token).toMatch(/^sbt_[A-Za-z0-9_-]{43}$/);
    const { rows } = await db().query<Record<string, unknown>>("SELECT installation_id, name, token_sha256 FROM api_tokens");
    expect(rows).toEqual([{ installation_id: 100, name: "zendesk", token_sha256: createHash("sha256").update(token).digest("hex") }]);
    const second = (await runCli("token", "create", "--installation", "200")).out.join("\n").split("\n").at(-1);
    expect(second).not.toBe(token);
  });

  it("lists tokens without them, by installation or all, and revokes once", async () => {
    const all = (await runCli("token", "list")).out.join("\n");
    expect(all).not.toMatch(/sbt_/);
    expect(all.split("\n").map((line) => line.split("\t").slice(0, 3).join(" "))).toEqual([
      "id installation name",
      "1 installation 100 zendesk",
      "2 installation 200 -",
    ]);
    expect((await runCli("token", "revoke", "2")).out).toEqual([
      "token 2 of installation 200 revoked: requests with it are refused from now on",
    ]);
    expect((await runCli("token", "revoke", "2")).out[0]).toMatch(/^token 2 of installation 200 was already revoked \(2\d{3}-/);
    expect((await runCli("token", "list", "--installation", "acme")).out[0]).toMatch(
      /\n2\tinstallation 200\t-\tcreated .*\trevoked 2\d{3}-/,
    );
    expect(await runCli("token", "revoke", "99")).toMatchObject({
      code: 2,
      err: ["satisfaction-bot: token 99 does not exist (see token list) (see satisfaction-bot --help)"],
    });
  });

  it("refuses wrong arguments with exit code 2", async () => {
    for (const argv of [
      ["token"],
      ["token", "make"],
      ["token", "create"],
      ["token", "create", "--installation", "999"],
      ["token", "revoke"],
      ["token", "revoke", "x"],
      ["forget", "--installation", "octo"],
      ["identity", "link", "--installation", "octo", "--identity", "a@b.c"],
      ["identity", "link", "--installation", "octo", "--identity", "a@b.c", "--login", "not a login"],
    ]) {
      expect((await runCli(...argv)).code, argv.join(" ")).toBe(2);
    }
  });

  it("is in the help", async () => {
    const help = (await runCli("--help")).out.join("\n");
    for (const line of [
      "token create --installation <id|login> [--name <label>] [--repo <owner/name>]... [--expires <90d|date>]",
      "token list [--installation <id|login>]",
      "token revoke <id>",
      "forget --installation <id|login> --reporter <identity>",
      "identity link --installation <id|login> --identity <desk identity> --login <github login>",
      "identity unlink --installation <id|login> --identity <desk identity>",
      "identity list --installation <id|login>",
    ]) {
      expect(help).toContain(line);
    }
  });
});
