import { beforeAll, describe, expect, it } from "vitest";
import { backends, useDatabase } from "../helpers/db.js";
import { useEmptyFolderForCli } from "../helpers/cli.js";
import { useOperationsServers } from "../helpers/ops-server.js";
import { ACME, apiClient, cli, createToken, deskRows, feedback, NOW, OCTO, seedInstallations } from "./support.js";

// POST /api/feedback through real requests to the app's server, with tokens made by the CLI.
useEmptyFolderForCli();
const start = useOperationsServers();

describe.each(backends)("POST /api/feedback on $name", ({ name, create }) => {
  const store = { name, ...useDatabase(create) };
  let base = "";
  beforeAll(async () => {
    base = (await start(store.db(), { clock: () => NOW, api: { retentionDays: 30 } })).url;
  });

  async function octoClient() {
    await seedInstallations(store.db());
    return apiClient(base, await createToken(store, OCTO.login, "zendesk"));
  }

  it("records the experience: 201 with its id, closed and answered when it occurred, received now", async () => {
    const api = await octoClient();
    const sent = feedback({ url: "https://desk.example.com/tickets/4812", comment: "Solved on the first reply." });
    const created = await api.post(sent);
    expect(created.status).toBe(201);
    expect(created.headers["content-type"]).toBe("application/json");
    expect(created.headers["idempotent-replayed"]).toBeUndefined();
    const [row] = await deskRows(store.db());
    expect(created.body).toEqual({ id: row?.id, replayed: false });
    expect(row).toEqual({
      id: expect.any(Number),
      installation_id: OCTO.id,
      repository_id: OCTO.repo.id,
      channel: "email",
      desk_identity: "alice@example.com",
      outcome: "positive",
      closed_at: new Date("2026-11-20T10:00:00Z"),
      answered_at: new Date("2026-11-20T10:00:00Z"),
      received_at: NOW,
      url: "https://desk.example.com/tickets/4812",
      comment: "Solved on the first reply.",
      idempotency_key: null,
    });
  });

  it("maps a rating of 1–5 (4–5 positive, 3 neutral, 1–2 negative) and takes the words as they are", async () => {
    const api = await octoClient();
    const ratings = [1, 2, 3, 4, 5, "positive", "negative", "neutral"];
    for (const rating of ratings) expect((await api.post(feedback({ rating, channel: "chat" }))).status).toBe(201);
    const outcomes = (await deskRows(store.db())).map((row) => row.outcome);
    expect(outcomes).toEqual(["negative", "negative", "neutral", "positive", "positive", "positive", "negative", "neutral"]);
  });

  it("records a retried POST once: the same id, replayed, in the body and a header", async () => {
    const api = await octoClient();
    const key = { "idempotency-key": "desk-event-81723" };
    const first = await api.post(feedback({ comment: "thanks" }), key);
    const retry = await api.post(feedback({ comment: "thanks" }), key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body).toEqual({ id: (first.body as { id: number }).id, replayed: true });
    expect(await deskRows(store.db())).toHaveLength(1);

    // the key belongs to that feedback: other feedback under it is refused, and a new key records anew
    const other = await api.post(feedback({ rating: 1 }), key);
    expect(other.status).toBe(409);
    expect(other.body).toEqual({ error: "This Idempotency-Key was used for other feedback: send new feedback with a new key" });
    expect((await api.post(feedback({ rating: 1 }), { "idempotency-key": "desk-event-81724" })).status).toBe(201);
    expect((await deskRows(store.db())).map((row) => row.idempotency_key)).toEqual(["desk-event-81723", "desk-event-81724"]);
  });

  it("scopes the idempotency key to the installation: another installation's desk may use the same key", async () => {
    const octo = await octoClient();
    const acme = apiClient(base, await createToken(store, ACME.login));
    const key = { "idempotency-key": "1" };
    const ids = [await octo.post(feedback(), key), await acme.post(feedback({ repository: ACME.repo.name }), key)].map(
      (answer) => (answer.body as { id: number }).id,
    );
    expect(new Set(ids).size).toBe(2);
    expect((await deskRows(store.db())).map((row) => row.installation_id)).toEqual([OCTO.id, ACME.id]);
  });

  it("answers 400 with zod's message for a body out of bounds, and stores nothing", async () => {
    const api = await octoClient();
    const cases: [Record<string, unknown>, string][] = [
      [feedback({ rating: 6 }), "rating: must be positive, negative, neutral or a whole number from 1 to 5"],
      [feedback({ rating: 4.5 }), "rating: must be positive, negative, neutral or a whole number from 1 to 5"],
      [feedback({ rating: "great" }), "rating: must be positive, negative, neutral or a whole number from 1 to 5"],
      [feedback({ channel: "issues" }), "channel: must not be issues or discussions: those are GitHub's own"],
      [feedback({ channel: "E-mail" }), "channel: must be a lowercase word (a-z, digits, - or _; at most 32 characters)"],
      [feedback({ reporter: "  " }), "reporter: must not be empty"],
      [feedback({ occurredAt: "2026-11-20" }), "occurredAt: must be an ISO-8601 date-time with its offset (2026-11-03T10:00:00Z)"],
      [feedback({ occurredAt: "2026-11-20T12:06:00Z" }), "occurredAt: is in the future"],
      [feedback({ occurredAt: "2026-10-21T11:59:59Z" }), "occurredAt: is older than the retention period (RETENTION_DAYS)"],
      [feedback({ url: "ftp://desk.example.com/1" }), "url: must be an http:// or https:// URL"],
      [feedback({ comment: "x".repeat(2001) }), "comment: is too long (at most 2000 characters)"],
      [feedback({ repository: "octo" }), "repository: must be owner/name"],
      [feedback({ extra: true }), 'body: Unrecognized key: "extra"'],
      [{ repository: OCTO.repo.name }, "channel: Invalid input: expected string, received undefined"],
    ];
    for (const [body, message] of cases) {
      const refused = await api.post(body);
      expect({ status: refused.status, error: (refused.body as { error: string }).error }).toEqual({
        status: 400,
        error: expect.stringContaining(message),
      });
    }
    // within the skew of the desk's clock, and at the retention cutoff exactly: accepted
    expect((await api.post(feedback({ occurredAt: "2026-11-20T12:05:00Z" }))).status).toBe(201);
    expect((await api.post(feedback({ occurredAt: "2026-10-21T12:00:00+00:00" }))).status).toBe(201);
    expect(await deskRows(store.db())).toHaveLength(2);
  });

  it("answers 400 for malformed JSON or a bad Idempotency-Key, 415 for another content type, 413 for a body too large", async () => {
    const api = await octoClient();
    expect(await api.post('{"repository": ')).toMatchObject({ status: 400, body: { error: "Malformed JSON" } });
    expect(await api.post(feedback(), { "idempotency-key": "" })).toMatchObject({
      status: 400,
      body: { error: "Idempotency-Key: must be 1 to 255 visible ASCII characters" },
    });
    expect(await api.post(JSON.stringify(feedback()), { "content-type": "text/plain" })).toMatchObject({ status: 415 });
    expect(await api.post(feedback({ comment: "x".repeat(20_000) }))).toMatchObject({
      status: 413,
      body: { error: "The body is larger than 16384 bytes" },
    });
    expect(await deskRows(store.db())).toEqual([]);
  });

  it("answers 401 with WWW-Authenticate without a token, with a wrong one, and with a revoked one", async () => {
    await seedInstallations(store.db());
    const token = await createToken(store, String(OCTO.id));
    const missing = await apiClient(base, undefined).post(feedback());
    expect(missing).toMatchObject({ status: 401, body: { error: "Authorization: Bearer <token> is required" } });
    expect(missing.headers["www-authenticate"]).toBe('Bearer realm="satisfaction-bot"');
    const invalid = { status: 401, body: { error: "The token is not valid (unknown or revoked)" } };
    const wrong = await apiClient(base, `sbt_${"A".repeat(43)}`).post(feedback());
    expect(wrong).toMatchObject(invalid);
    expect(wrong.headers["www-authenticate"]).toBe('Bearer realm="satisfaction-bot", error="invalid_token"');
    expect(await apiClient(base, "not-a-token").post(feedback())).toMatchObject(invalid);
    expect((await apiClient(base, token).post(feedback())).status).toBe(201);

    const [id] = (await cli(store, "token", "list", "--installation", OCTO.login)).split("\n")[1]?.split("\t") ?? [];
    expect(await cli(store, "token", "revoke", id ?? "")).toBe(
      `token ${id} of installation ${OCTO.id} revoked: requests with it are refused from now on`,
    );
    const revoked = await apiClient(base, token).post(feedback());
    expect(revoked.text).toBe(wrong.text);
    expect(revoked.status).toBe(401);
    expect(await deskRows(store.db())).toHaveLength(1);
  });

  it("answers 404, the same byte for byte, for another installation's repository and for an unknown one", async () => {
    const api = await octoClient();
    const other = await api.post(feedback({ repository: ACME.repo.name }));
    const unknown = await api.post(feedback({ repository: "nobody/nothing" }));
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(other.text).toBe(unknown.text);
    expect(other.text).toBe('{"error":"Repository not found"}');
    expect({ ...other.headers, date: "" }).toEqual({ ...unknown.headers, date: "" });
    expect(await deskRows(store.db())).toEqual([]);
  });
});
