import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { seedInstallation, seedWork } from "../helpers/seed-work.js";
import { URL_FLAG_WARNING } from "../../src/cli/chat-url.js";
import { expectChat, HOOK, HOOK_URL, SECRET_TOKEN } from "../chat/support.js";

useEmptyFolderForCli();

const CLI = new URL("../../bin/satisfaction-bot.js", import.meta.url).pathname;
const OTHER_URL = "https://hooks.chat.test/services/T0001/B0003/an0th3rS3cr3t";

/** The CLI's result, and all it printed in one text (the command logs nothing: see test/chat for the logs of sending). */
async function run(...argv: string[]) {
  const result = await runCli(...argv);
  return { ...result, printed: [...result.out, ...result.err].join("\n") };
}

describe("satisfaction-bot chat", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await seedInstallation(db(), 100, "octo");
    await seedInstallation(db(), 200, "Acme");
  });
  beforeEach(() => cliOnDatabase(url()));

  const stored = async () =>
    (await db().query<{ installation_id: number; url: string }>("SELECT installation_id, url FROM chat_webhooks ORDER BY 1")).rows;

  it("sets the webhook by installation id or account login, and never prints it", async () => {
    const set = await run("chat", "set", "--installation", "100", "--url", HOOK_URL);
    expect({ code: set.code, out: set.out, err: set.err }).toEqual({
      code: 0,
      out: [
        "chat webhook set for installation 100 (octo): summaries and alerts go to it as each repository's .github/satisfaction.yml chooses (chat.summaries, chat.alerts)",
      ],
      err: [URL_FLAG_WARNING],
    });
    const replaced = await run("chat", "set", "--installation", "acme", "--url", OTHER_URL);
    expect(replaced.out[0]).toMatch(/^chat webhook set for installation 200 \(Acme\): /);
    const again = await run("chat", "set", "--installation", "ACME", "--url", HOOK_URL);
    expect(again.out[0]).toMatch(/^chat webhook replaced for installation 200 \(Acme\): /);
    expect(await stored()).toEqual([
      { installation_id: 100, url: HOOK_URL },
      { installation_id: 200, url: HOOK_URL },
    ]);
    for (const result of [set, replaced, again]) expect(result.printed).not.toContain("hooks.chat.test");
  });

  it("refuses a URL that is not https (http only on this machine) without repeating it, and stores nothing", async () => {
    for (const bad of ["http://hooks.chat.test/services/x", "ftp://hooks.chat.test/x", "https://u:p@hooks.chat.test/x"]) {
      const result = await run("chat", "set", "--installation", "300", "--url", bad);
      expect(result.code).toBe(2);
      expect(result.err).toEqual([
        "satisfaction-bot: --url must be an https:// URL (http:// only for localhost or 127.0.0.1), without a user or password (see satisfaction-bot --help)",
      ]);
      expect(result.printed).not.toContain("hooks.chat.test");
    }
    const stray = await run("chat", "set", "--installation", "100", OTHER_URL);
    expect(stray.code).toBe(2);
    expect(stray.err[0]).toContain("<url>");
    expect(stray.printed).not.toContain("hooks.chat.test");
    expect(await run("chat", "set", "--installation", "100", "--url", OTHER_URL, "--url-file", "hook.txt")).toMatchObject({
      code: 2,
      err: [expect.stringContaining("give --url or --url-file, not both")],
    });
    expect(await run("chat", "set", "--installation", "999", "--url", OTHER_URL)).toMatchObject({
      code: 2,
      err: [URL_FLAG_WARNING, "satisfaction-bot: --installation 999 is not an installation the app has (see satisfaction-bot --help)"],
    });
    expect(await run("chat", "send", "--installation", "100")).toMatchObject({ code: 2 });
    expect((await stored()).map((row) => row.url)).not.toContain(OTHER_URL);
  });

  it("reads the URL from --url-file or standard input without a warning, and never prints it", async () => {
    fs.writeFileSync("hook.txt", `${OTHER_URL}\nanything after the first line is ignored\n`);
    const fromFile = await run("chat", "set", "--installation", "100", "--url-file", "hook.txt");
    expect({ code: fromFile.code, err: fromFile.err }).toEqual({ code: 0, err: [] });
    expect((await stored()).find((row) => row.installation_id === 100)?.url).toBe(OTHER_URL);

    const missing = await run("chat", "set", "--installation", "100", "--url-file", "no-such-file.txt");
    expect(missing).toMatchObject({ code: 2, err: [expect.stringContaining("--url-file cannot be read (ENOENT)")] });
    fs.writeFileSync("bad.txt", "http://hooks.chat.test/services/x\n");
    const bad = await run("chat", "set", "--installation", "100", "--url-file", "bad.txt");
    expect(bad).toMatchObject({ code: 2, err: [expect.stringContaining("the URL from --url-file must be an https:// URL")] });

    // Standard input, as `satisfaction-bot chat set --installation octo < hook.txt` gives it, in a process of its own.
    const piped = spawnSync(process.execPath, [CLI, "chat", "set", "--installation", "octo"], {
      input: `${HOOK_URL}\n`,
      env: { PATH: process.env.PATH, DATABASE_URL: url(), NODE_ENV: "test" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect({ status: piped.status, stderr: piped.stderr }).toEqual({ status: 0, stderr: "" });
    expect(piped.stdout).toMatch(/^chat webhook replaced for installation 100 \(octo\): /);
    expect((await stored()).find((row) => row.installation_id === 100)?.url).toBe(HOOK_URL);
    for (const printed of [fromFile.printed, missing.printed, bad.printed, piped.stdout, piped.stderr]) {
      expect(printed).not.toContain("hooks.chat.test");
    }
  });

  it("tests the webhook: says it arrived, or fails with the status and exit code 1, never the URL", async () => {
    const sent: string[] = [];
    expectChat(sent);
    const ok = await run("chat", "test", "--installation", "octo");
    expect({ code: ok.code, out: ok.out }).toEqual({ code: 0, out: ["chat test for installation 100 (octo): delivered (HTTP 200)"] });
    expect(sent).toEqual([expect.stringContaining("satisfaction-bot test message")]);

    expectChat([], 404);
    const failed = await run("chat", "test", "--installation", "100");
    expect({ code: failed.code, out: failed.out, err: failed.err }).toEqual({
      code: 1,
      out: [],
      err: ["satisfaction-bot: chat test for installation 100 (octo) failed: chat webhook answered 404"],
    });
    for (const result of [ok, failed]) expect(result.printed).not.toContain(SECRET_TOKEN);
  });

  it("removes the webhook; a test then says there is none", async () => {
    expect((await run("chat", "remove", "--installation", "100")).out).toEqual([
      "chat webhook removed for installation 100 (octo): nothing more is sent to it",
    ]);
    expect((await run("chat", "remove", "--installation", "100")).out).toEqual([
      "installation 100 (octo) had no chat webhook: nothing to remove",
    ]);
    expect(await run("chat", "test", "--installation", "100")).toMatchObject({
      code: 2,
      err: ["satisfaction-bot: installation 100 (octo) has no chat webhook: set one with chat set (see satisfaction-bot --help)"],
    });
    expect((await stored()).map((row) => row.installation_id)).toEqual([200]);
  });

  it("is in the help", async () => {
    const help = (await run("--help")).out.join("\n");
    for (const line of [
      "chat set --installation <id|login> [--url-file <f>]",
      "chat remove --installation <id|login>",
      "chat test --installation <id|login>",
    ]) {
      expect(help).toContain(line);
    }
  });

  it("lists a chat message that failed for good under other failed work, with its status and not the URL", async () => {
    await seedWork(db(), {
      installation: 200,
      repo: null,
      kind: "chat.post",
      key: 7,
      payload: { message: "alert", scope: "repository", period: "2026-W47" },
      failed: true,
      runAt: null,
      attempts: 1,
      lastError: "chat webhook answered 410",
      failedAt: "2026-11-23T09:00:00Z",
    });
    const listed = await run("failures", "--installation", "200");
    expect(listed.code).toBe(0);
    expect(listed.out.join("\n")).toContain("  chat.post  7    200           1         2026-11-23T09:00:00Z  chat webhook answered 410");
    expect(listed.printed).not.toContain(HOOK);
  });
});
