import { beforeAll, describe, expect, it } from "vitest";
import { backends, useDatabase } from "../helpers/db.js";
import { useEmptyFolderForCli } from "../helpers/cli.js";
import { useOperationsServers } from "../helpers/ops-server.js";
import { seedIssue } from "../model/seed.js";
import { ACME, apiClient, cli, createToken, feedback, NOW, OCTO, seedInstallations } from "./support.js";

// GET /api/satisfaction: the report --json object for what the desks posted, counted by hand here.
useEmptyFolderForCli();
const start = useOperationsServers();
const WINDOW = "repo=octo/app&from=2026-11-01&to=2026-11-21";

type Sent = { reporter: string; rating: number | string; occurredAt: string; repository?: string };

/** What the model must say of desk experiences, from the ratings and reporters alone. */
function byHand(sent: Sent[]) {
  const outcome = (rating: number | string) =>
    typeof rating === "string" ? rating : rating >= 4 ? "positive" : rating === 3 ? "neutral" : "negative";
  const count = (name: string) => sent.filter((one) => outcome(one.rating) === name).length;
  const total = sent.length;
  const repeatUsage = sent.filter((one) =>
    sent.some((other) => other.reporter === one.reporter && other.occurredAt < one.occurredAt),
  ).length;
  const [positive, negative, neutral] = [count("positive"), count("negative"), count("neutral")];
  const marketDemand = new Set(sent.map((one) => one.reporter)).size;
  const satisfaction = (positive - negative) / total;
  const loyalty = (positive + repeatUsage) / (total + repeatUsage);
  return {
    total,
    pending: 0,
    positive,
    negative,
    neutral,
    repeatUsage,
    marketDemand,
    satisfaction,
    loyalty,
    businessOpportunity: satisfaction * loyalty * marketDemand,
  };
}

