import nock from "nock";
import { afterEach, beforeEach, expect } from "vitest";

// No test reaches the network; a request without a mock, or a mock left unused, fails the test.
const unmatched: string[] = [];
nock.emitter.on("no match", (req: { method?: string; path?: string; options?: { method?: string; path?: string } }) => {
  unmatched.push(`${req.method ?? req.options?.method ?? "?"} ${req.path ?? req.options?.path ?? "?"}`);
});

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
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
