import nock from "nock";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { storeConfig } from "../../src/queries/repository-configs.js";
import { storeOrganizationConfig } from "../../src/queries/organization-configs.js";
import { API, mockToken, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import { countRows, rowsOf } from "../webhooks/support.js";
import { AFTER, createConfiguredApp, mockConfigFile, pushPayload, REPO, REPO_FILE, seedRepository } from "./support.js";

type CheckRunBody = {
  name: string;
  head_sha: string;
  status: string;
  conclusion: string;
  external_id: string;
  output: Record<string, unknown>;
};

/** Expects the configuration check run on `fullName`; its request bodies are collected. */
function mockCheckRun(fullName: string = REPO.full_name): CheckRunBody[] {
  const bodies: CheckRunBody[] = [];
  nock(API)
    .post(`/repos/${fullName}/check-runs`, (body: CheckRunBody) => bodies.push(body) > 0)
    .reply(201, { id: 7001 });
  return bodies;
}

const GOOD = "survey:\n  window_days: 3\n";
const GOOD_CONFIG = { ...defaultConfig, survey: { ...defaultConfig.survey, window_days: 3 } };
const UNKNOWN_KEY = "# satisfaction-bot\nsurvey:\n  windwo_days: 3\n";
const configs = "SELECT repository_id::int AS repo, config, error FROM repository_configs ORDER BY repository_id";

describe("a push that changes .github/satisfaction.yml", () => {
  const { db } = useDatabase(createTestDatabase);

  it("shows a successful check run on the pushed commit and puts a valid file in force on the default branch", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, GOOD, { ref: AFTER });
    const checks = mockCheckRun();

    await receive(probot, "push", pushPayload());

    expect(checks).toEqual([
      {
        name: "Satisfaction configuration",
        head_sha: AFTER,
        status: "completed",
        conclusion: "success",
        external_id: `config:${AFTER}`,
        output: {
          title: ".github/satisfaction.yml is valid",
          summary: "The satisfaction-bot configuration of this commit is valid. It is in force now.",
        },
      },
    ]);
    expect(await rowsOf(db(), configs)).toEqual([{ repo: REPO.id, config: GOOD_CONFIG, error: null }]);
  });

  it("quotes a key of the file in the check run made inert: no mention, reference, link or bidi control works", async () => {
    await seedRepository(db());
    const { probot } = createConfiguredApp(db());
    mockToken();
    const hostile = 'survey:\n  "@everyone see acme/other#5 GH-7 https://evil.example [x](javascript:alert(1)) \u202Egnp.exe": 3\n';
    mockConfigFile(REPO.full_name, hostile, { ref: AFTER });
    const checks = mockCheckRun();

    await receive(probot, "push", pushPayload());

    const output = checks[0]?.output as { summary?: string; annotations?: { message: string }[] } | undefined;
    const summary = output?.summary ?? "";
    expect(summary).toContain(
      "@&#8203;everyone see acme/other#&#8203;5 GH&#8203;-7 https&#8203;://evil.example \\[x\\](javascript:alert(1)) gnp.exe",
    );
    expect(summary).not.toMatch(/@everyone|(?<!&)#5|GH-7|https:\/\/|\[x\]\(|\u202E/);
    expect(output?.annotations?.[0]?.message).not.toContain("\u202E");
  });

  it("fails the check of a file extending another repository without reading it, naming only the target", async () => {
    await seedRepository(db());
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "enabled: true\n_extends: acme/private-policies:satisfaction.yml\n", { ref: AFTER });
    const checks = mockCheckRun();

    await receive(probot, "push", pushPayload());

    expect(checks).toMatchObject([{ conclusion: "failure" }]);
    expect(checks[0]?.output.summary).toMatch(
      /^`Codertocat\/Hello-World:\.github\/satisfaction\.yml`, line 2: \\_extends: acme\/private-policies is not read: a configuration may extend only a file of this repository or of Codertocat\/\.github/,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("fails the check on an invalid file, naming the file and line with an annotation, and keeps the last good configuration", async () => {
    await seedRepository(db());
    await storeConfig(db(), { installationId: INSTALLATION_ID, repositoryId: REPO.id }, GOOD_CONFIG);
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, UNKNOWN_KEY, { ref: AFTER });
    const checks = mockCheckRun();

    await receive(probot, "push", pushPayload());

    expect(checks).toHaveLength(1);
    const [check] = checks;
    expect(check).toMatchObject({ head_sha: AFTER, conclusion: "failure", output: { title: ".github/satisfaction.yml is invalid" } });
    expect(check?.output.summary).toMatch(/^`Codertocat\/Hello-World:\.github\/satisfaction\.yml`, line 3: survey\.windwo\\_days: /);
    expect(check?.output.annotations).toEqual([
      {
        path: ".github/satisfaction.yml",
        start_line: 3,
        end_line: 3,
        annotation_level: "failure",
        message: expect.stringContaining("windwo_days"),
      },
    ]);
    expect(await rowsOf(db(), configs)).toEqual([
      { repo: REPO.id, config: GOOD_CONFIG, error: { file: REPO_FILE, line: 3, message: expect.stringContaining("survey.windwo_days") } },
    ]);
  });

  // The config plugin names a file by its API URL; the error names it owner/repo:path, so it is annotated.
  it("annotates the line of a YAML syntax error too", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "survey:\n  window_days: 3\n window_days: 4\n", { ref: AFTER });
    const checks = mockCheckRun();

    await receive(probot, "push", pushPayload());

    expect(checks[0]).toMatchObject({ conclusion: "failure" });
    expect(checks[0]?.output.summary).toMatch(/^`Codertocat\/Hello-World:\.github\/satisfaction\.yml`, line 3: /);
    expect(checks[0]?.output.annotations).toEqual([expect.objectContaining({ path: ".github/satisfaction.yml", start_line: 3 })]);
  });

  it.each([
    ["a valid", GOOD, "success"],
    ["an invalid", UNKNOWN_KEY, "failure"],
  ])("checks %s file on another branch but stores nothing", async (_case, text, conclusion) => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, text, { ref: AFTER });
    const checks = mockCheckRun();

    await receive(probot, "push", pushPayload({ ref: "refs/heads/feature/survey" }));

    expect(checks).toMatchObject([{ head_sha: AFTER, conclusion }]);
    expect(checks[0]?.output.summary).toMatch(/default branch/);
    expect(await rowsOf(db(), configs)).toEqual([]);
  });

  it("makes no request at all for a push that does not touch the file", async () => {
    const { probot } = createConfiguredApp(db());

    await receive(probot, "push", pushPayload({ files: { added: ["README.md"], modified: [".github/workflows/ci.yml"] } }));

    expect(await countRows(db())).toMatchObject({ installations: 0, repositories: 0, deliveries: 1 });
    expect(await rowsOf(db(), configs)).toEqual([]);
  });
});

