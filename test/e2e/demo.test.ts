import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm run demo` as a newcomer runs it: its own process, no GitHub, no PostgreSQL, nothing set in the
// environment; the month played against the demo's own GitHub stand-in through the real server.
const root = new URL("../../", import.meta.url).pathname;
const run = promisify(execFile);
// The app spaces its comments 3 s apart, as GitHub asks: the month takes a minute or two.
const DEMO_MS = 300_000;

let folder: string;
let played: { stdout: string; stderr: string };

describe("npm run demo", () => {
  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "demo-"));
    const out = path.join(folder, "summary.md");
    played = await run("node", ["lib/demo/main.js", "--out", out, "--data", path.join(folder, "data")], {
      cwd: root,
      env: { PATH: process.env.PATH },
      timeout: DEMO_MS,
    });
  }, DEMO_MS + 10_000);
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("plays every part of the month through the app and logs no warning or error", () => {
    expect(played.stderr).toBe("");
    const lines = played.stdout.split("\n");
    for (const expected of [
      /app: check run "Satisfaction configuration": success/,
      /app: #\d+ asked the reporter to rate the help/,
      /app: #\d+ answered from the knowledge base/,
      /kai-n reacted 👍 to the app's answer/,
      /app: #\d+ labelled sla-at-risk/,
      /app: #\d+ labelled sla-breached/,
      /app: #\d+ labelled satisfaction-negative/,
      /app: #\d+ followed up on the negative rating/,
      /app: discussion #\d+ asked the reporter to rate the help/,
      /email desk: olivia@northwind\.example rated 5 of 5 \(POST \/api\/feedback: 201\)/,
      /app: #\d+ opened: Satisfaction report: 2026-11-23 to 2026-11-29/,
    ]) {
      expect(
        lines.some((line) => expected.test(line)),
        String(expected),
      ).toBe(true);
    }
    // The reporter who closed their own issue after the knowledge base's answer is not asked: nobody from the team served them.
    const kai = lines.find((line) => line.includes('kai-n opened "Byte order mark'))?.match(/#(\d+)/)?.[1];
    expect(lines.filter((line) => line.includes(`#${kai} asked the reporter`))).toEqual([]);
  });

  it("prints the summary's path and the headline figures the summary shows", () => {
    const summary = fs.readFileSync(path.join(folder, "summary.md"), "utf8");
    expect(played.stdout).toContain(
      `The summary the app posted for the week of 23 November: ${path.relative(root, path.join(folder, "summary.md"))}`,
    );
    const week = /Week of 23 Nov: Satisfaction (\S+ %) · Loyalty (\S+ %) · Business opportunity (\S+)/.exec(played.stdout);
    expect(week).not.toBeNull();
    expect(summary).toContain(`**Satisfaction ${week?.[1]}**`);
    expect(summary).toContain(`**Loyalty ${week?.[2]}**`);
    expect(summary).toContain(`**Business opportunity ${week?.[3]}**`);
  });

  it("writes the same summary as every run before: docs/demo-summary.md, which the README quotes", () => {
    const summary = fs.readFileSync(path.join(folder, "summary.md"), "utf8");
    expect(summary).toBe(fs.readFileSync(path.join(root, "docs", "demo-summary.md"), "utf8"));
  });

  it("refuses to wipe a --data folder that is not an earlier demo's, and leaves it as it was", async () => {
    const theirs = path.join(folder, "theirs");
    fs.mkdirSync(theirs);
    fs.writeFileSync(path.join(theirs, "keep.txt"), "mine");
    const refused = await run("node", ["lib/demo/main.js", "--data", theirs, "--out", path.join(folder, "other.md")], {
      cwd: root,
      env: { PATH: process.env.PATH },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain("is not empty and not an earlier demo's folder");
    expect(fs.readdirSync(theirs)).toEqual(["keep.txt"]);
    expect(fs.existsSync(path.join(folder, "other.md"))).toBe(false);
  });
});
