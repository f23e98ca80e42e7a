import type { Person } from "./people.js";
import type { RepositoryInfo } from "./stand-in/state.js";

/** The demo's project: a small CSV library, its two maintainers, the people who use it, and its files. */
const user = (login: string, id: number): Person => ({ login, id, type: "User", association: "NONE" });

export const team = {
  mira: { login: "mira-maintainer", id: 7_001, type: "User", association: "MEMBER" },
  jonas: { login: "jonas-support", id: 7_002, type: "User", association: "MEMBER" },
} satisfies Record<string, Person>;

export const users = {
  ana: user("ana-dev", 8_001),
  ben: user("ben-ops", 8_002),
  chen: user("chen-li", 8_003),
  dara: user("dara-k", 8_004),
  eli: user("eli-s", 8_005),
  fatima: user("fatima-h", 8_006),
  gus: user("gus-w", 8_007),
  hana: user("hana-m", 8_008),
  ivan: user("ivan-p", 8_009),
  kai: user("kai-n", 8_010),
  lena: user("lena-b", 8_011),
  omar: user("omar-z", 8_012),
} satisfies Record<string, Person>;

export const organization: Person = { login: "acme", id: 7_000, type: "Organization", association: "OWNER" };

export const repository: RepositoryInfo = {
  id: 70_100,
  owner: { login: organization.login, id: organization.id, type: "Organization" },
  name: "quickcsv",
  stars: 312,
  defaultBranch: "main",
  headSha: "a1b2c3d4".repeat(5),
};

export const REPOSITORY = `${repository.owner.login}/${repository.name}`;

export const CONFIG_FILE = `# What the demo's maintainers chose: see docs/configuration.md for every key.
summary:
  schedule: weekly
  time: "09:00"
  timezone: UTC
service_levels:
  hours:
    timezone: UTC
    start: "09:00"
    end: "17:00"
  targets:
    - labels: [priority-support]
      first_response: 4h
      resolution: 5d
follow_up:
  mention: [mira-maintainer]
knowledge_base:
  enabled: true
  faq: [docs/FAQ.md]
`;

export const FAQ_FILE = `# quickcsv FAQ

## Why does my first column name start with a strange character?

The file starts with a UTF-8 byte order mark (BOM). Pass \`bom: true\` to \`parse()\` and quickcsv strips
the byte order mark before it reads the header row.

## How do I parse a very large file?

Use \`parseStream()\`: it reads the file in chunks and emits one record at a time, so memory stays flat
however large the file is.

## Why are my numbers strings?

quickcsv never guesses types. Pass \`cast: true\` to turn numbers and booleans into values, or a
function to cast each column yourself.
`;
