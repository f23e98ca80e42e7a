import nock from "nock";
import { afterEach, beforeEach, expect } from "vitest";

// No test reaches the network; a request without a mock, or a mock left unused, fails the test.
// Loopback is allowed for tests that run the app as a process against a local GitHub stand-in.
const loopback = /^(127\.0\.0\.1|localhost)$/;
const unmatched: string[] = [];
nock.emitter.on("no match", (req: { method?: string; hostname?: string; path?: string }) => {
  if (loopback.test(req.hostname ?? "")) return;
  unmatched.push(`${req.method ?? "?"} ${req.hostname ?? "?"}${req.path ?? ""}`);
});

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => loopback.test(host.split(":")[0] ?? ""));
  unmatched.length = 0;
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const missing = [...unmatched];
  nock.cleanAll();
  unmatched.length = 0;
  expect(missing, "requests without a mock").toEqual([]);
  expect(pending, "mocks never used").toEqual([]);
});
