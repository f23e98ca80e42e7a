import fs from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { pino } from "pino";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "../../src/api/routes.js";
import { feedbackBody } from "../../src/feedback/feedback-body.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { useEmptyFolderForCli } from "../helpers/cli.js";
import { useOperationsServers } from "../helpers/ops-server.js";
import type { Answer } from "./support.js";
import { apiClient, createToken, feedback, NOW, OCTO, seedInstallations } from "./support.js";

// docs/openapi.yaml against the running server: every documented operation is served, every /api route
// served is documented, and real answers validate against the documented schemas.
useEmptyFolderForCli();
const start = useOperationsServers();

type Operation = {
  requestBody?: { content: Record<string, { schema: unknown; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, unknown>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, unknown> } };

const spec = parse(fs.readFileSync(new URL("../../docs/openapi.yaml", import.meta.url), "utf8")) as Document;
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
const documented = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((method) => METHODS.includes(method))
    .map((method) => `${method.toUpperCase()} ${path}`),
);

// The document as one schema, so that its "#/components/..." references resolve; its OpenAPI keywords are not schema keywords.
const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
ajv.addVocabulary(["openapi", "info", "servers", "security", "paths", "components"]);
ajv.addSchema({ ...spec, $id: "openapi" });

/** The schema an operation documents for a status, and the headers it names. */
function documentedAnswer(route: string, status: number): { schema: string; headers: string[] } {
  const [method, path] = route.split(" ") as [string, string];
  const pointer = `#/paths/${path.replaceAll("/", "~1")}/${method.toLowerCase()}/responses/${status}`;
  let response = spec.paths[path]?.[method.toLowerCase()]?.responses[String(status)] as Record<string, unknown> | undefined;
  let at = pointer;
  if (response && typeof response.$ref === "string") {
    at = response.$ref;
    response = spec.components.responses[response.$ref.split("/").at(-1) ?? ""] as Record<string, unknown>;
  }
  if (!response) throw new Error(`${route} documents no ${status} answer`);
  return { schema: `openapi${at}/content/application~1json/schema`, headers: Object.keys((response.headers as object | undefined) ?? {}) };
}

function expectDocumented(route: string, answer: Answer): void {
  const { schema, headers } = documentedAnswer(route, answer.status);
  const validate = ajv.getSchema(schema);
  if (!validate) throw new Error(`no schema at ${schema}`);
  expect(answer.headers["content-type"]).toBe("application/json");
  expect(validate(answer.body) ? [] : validate.errors, `${route} ${answer.status}`).toEqual([]);
  const sentHeaders = headers.map((name) => name.toLowerCase()).filter((name) => name !== "idempotent-replayed");
  for (const name of sentHeaders) expect(answer.headers[name], `${route} ${answer.status} ${name}`).toBeDefined();
}

describe("docs/openapi.yaml", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  const store = { name: "postgres" as const, db, url };
  let base = "";
  beforeAll(async () => {
    base = (await start(db(), { clock: () => NOW, api: { requestsPerMinute: 12 } })).url;
    await seedInstallations(db());
  });

  it("is OpenAPI 3.1 and documents exactly the /api routes the server has", () => {
    expect(spec.openapi).toBe("3.1.0");
    const deps = {
      db: db(),
      ready: () => true,
      clock: () => NOW,
      log: pino({ level: "silent" }),
      rateLimit: { requests: 1, windowMs: 1 },
      retentionDays: 1,
      maxBodyBytes: 1,
    };
    expect(documented.sort()).toEqual(
      apiRoutes(deps)
        .map(([route]) => route)
        .sort(),
    );
  });

  it("serves every documented operation, and nothing else under /api", async () => {
    for (const route of documented) {
      const [method, path] = route.split(" ") as [string, string];
      expect((await fetch(`${base}${path}`, { method })).status, route).toBe(401);
    }
    for (const [method, path] of [
      ["GET", "/api/feedback"],
      ["POST", "/api/satisfaction"],
      ["GET", "/api/tokens"],
      ["DELETE", "/api/feedback"],
    ]) {
      expect((await fetch(`${base}${path}`, { method })).status, `${method} ${path}`).toBe(404);
    }
  });

  it("gives answers that validate against the documented schemas, status by status", async () => {
    const api = apiClient(base, await createToken(store, OCTO.login));
    const post = "POST /api/feedback";
    const get = "GET /api/satisfaction";
    const key = { "idempotency-key": "openapi-1" };
    const answers: [string, Answer][] = [
      [post, await api.post(feedback({ url: "https://desk.example.com/t/1", comment: "ok" }), key)],
      [post, await api.post(feedback({ url: "https://desk.example.com/t/1", comment: "ok" }), key)],
      [post, await api.post(feedback({ rating: 1 }), key)],
      [post, await api.post(feedback({ rating: 9, extra: 1 }))],
      [post, await api.post("{")],
      [post, await api.post(feedback({ repository: "nobody/nothing" }))],
      [post, await api.post("x", { "content-type": "text/plain" })],
      [post, await api.post(feedback({ comment: "x".repeat(17_000) }))],
      [post, await apiClient(base, undefined).post(feedback())],
      [get, await api.satisfaction("repo=octo/app&from=2026-11-01&to=2026-11-21")],
      [get, await api.satisfaction("repo=octo/app&from=2026-11-01")],
      [get, await api.satisfaction("repo=nobody/nothing&from=2026-11-01&to=2026-11-21")],
      [get, await api.satisfaction("repo=octo/app&from=2026-11-01&to=2026-11-21")],
    ];
    answers.push([get, await api.satisfaction("repo=octo/app&from=2026-11-01&to=2026-11-21")]);
    expect(answers.map(([, answer]) => answer.status)).toEqual([201, 201, 409, 400, 400, 404, 415, 413, 401, 200, 400, 404, 200, 429]);
    for (const [route, answer] of answers) expectDocumented(route, answer);
    expect(answers[1]?.[1].headers["idempotent-replayed"]).toBe("true");
    const ending = await createToken(store, OCTO.login);
    await db().query("UPDATE api_tokens SET expires_at = $1 WHERE id = (SELECT max(id) FROM api_tokens)", [NOW]);
    const expired = await apiClient(base, ending).satisfaction("repo=octo/app&from=2026-11-01&to=2026-11-21");
    expect(expired.status).toBe(401);
    expectDocumented(get, expired);
  });

  it("has a request example that the schema and the server's own validation both accept", () => {
    const content = spec.paths["/api/feedback"]?.post?.requestBody?.content["application/json"];
    const example = content?.examples?.email?.value;
    const validate = ajv.getSchema("openapi#/components/schemas/Feedback");
    expect(validate?.(example)).toBe(true);
    expect(feedbackBody(new Date("2026-11-03T10:00:00Z"), new Date("2026-01-01T00:00:00Z")).safeParse(example).success).toBe(true);
    expect(validate?.({ ...(example as object), channel: "issues" })).toBe(false);
    expect(validate?.({ ...(example as object), rating: 6 })).toBe(false);
  });
});
