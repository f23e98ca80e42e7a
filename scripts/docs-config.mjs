// Writes the .github/satisfaction.yml reference, generated from the zod schema, into
// docs/configuration.md between its markers. Run through `npm run docs:config` (it builds lib/ first).
import fs from "node:fs";
import { CONFIG_REFERENCE_END, CONFIG_REFERENCE_START, configReference } from "../lib/config/reference.js";

const file = new URL("../docs/configuration.md", import.meta.url);
const text = fs.readFileSync(file, "utf8");
const start = text.indexOf(CONFIG_REFERENCE_START);
const end = text.indexOf(CONFIG_REFERENCE_END);
if (start === -1 || end === -1 || end < start) {
  console.error(`docs/configuration.md needs the markers ${CONFIG_REFERENCE_START} and ${CONFIG_REFERENCE_END}, in that order`);
  process.exit(1);
}
const updated = `${text.slice(0, start + CONFIG_REFERENCE_START.length)}\n${configReference()}${text.slice(end)}`;
if (updated === text) {
  console.log("docs/configuration.md: the configuration reference is up to date");
} else {
  fs.writeFileSync(file, updated);
  console.log("docs/configuration.md: the configuration reference was rewritten");
}
