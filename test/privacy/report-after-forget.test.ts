import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/types.js";
import { buildReport } from "../../src/model/report.js";
import { forgetPerson } from "../../src/privacy/forget.js";
import { defaultConfig } from "../../src/config/schema.js";
import { serviceSettingsOf } from "../../src/service-levels/response-times.js";
import { serviceFigures } from "../../src/service-levels/service-figures.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { seedInstallation, seedIssue, seedRepository } from "../model/seed.js";

const FROM = new Date("2026-11-01T00:00:00Z");
const TO = new Date("2026-12-01T00:00:00Z");
const LEAVER = 101;

/**
 * In installations 1 and 2, repository 10 "octo/app": the leaver (101) and reporter 102 each opened an
 * earlier issue and had a later one answered (positive, negative); reporter 103 answered positive once.
 * Installation 2 has the leaver's positive experience too.
 */
async function seed(db: Db): Promise<void> {
  for (const installation of [1, 2]) {
    await seedInstallation(db, installation);
    await seedRepository(db, installation, 10, "octo/app");
  }
  const issue = (installation: number, number: number, reporter: number, closedAt?: string, outcome?: "positive" | "negative") =>
    seedIssue(db, { installation, repo: 10, number, reporter, openedAt: `2026-10-0${number}T00:00:00Z`, closedAt, outcome });
  await issue(1, 1, LEAVER);
  await issue(1, 2, LEAVER, "2026-11-05T00:00:00Z", "positive");
  await issue(1, 3, 102);
  await issue(1, 4, 102, "2026-11-06T00:00:00Z", "negative");
  await issue(1, 5, 103, "2026-11-07T00:00:00Z", "positive");
  await issue(2, 1, LEAVER, "2026-11-05T00:00:00Z", "positive");
  // The leaver first answered issue 5, on a row stored before responders' ids were (login only).
  await db.query(
    "UPDATE issues SET first_response_at = '2026-10-06T01:00:00Z', first_responder_login = $1 WHERE installation_id = 1 AND number = 5",
    [`USER-${LEAVER}`],
  );
}

const report = (db: Db, installationId: number) =>
  buildReport(db, { installationId, id: 10, fullName: "octo/app", private: false }, FROM, TO);

describe("the report after forget-me", () => {
  const { db } = useDatabase(createTestDatabase);

  it("no longer counts the person who left, and keeps everyone else's figures", async () => {
    await seed(db());
    expect(await report(db(), 1)).toMatchObject({ total: 3, positive: 2, negative: 1, repeatUsage: 2, marketDemand: 3 });
    const scope = { installationId: 1, repositoryIds: [10], from: FROM, to: TO };
    const service = await serviceFigures(db(), scope, serviceSettingsOf(defaultConfig.service_levels));
    const otherInstallation = await report(db(), 2);

    const done = await db().transaction((tx) =>
      forgetPerson(tx, 1, { id: LEAVER, login: `user-${LEAVER}` }, new Date("2026-11-20T00:00:00Z")),
    );

    expect(done).toMatchObject({ firstTime: true, experiences: 1, surveys: 1, issuesReported: 2, issuesAnswered: 1 });
    expect(await report(db(), 1)).toMatchObject({
      total: 2,
      pending: 0,
      positive: 1,
      negative: 1,
      neutral: 0,
      repeatUsage: 1, // reporter 102's, still there
      marketDemand: 2,
      satisfaction: 0,
      loyalty: 2 / 3,
    });
    expect(await serviceFigures(db(), scope, serviceSettingsOf(defaultConfig.service_levels))).toEqual(service); // closed issues and their times are the project's
    expect(await report(db(), 2)).toEqual(otherInstallation);
    const logins = await db().query<{ login: string }>(
      "SELECT DISTINCT reporter_login AS login FROM issues WHERE installation_id = 1 ORDER BY 1",
    );
    expect(logins.rows.map((row) => row.login)).toEqual(["ghost", "user-102", "user-103"]);
  });
});
