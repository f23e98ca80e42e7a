import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { alertChatText, escapeMrkdwn, summaryChatText } from "../../src/chat/chat-text.js";
import type { ChatSubject } from "../../src/chat/chat-text.js";
import { ChatWebhookError, sendChatMessage } from "../../src/chat/send-chat.js";
import { chatWebhookUrl } from "../../src/chat/webhook-url.js";
import { summaryPageUrl } from "../../src/github/web-url.js";
import { periodFromKey } from "../../src/summary/periods.js";
import type { PeriodFigures } from "../../src/summary/types.js";
import { createTestProbot } from "../helpers/app.js";
import { HOOK, HOOK_PATH, HOOK_URL, SECRET_TOKEN } from "./support.js";

const month: ChatSubject = {
  subject: "o/<r&d>",
  organization: false,
  period: periodFromKey("2026-11", "UTC"),
  noun: "month",
  link: null,
};
const figures = (model: Partial<PeriodFigures["model"]>) => ({ model }) as PeriodFigures;

describe("chat message texts", () => {
  it("escape mrkdwn's control characters in names", () => {
    expect(escapeMrkdwn("a <b> & c")).toBe("a &lt;b&gt; &amp; c");
  });

  it("say the headline without a change the previous period cannot give, and without a link when there is none", () => {
    const now = { satisfaction: -0.5, loyalty: 0.25, businessOpportunity: -0.5, positive: 1, negative: 3, neutral: 0, pending: 2 };
    const before = { satisfaction: null, loyalty: null, businessOpportunity: null };
    expect(summaryChatText(month, { current: figures(now), previous: figures(before) })).toBe(
      [
        `*Satisfaction report: o/&lt;r&amp;d&gt;* · ${month.period.label}`,
        "Satisfaction *\u221250.0 %* (new) · Loyalty *25.0 %* (new) · Business opportunity *\u22120.50* (new)",
        "Experiences: 1 positive / 3 negative / 0 neutral / 2 pending",
      ].join("\n"),
    );
  });

  it("say each alert on its line, with the period's word", () => {
    const alerts = [
      { kind: "below_threshold" as const, satisfaction: 0.1, threshold: 0.5 },
      { kind: "drop" as const, satisfaction: 0.1, previous: 0.9, drop: 0.8 },
    ];
    expect(alertChatText({ ...month, subject: "acme", organization: true, link: "https://github.com/acme/.github/issues/3" }, alerts)).toBe(
      [
        `:rotating_light: *Satisfaction alert: acme (organisation)* · ${month.period.label}`,
        "Satisfaction 10.0 % is below the target of 50.0 %.",
        "Satisfaction fell from 90.0 % to 10.0 % since the previous month.",
        "<https://github.com/acme/.github/issues/3|Read the summary>",
      ].join("\n"),
    );
  });

  it("link to the summary on github.com or on GitHub Enterprise Server", async () => {
    const dotcom = await createTestProbot().auth();
    const ghes = await createTestProbot({ baseUrl: "https://ghe.example.com/api/v3" }).auth();
    expect(summaryPageUrl(dotcom, "o/r", "issue", 31)).toBe("https://github.com/o/r/issues/31");
    expect(summaryPageUrl(ghes, "o/r", "check_run", 555)).toBe("https://ghe.example.com/o/r/runs/555");
  });
});

describe("the chat webhook URL", () => {
  it("takes https anywhere, and http only on this machine", () => {
    for (const url of [HOOK_URL, "http://localhost:3999/hook", "http://127.0.0.1/hook", "http://[::1]:8080/x"]) {
      expect(chatWebhookUrl.safeParse(url).success, url).toBe(true);
    }
  });

  it("refuses anything else, without repeating the URL in its message", () => {
    for (const url of [
      "http://hooks.chat.test/x",
      "ftp://hooks.chat.test/x",
      "hooks.chat.test/x",
      "https://user:pw@hooks.chat.test/x",
      "",
    ]) {
      const parsed = chatWebhookUrl.safeParse(url);
      expect(parsed.success, url).toBe(false);
      expect(JSON.stringify(parsed.error?.issues)).not.toContain("hooks.chat.test");
    }
    expect(chatWebhookUrl.safeParse(`https://hooks.chat.test/${"x".repeat(2048)}`).success).toBe(false);
  });
});

describe("sending to the chat webhook", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("posts the text as JSON and returns the status", async () => {
    const scope = nock(HOOK).post(HOOK_PATH, { text: "hello *there*" }).matchHeader("content-type", "application/json").reply(200, "ok");
    expect(await sendChatMessage(HOOK_URL, "hello *there*")).toBe(200);
    expect(scope.isDone()).toBe(true);
  });

  it("throws the status of an error answer, and nothing of its body", async () => {
    nock(HOOK).post(HOOK_PATH).reply(404, `no_service ${SECRET_TOKEN}`);
    const error = await sendChatMessage(HOOK_URL, "x").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ChatWebhookError);
    expect(error).toMatchObject({ message: "chat webhook answered 404", status: 404 });
  });

  it("throws why no answer came, never the message of fetch's error (it may quote the URL)", async () => {
    const quoting = Object.assign(new Error(`getaddrinfo ENOTFOUND ${HOOK_URL}`), { code: "ENOTFOUND" });
    vi.stubGlobal("fetch", vi.fn().mockRejectedValueOnce(new TypeError(`fetch failed: ${HOOK_URL}`, { cause: quoting })));
    await expect(sendChatMessage(HOOK_URL, "x")).rejects.toThrow(/^chat webhook unreachable \(ENOTFOUND\)$/);

    vi.stubGlobal("fetch", vi.fn().mockRejectedValueOnce(new DOMException(`timed out: ${HOOK_URL}`, "TimeoutError")));
    await expect(sendChatMessage(HOOK_URL, "x")).rejects.toThrow(/^chat webhook unreachable \(timed out\)$/);

    vi.stubGlobal("fetch", vi.fn().mockRejectedValueOnce(new Error(`Nock: No match for request ${HOOK_URL}`)));
    const error = (await sendChatMessage(HOOK_URL, "x").catch((thrown: unknown) => thrown)) as Error;
    expect(error.message).toBe("chat webhook unreachable (network error)");
    expect(`${error.stack}`).not.toContain(SECRET_TOKEN);
    expect(error.cause).toBeUndefined();
  });
});