describe.each(backends)("GET /api/satisfaction on $name", ({ name, create }) => {
  const store = { name, ...useDatabase(create) };
  let base = "";
  beforeAll(async () => {
    base = (await start(store.db(), { clock: () => NOW })).url;
  });

  it("answers the model of what was posted, the same object as report --json", async () => {
    await seedInstallations(store.db());
    const api = apiClient(base, await createToken(store, OCTO.login));
    const inWindow: Sent[] = [
      { reporter: "alice@example.com", rating: 5, occurredAt: "2026-11-02T09:00:00Z" },
      { reporter: "bob@example.com", rating: 1, occurredAt: "2026-11-03T09:00:00Z" },
      { reporter: "carol", rating: 3, occurredAt: "2026-11-04T09:00:00Z" },
      { reporter: "alice@example.com", rating: "positive", occurredAt: "2026-11-10T09:00:00Z" },
      { reporter: "dave", rating: 4, occurredAt: "2026-11-15T09:00:00Z" },
      { reporter: "bob@example.com", rating: 2, occurredAt: "2026-11-20T11:00:00Z" },
    ];
    const elsewhere: Sent[] = [
      { reporter: "erin", rating: 1, occurredAt: "2026-10-30T09:00:00Z" },
      { reporter: "frank", rating: 1, occurredAt: "2026-11-05T09:00:00Z", repository: OCTO.docs.name },
    ];
    for (const one of [...inWindow, ...elsewhere]) expect((await api.post(feedback({ ...one, channel: "chat" }))).status).toBe(201);

    const answer = await api.satisfaction(WINDOW);
    expect(answer.status).toBe(200);
    const expected = byHand(inWindow);
    const { satisfaction, loyalty, businessOpportunity, ...counts } = expected;
    const model = answer.body as Record<string, number>;
    expect(model).toMatchObject({
      repository: OCTO.repo.name,
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-21T00:00:00.000Z",
      ...counts,
    });
    expect(model.satisfaction).toBeCloseTo(satisfaction, 10);
    expect(model.loyalty).toBeCloseTo(loyalty, 10);
    expect(model.businessOpportunity).toBeCloseTo(businessOpportunity, 10);
    expect(
      JSON.parse(await cli(store, "report", "--repo", OCTO.repo.name, "--from", "2026-11-01", "--to", "2026-11-21", "--json")),
    ).toEqual(answer.body);
  });

  it("answers 400 with the message for a bad query, 404 alike for another installation's repository and an unknown one", async () => {
    await seedInstallations(store.db());
    const api = apiClient(base, await createToken(store, OCTO.login));
    expect(await api.satisfaction("repo=octo/app&from=2026-11-21&to=2026-11-01")).toMatchObject({
      status: 400,
      body: { error: "to: must be later than from" },
    });
    expect(await api.satisfaction("repo=octo/app&from=yesterday&to=2026-11-01")).toMatchObject({
      status: 400,
      body: { error: "from: must be an ISO-8601 date (2026-11-01) or date-time (2026-11-01T09:00:00Z)" },
    });
    expect(await api.satisfaction("repo=octo/app&from=2026-11-01")).toMatchObject({ status: 400, body: { error: "to: is required" } });
    expect(await api.satisfaction(`${WINDOW}&installation=200`)).toMatchObject({
      status: 400,
      body: { error: 'query: Unrecognized key: "installation"' },
    });
    const other = await api.satisfaction(`repo=${ACME.repo.name}&from=2026-11-01&to=2026-11-21`);
    const unknown = await api.satisfaction("repo=nobody/nothing&from=2026-11-01&to=2026-11-21");
    expect([other.status, unknown.status]).toEqual([404, 404]);
    expect(other.text).toBe(unknown.text);
  });

  it("counts a linked desk identity once with its GitHub user, and repeat usage across channels", async () => {
    await seedInstallations(store.db());
    await seedIssue(store.db(), {
      installation: OCTO.id,
      repo: OCTO.repo.id,
      number: 1,
      reporter: 5001,
      openedAt: "2026-11-05T09:00:00Z",
      closedAt: "2026-11-08T09:00:00Z",
      outcome: "positive",
    });
    const api = apiClient(base, await createToken(store, OCTO.login));
    for (const occurredAt of ["2026-11-02T09:00:00Z", "2026-11-10T09:00:00Z"]) {
      expect((await api.post(feedback({ reporter: "bob@example.com", occurredAt }))).status).toBe(201);
    }
    const people = async () => {
      const model = (await api.satisfaction(WINDOW)).body as Record<string, number>;
      return { total: model.total, repeatUsage: model.repeatUsage, marketDemand: model.marketDemand };
    };
    // unlinked: two people; only bob's second desk experience is a repeat
    expect(await people()).toEqual({ total: 3, repeatUsage: 1, marketDemand: 2 });

    await expect(
      cli(store, "identity", "link", "--installation", OCTO.login, "--identity", "bob@example.com", "--login", "nobody"),
    ).rejects.toThrow(/--login nobody was never seen in installation 100 \(octo\)/);
    expect(
      await cli(store, "identity", "link", "--installation", OCTO.login, "--identity", "bob@example.com", "--login", "USER-5001"),
    ).toBe("linked bob@example.com to user-5001 (user 5001) in installation 100 (octo): counted as one person from now on");
    // linked: one person; the issue came after a desk experience, the second desk one after both
    expect(await people()).toEqual({ total: 3, repeatUsage: 2, marketDemand: 1 });
    expect(await cli(store, "identity", "list", "--installation", String(OCTO.id))).toMatch(
      /^bob@example\.com\tuser-5001 \(user 5001\)\tlinked /,
    );

    expect(await cli(store, "identity", "unlink", "--installation", OCTO.login, "--identity", "bob@example.com")).toBe(
      "unlinked bob@example.com in installation 100 (octo): counted as a person of its own from now on",
    );
    expect(await people()).toEqual({ total: 3, repeatUsage: 1, marketDemand: 2 });
    expect(await cli(store, "identity", "list", "--installation", OCTO.login)).toBe("no identity links in installation 100 (octo)");
  });
});
