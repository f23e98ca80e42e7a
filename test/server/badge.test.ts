import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { badgeColor, renderBadge } from "../../src/badge/badge-svg.js";
import { backends, useDatabase } from "../helpers/db.js";
import { read, useOperationsServers } from "../helpers/ops-server.js";
import { seedInstallation, seedIssue } from "../model/seed.js";

// The servers' clock is 2026-11-03T10:00:05Z: the badge counts experiences closed since 2026-08-05T10:00:05Z.
const A = 7;
const SUSPENDED = 8;

async function seedRepository(db: Db, installation: number, id: number, fullName: string, visibility: "public" | "private") {
  await db.query("INSERT INTO repositories (installation_id, id, full_name, private) VALUES ($1, $2, $3, $4)", [
    installation,
    id,
    fullName,
    visibility === "private",
  ]);
}

/**
 * octo/app (public): in the 90 days, 3 positive, 1 negative, 1 neutral: (3 − 1) / 5 = 40 %; a negative
 * closed 2026-08-01 is older and left out. octo/quiet (public): no experience. octo/secret (private)
 * and octo/paused (public, suspended installation) have experiences but are never shown.
 */
async function seedBadges(db: Db): Promise<void> {
  await seedInstallation(db, A);
  await seedInstallation(db, SUSPENDED);
  await db.query("UPDATE installations SET suspended_at = now() WHERE id = $1", [SUSPENDED]);
  await seedRepository(db, A, 1, "octo/app", "public");
  await seedRepository(db, A, 2, "octo/quiet", "public");
  await seedRepository(db, A, 3, "octo/secret", "private");
  await seedRepository(db, SUSPENDED, 4, "octo/paused", "public");
  const outcomes = ["positive", "positive", "positive", "negative", "neutral"] as const;
  for (const [index, outcome] of outcomes.entries()) {
    const day = String(10 + index).padStart(2, "0");
    const closed = { openedAt: `2026-10-${day}T09:00:00Z`, closedAt: `2026-10-${day}T12:00:00Z`, outcome };
    await seedIssue(db, { installation: A, repo: 1, number: index + 1, reporter: 100 + index, ...closed });
    await seedIssue(db, { installation: A, repo: 3, number: index + 1, reporter: 100 + index, ...closed });
    await seedIssue(db, { installation: SUSPENDED, repo: 4, number: index + 1, reporter: 100 + index, ...closed });
  }
  const old = { openedAt: "2026-07-30T09:00:00Z", closedAt: "2026-08-01T09:00:00Z", outcome: "negative" as const };
  await seedIssue(db, { installation: A, repo: 1, number: 99, reporter: 200, ...old });
}

describe("the SVG", () => {
  it("is a labelled, accessible shields-style badge with the value escaped", () => {
    const svg = renderBadge("satisfaction", "<40%>", "#97ca00");
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="20" role="img" aria-label="satisfaction: &lt;40%&gt;">/,
    );
    expect(svg).toContain("<title>satisfaction: &lt;40%&gt;</title>");
    expect(svg).toContain('fill="#97ca00"');
  });

  it.each([
    [1, "#4c1"],
    [0.6, "#4c1"],
    [0.4, "#97ca00"],
    [0, "#dfb317"],
    [-0.2, "#fe7d37"],
    [-0.5, "#e05d44"],
    [null, "#9f9f9f"],
  ])("colours satisfaction %s as %s", (satisfaction, color) => {
    expect(badgeColor(satisfaction)).toBe(color);
  });
});

describe.each(backends)("GET /badge/<owner>/<repo>.svg on $name", ({ create }) => {
  const { db } = useDatabase(create, { emptyEachTest: false });
  const start = useOperationsServers();
  let base: string;
  beforeAll(async () => {
    await seedBadges(db());
    base = (await start(db())).url;
  });

  it("shows a public repository's satisfaction over the last 90 days, cacheable", async () => {
    const response = await fetch(`${base}/badge/octo/app.svg`);
    const svg = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(svg).toContain('aria-label="satisfaction: 40%"');
    expect(svg).toContain('fill="#97ca00"');
    const etag = response.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await fetch(`${base}/badge/octo/app.svg`, { headers: { "if-none-match": etag } });
    expect({ status: again.status, body: await again.text(), etag: again.headers.get("etag") }).toEqual({ status: 304, body: "", etag });
  });

  it("shows grey no data for a public repository without experiences", async () => {
    const { status, body } = await read(`${base}/badge/octo/quiet.svg`);
    expect(status).toBe(200);
    expect(body).toContain('aria-label="satisfaction: no data"');
    expect(body).toContain('fill="#9f9f9f"');
  });

  it("answers a private, a suspended and an unknown repository with the same 404", async () => {
    const answers = await Promise.all(
      ["octo/secret", "octo/paused", "octo/nothing", "nobody/app"].map(async (name) => {
        const response = await fetch(`${base}/badge/${name}.svg`);
        return { status: response.status, cache: response.headers.get("cache-control"), body: await response.text() };
      }),
    );
    expect(answers).toEqual(Array(4).fill({ status: 404, cache: "no-store", body: "Not Found\n" }));
  });

  it("finds the repository whatever the case of its name, and refuses a path that is not a badge", async () => {
    expect((await read(`${base}/badge/Octo/App.svg`)).body).toContain("satisfaction: 40%");
    expect((await read(`${base}/badge/octo/app.png`)).status).toBe(404);
    expect((await read(`${base}/badge/octo/app/extra.svg`)).status).toBe(404);
  });
});
