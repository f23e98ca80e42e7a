import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { seedInstallation, seedWork } from "../helpers/seed-work.js";
import { expectChat, HOOK, HOOK_URL, SECRET_TOKEN } from "../chat/support.js";

useEmptyFolderForCli();

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
      err: [],
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
    expect(await run("chat", "set", "--installation", "100")).toMatchObject({
      code: 2,
      err: [expect.stringContaining("--url is required")],
    });
    expect(await run("chat", "set", "--installation", "999", "--url", OTHER_URL)).toMatchObject({
      code: 2,
      err: ["satisfaction-bot: --installation 999 is not an installation the app has (see satisfaction-bot --help)"],
    });
    expect(await run("chat", "send", "--installation", "100")).toMatchObject({ code: 2 });
    expect((await stored()).map((row) => row.url)).not.toContain(OTHER_URL);
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
      "chat set --installation <id|login> --url <url>",
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
