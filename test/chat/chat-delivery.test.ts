import net from "node:net";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { formatFailures } from "../../src/cli/format-failures.js";
import { listFailures } from "../../src/cli/list-failures.js";
import { postChatMessage } from "../../src/chat/chat-work.js";
import { removeChatWebhook } from "../../src/queries/chat-webhooks.js";
import { retryFailedWork } from "../../src/work/retry-failed.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import {
  at,
  expectIssue,
  expectRepositoriesListed,
  expectRepositoryRead,
  REPO,
  seedIssue,
  seedRepository,
  seedWeek47,
  storeConfig,
  summaryDeps,
  sweepSummaries,
} from "../summary/support.js";
import { captureLogs, chatRows, expectChat, HOOK, HOOK_PATH, HOOK_URL, SECRET_TOKEN, setHook, workChat, workTableText } from "./support.js";

/** A local port nothing listens on: a connection to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const MONDAY_9 = at("2026-11-23T09:00:00Z");
const minutesLater = (minutes: number) => new Date(MONDAY_9.getTime() + minutes * 60_000);

describe.each(backends)("delivering chat messages on $name", ({ create }) => {
  const { db } = useDatabase(create);

  /** o/r's week 47 posted as issue #31, with one chat message (the headline; alerts off), and every log line kept. */
  async function postedWithOneMessage() {
    await seedRepository(db(), REPO);
    await seedWeek47(db());
    await storeConfig(db(), { chat: { alerts: false } });
    await setHook(db(), INSTALLATION_ID);
    const logs = captureLogs();
    const { deps } = await summaryDeps(db());
    expectIssue(REPO.fullName, 31, []);
    await sweepSummaries({ ...deps, log: logs.log }, MONDAY_9);
    return { deps: { ...deps, log: logs.log }, logs };
  }

  /** The secret is nowhere: not in a log line, not in the work table (payload, last error). */
  async function expectNoSecret(lines: string[]) {
    const logged = lines.join("");
    for (const secret of [SECRET_TOKEN, HOOK_PATH, HOOK_URL]) {
      expect(logged).not.toContain(secret);
      expect(await workTableText(db())).not.toContain(secret);
    }
  }

  it("retries a webhook that answers 500 with the engine's backoff, and delivers the message once", async () => {
    const { deps, logs } = await postedWithOneMessage();
    const sent: string[] = [];
    expectChat(sent, 500);
    expect(await workChat(deps, MONDAY_9)).toEqual({ retry: 1 });
    expect(await chatRows(db())).toEqual([
      expect.objectContaining({ status: "pending", work_state: "pending", attempts: 1, last_error: "chat webhook answered 500" }),
    ]);
    expect(await workChat(deps, minutesLater(1))).toEqual({}); // the backoff: 2 minutes after the first try

    expectChat(sent);
    expect(await workChat(deps, minutesLater(2))).toEqual({ sent: 1 });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(await chatRows(db())).toEqual([expect.objectContaining({ status: "sent", sent_at: minutesLater(2), work_state: null })]);
    expect(await workChat(deps, minutesLater(60))).toEqual({});
    expect(logs.lines.join("")).toContain("chat message sent");
    await expectNoSecret(logs.lines);
  });

  it("retries a webhook that cannot be reached, and records no part of its URL", async () => {
    const { deps, logs } = await postedWithOneMessage();
    await setHook(db(), INSTALLATION_ID, `http://127.0.0.1:${await closedPort()}${HOOK_PATH}`);
    expect(await workChat(deps, MONDAY_9)).toEqual({ retry: 1 });
    expect(await chatRows(db())).toEqual([expect.objectContaining({ last_error: "chat webhook unreachable (ECONNREFUSED)" })]);
    await expectNoSecret(logs.lines);

    await setHook(db(), INSTALLATION_ID);
    expectChat([]);
    expect(await workChat(deps, minutesLater(2))).toEqual({ sent: 1 });
  });

  it("fails a 410 (webhook removed on the chat's side) at once; failures lists it without the URL; retry sends it", async () => {
    const { deps, logs } = await postedWithOneMessage();
    expectChat([], 410);
    expect(await workChat(deps, MONDAY_9)).toEqual({ failed: 1 });
    expect(await chatRows(db())).toEqual([
      expect.objectContaining({ status: "failed", work_state: "failed", attempts: 1, last_error: "chat webhook answered 410" }),
    ]);
    const failures = await listFailures(db(), null);
    expect(failures.other).toEqual([expect.objectContaining({ kind: "chat.post", installationId: INSTALLATION_ID, attempts: 1 })]);
    const listed = formatFailures(failures, null) + JSON.stringify(failures);
    expect(listed).toContain("chat webhook answered 410");
    expect(listed).not.toContain(HOOK);
    await expectNoSecret(logs.lines);

    const key = failures.other[0]?.key ?? "";
    expect(await retryFailedWork(db(), postChatMessage, { installationId: INSTALLATION_ID, key }, minutesLater(5))).toEqual({
      retried: true,
    });
    expectChat([]);
    expect(await workChat(deps, minutesLater(5))).toEqual({ sent: 1 });
    expect(await chatRows(db())).toEqual([expect.objectContaining({ status: "sent", work_state: null })]);
  });

  it("waits as a 429's retry-after says, without counting the try", async () => {
    const { deps } = await postedWithOneMessage();
    nock(HOOK).post(HOOK_PATH).reply(429, "rate_limited", { "retry-after": "30" });
    expect(await workChat(deps, MONDAY_9)).toEqual({ deferred: 1 });
    const { rows } = await db().query<{ run_at: Date; attempts: number }>("SELECT run_at, attempts FROM work WHERE kind = 'chat.post'");
    expect(rows).toEqual([{ run_at: new Date(MONDAY_9.getTime() + 30_000), attempts: 0 }]);
  });

  it("drops a queued message when the webhook is removed before it is sent", async () => {
    const { deps } = await postedWithOneMessage();
    expect(await removeChatWebhook(db(), INSTALLATION_ID)).toBe(true);
    expect(await workChat(deps, MONDAY_9)).toEqual({ cancelled: 1 });
    expect(await chatRows(db())).toEqual([expect.objectContaining({ status: "cancelled", work_state: null, sent_at: null })]);
  });

  it("sends the organisation summary as the organisation's own configuration chooses", async () => {
    const installationId = 5151;
    const config = { organization_summary: { enabled: true, repository: "reports" }, chat: { alerts: false } };
    const account = { login: "acme", type: "Organization" as const, config };
    await seedRepository(db(), { id: 900, fullName: "acme/reports", installationId, account });
    await seedRepository(db(), { id: 901, fullName: "acme/app", installationId, account });
    // The repositories' own files post no summary and send nothing to chat: only the organisation's file counts.
    for (const repositoryId of [900, 901]) {
      await storeConfig(db(), { summary: { enabled: false }, chat: { summaries: false } }, { repositoryId, installationId });
    }
    const issue = { installationId, repositoryId: 901, openedAt: "2026-11-16T08:00:00Z", closedAt: "2026-11-17T08:00:00Z" };
    await seedIssue(db(), { ...issue, number: 1, reporter: 21, outcome: "positive" });
    await setHook(db(), installationId);
    const { deps } = await summaryDeps(db(), [installationId]);
    expectRepositoryRead({ id: 900, fullName: "acme/reports", private: false });
    expectRepositoriesListed([
      { id: 900, fullName: "acme/reports", private: false },
      { id: 901, fullName: "acme/app", private: false },
    ]);
    expectIssue("acme/reports", 7, []);
    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });

    const sent: string[] = [];
    expectChat(sent);
    expect(await workChat(deps, MONDAY_9)).toEqual({ sent: 1 });
    expect(sent).toEqual([
      [
        "*Satisfaction report: acme (organisation)* · 2026-11-16 to 2026-11-22",
        "Satisfaction *100.0 %* (new) · Loyalty *100.0 %* (new) · Business opportunity *1.00* (new)",
        "Experiences: 1 positive / 0 negative / 0 neutral / 0 pending",
        "<https://github.com/acme/reports/issues/7|Read the summary>",
      ].join("\n"),
    ]);
    expect(await chatRows(db())).toEqual([expect.objectContaining({ scope: "organization", kind: "summary", status: "sent" })]);
  });
});
