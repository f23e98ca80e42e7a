import { describe, expect, it } from "vitest";
import { requestOutcome } from "../../src/github/request-metrics.js";
import { createInstruments, recordWebhook, webhookOutcome } from "../../src/ops/instruments.js";

// The outcomes the counters use, and the event label a webhook cannot choose freely.
describe("the metrics' outcomes", () => {
  it("name a webhook's answer: ok, accepted (late), refused, unavailable or failed", () => {
    const statuses = [200, 202, 400, 401, 413, 415, 503, 500, 502];
    expect(statuses.map(webhookOutcome)).toEqual([
      "ok",
      "accepted",
      "refused",
      "refused",
      "refused",
      "refused",
      "unavailable",
      "failed",
      "failed",
    ]);
  });

  it("name a GitHub answer by its status class, and network when none came", () => {
    expect([200, 201, 304, 404, 422, 502, undefined].map(requestOutcome)).toEqual(["2xx", "2xx", "3xx", "4xx", "4xx", "5xx", "network"]);
  });

  it("count an event GitHub would not send as other, and one whose signature did not match as unverified", async () => {
    const instruments = createInstruments({ processMetrics: false });
    recordWebhook(instruments, "issue_comment", 200, 0.02);
    recordWebhook(instruments, "Issues/../../etc", 400, 0.001);
    recordWebhook(instruments, undefined, 400, 0.001);
    const events = (await instruments.webhooks.get()).values.map(({ labels, value }) => [labels.event, labels.outcome, value]);
    expect(events).toEqual([
      ["issue_comment", "ok", 1],
      ["other", "refused", 1],
      ["unverified", "refused", 1],
    ]);
    expect(await instruments.registry.metrics()).not.toContain("process_cpu");
  });
});
