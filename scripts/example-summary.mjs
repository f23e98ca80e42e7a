// Writes docs/example-summary.md: the weekly summary of a generated, reproducible week of traffic
// (src/examples/summary.ts). Run through `npm run docs:example` (it builds lib/ first).
import fs from "node:fs";
import { exampleSummary } from "../lib/examples/summary.js";

const file = new URL("../docs/example-summary.md", import.meta.url);
const text = await exampleSummary();
const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
if (before === text) {
  console.log("docs/example-summary.md is up to date");
} else {
  fs.writeFileSync(file, text);
  console.log("docs/example-summary.md was rewritten");
}
