import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Db } from "../db/types.js";
import { resolveRepository } from "../cli/resolve-repository.js";
import { createLogger } from "../logger.js";
import { repositoryReport } from "../model/repository-report.js";
import { formatNumber, formatPercent } from "../summary/format.js";
import { prepareDemoFolder } from "./folder.js";
import { at } from "./stories.js";
import { playMonth } from "./play.js";
import { REPOSITORY } from "./project.js";
import type { GitHubState } from "./stand-in/state.js";

const USAGE = "usage: npm run demo [-- --out <file.md>] [-- --data <folder>]";

/** The last summary the app posted on the stand-in: its title and body, as the issue GitHub would show. */
function lastSummary(state: GitHubState): string {
  const summaries = [...state.issues.values()].filter(
    (issue) => issue.user.id === state.bot.id && issue.labels.includes("satisfaction-report"),
  );
  const last = summaries.at(-1);
  if (!last) throw new Error("the app posted no summary during the demo's month");
  return `# ${last.title}\n\n${last.body.trimEnd()}\n`;
}

async function headline(db: Db, from: string, to: string): Promise<string> {
  const repository = await resolveRepository(db, REPOSITORY, undefined);
  const report = await repositoryReport(db, repository, at(from), at(to));
  return [
    `Satisfaction ${formatPercent(report.satisfaction)}`,
    `Loyalty ${formatPercent(report.loyalty)}`,
    `Business opportunity ${formatNumber(report.businessOpportunity, 2)}`,
    `${report.total} experiences (${report.positive} positive, ${report.negative} negative)`,
  ].join(" · ");
}

/**
 * `npm run demo`: a month of a small project played through the app, offline, on an embedded
 * database in a folder of its own (wiped first). Writes the last weekly summary to a Markdown file.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" }, data: { type: "string" }, help: { type: "boolean" } } });
  if (values.help) return void console.info(USAGE);
  const dataDir = path.resolve(values.data ?? ".demo/data");
  const out = path.resolve(values.out ?? ".demo/summary.md");
  prepareDemoFolder(dataDir);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  console.info(`A month of ${REPOSITORY}, played through satisfaction-bot against a GitHub stand-in on this machine.`);
  console.info(
    `Database: ${path.relative(process.cwd(), dataDir)}. The app spaces the comments it posts 3 s apart, as GitHub asks: about a minute.\n`,
  );
  const played = await playMonth(dataDir, createLogger(process.env.LOG_LEVEL ?? "warn", 2, "json"), (line) => console.info(line));
  try {
    fs.writeFileSync(out, lastSummary(played.state));
    console.info(`\nThe summary the app posted for the week of 23 November: ${path.relative(process.cwd(), out)}`);
    console.info(`  Week of 23 Nov: ${await headline(played.app.db, "11-23 00:00", "11-30 00:00")}`);
    console.info(`  November:       ${await headline(played.app.db, "11-01 00:00", "12-01 00:00")}`);
    console.info(
      `\nLook around: DATA_DIR=${path.relative(process.cwd(), dataDir)} npx satisfaction-bot report --repo ${REPOSITORY} --from 2026-11-01 --to 2026-12-01`,
    );
  } finally {
    await played.close();
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error).message}`);
  process.exit(1);
});
