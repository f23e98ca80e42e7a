import { pino } from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { useEmptyFolderForCli } from "../helpers/cli.js";
import { useOperationsServers } from "../helpers/ops-server.js";
import { apiClient, createToken, feedback, NOW, OCTO, seedInstallations } from "./support.js";

// The API's logs: a static message and ids, never a token (right or wrong), a comment or a reporter.
useEmptyFolderForCli();
const start = useOperationsServers();

describe("the feedback API's logs", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  let base = "";
  beforeAll(async () => {
    base = (await start(db(), { clock: () => NOW, log, api: { requestsPerMinute: 6 } })).url;
    await seedInstallations(db());
  });

  it("say what happened, without the token, the comment or the reporter", async () => {
    const token = await createToken({ name: "postgres", db, url }, OCTO.login);
    const api = apiClient(base, token);
    const wrongToken = `sbt_${"W".repeat(43)}`;
    const secrets = [token, wrongToken, "my-private-words", "carol@example.com"];
    await api.post(feedback({ reporter: "carol@example.com", comment: "my-private-words" }));
    await api.post(feedback({ reporter: "carol@example.com", comment: "my-private-words".repeat(200) }));
    await api.post(feedback({ reporter: "carol@example.com", repository: "acme/site", comment: "my-private-words" }));
    await api.post('{"comment": "my-private-words"');
    await apiClient(base, wrongToken).post(feedback({ comment: "my-private-words" }));
    for (let n = 0; n < 3; n += 1) await api.satisfaction("repo=octo/app&from=2026-11-01&to=2026-11-21");

    expect(lines.map((line) => line.msg).filter((msg) => msg !== "listening")).toEqual([
      "feedback recorded",
      "api request refused: invalid input",
      "api request refused: repository not found",
      "api request refused: malformed JSON",
      "api request refused: unknown or revoked token",
      "api request refused: rate limit",
    ]);
    const text = lines.map((line) => JSON.stringify(line)).join("\n");
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(lines.find((line) => line.msg === "api request refused: invalid input")).toMatchObject({
      path: "/api/feedback",
      issues: ["comment:too_big"],
    });
  });
});