describe("a push to the organisation's .github repository", () => {
  const { db } = useDatabase(createTestDatabase);
  const ORG_REPO = { id: 555_001, name: ".github", full_name: "Codertocat/.github" };
  const OTHER = { id: 186_853_003, full_name: "Codertocat/Other-World" };
  const OTHER_INSTALLATION = INSTALLATION_ID + 1;

  it("makes every stored configuration of the installation, and its organisation settings, load again", async () => {
    await seedRepository(db());
    await seedRepository(db(), OTHER);
    await seedRepository(db(), REPO, OTHER_INSTALLATION);
    for (const [installationId, repositoryId] of [
      [INSTALLATION_ID, REPO.id],
      [INSTALLATION_ID, OTHER.id],
      [OTHER_INSTALLATION, REPO.id],
    ] as const) {
      await storeConfig(db(), { installationId, repositoryId }, GOOD_CONFIG);
    }
    await storeOrganizationConfig(db(), INSTALLATION_ID, { organization_summary: { enabled: true } });
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(ORG_REPO.full_name, GOOD, { ref: AFTER });
    const checks = mockCheckRun(ORG_REPO.full_name);

    await receive(probot, "push", pushPayload({ repository: ORG_REPO, files: { added: [".github/satisfaction.yml"] } }));

    expect(checks).toMatchObject([{ head_sha: AFTER, conclusion: "success" }]);
    expect(
      await rowsOf(
        db(),
        "SELECT installation_id::int AS inst, repository_id::int AS repo, loaded_at FROM repository_configs ORDER BY 1, 2",
      ),
    ).toEqual([
      { inst: INSTALLATION_ID, repo: ORG_REPO.id, loaded_at: expect.any(Date) },
      { inst: INSTALLATION_ID, repo: REPO.id, loaded_at: new Date(0) },
      { inst: INSTALLATION_ID, repo: OTHER.id, loaded_at: new Date(0) },
      { inst: OTHER_INSTALLATION, repo: REPO.id, loaded_at: expect.any(Date) },
    ]);
    expect(
      await rowsOf(
        db(),
        "SELECT id::int, organization_config IS NOT NULL AS kept, organization_config_loaded_at AS at FROM installations ORDER BY id",
      ),
    ).toEqual([
      { id: INSTALLATION_ID, kept: true, at: null },
      { id: OTHER_INSTALLATION, kept: false, at: null },
    ]);
    // Still fresh: the other installation's configuration, and the .github repository's own, just stored.
    const fresh =
      "SELECT installation_id::int AS inst, repository_id::int AS repo, config FROM repository_configs WHERE loaded_at > now() - interval '1 hour' ORDER BY 1";
    expect(await rowsOf(db(), fresh)).toEqual([
      { inst: INSTALLATION_ID, repo: ORG_REPO.id, config: GOOD_CONFIG },
      { inst: OTHER_INSTALLATION, repo: REPO.id, config: GOOD_CONFIG },
    ]);
  });
});
