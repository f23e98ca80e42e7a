import { stringify } from "yaml";
import { z } from "zod";
import { CONFIG_PATH } from "./load-config.js";
import { configSchema, defaultConfig } from "./schema.js";

/**
 * The reference of `.github/satisfaction.yml`, generated from the zod schema (its JSON Schema, as the
 * file is written: `io: "input"`), so the documentation cannot drift from what the app accepts.
 * `npm run docs:config` writes it into docs/configuration.md between these markers.
 */
export const CONFIG_REFERENCE_START = "<!-- config-reference:start -->";
export const CONFIG_REFERENCE_END = "<!-- config-reference:end -->";

type JsonSchema = z.core.JSONSchema.BaseSchema;

/** One key a file can set a value for: its dotted path and its JSON Schema. */
export type ReferenceLeaf = { path: string; schema: JsonSchema };

const MINUS = "\u2212";

const isObjectSchema = (schema: JsonSchema): boolean => schema.type === "object" && schema.properties !== undefined;

/** The keys that hold values (not sections), in the schema's order. */
export function referenceLeaves(schema: JsonSchema = z.toJSONSchema(configSchema, { io: "input" }), prefix = ""): ReferenceLeaf[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, value]) => {
    if (typeof value === "boolean") return [];
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObjectSchema(value)) return referenceLeaves(value, path);
    // A list of objects (`targets`) or an object that may be null (`hours`): the key, then its inner keys.
    const items =
      value.type === "array" && typeof value.items === "object" && !Array.isArray(value.items) ? (value.items as JsonSchema) : null;
    const branch = value.anyOf?.find((option): option is JsonSchema => typeof option !== "boolean" && isObjectSchema(option));
    const inner = items && isObjectSchema(items) ? referenceLeaves(items, `${path}[]`) : branch ? referenceLeaves(branch, path) : [];
    return [{ path, schema: value }, ...inner];
  });
}

const number = (value: number): string => (value < 0 ? `${MINUS}${Math.abs(value)}` : String(value));

/** The type as one expression: `boolean`, `string[]`, `"weekly" | "daily"`, `"reporters" | "stars" | number`. */
function typeExpression(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map((branch) => (typeof branch === "boolean" ? "any" : typeExpression(branch))).join(" | ");
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === "array") {
    const items = schema.items;
    const item = items && typeof items === "object" && !Array.isArray(items) ? typeExpression(items as JsonSchema) : "any";
    return item.includes(" | ") ? `(${item})[]` : `${item}[]`;
  }
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
}

/** The limits of a value, in words: `1 to 60`, `≥ 0`, `1 to 2000 characters`, `matching ^…$`. */
function constraints(schema: JsonSchema): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap((branch) => (typeof branch === "boolean" ? [] : constraints(branch)));
  const notes: string[] = [];
  const { minimum, maximum, minLength, maxLength, pattern } = schema;
  if (minimum !== undefined && maximum !== undefined) notes.push(`${number(minimum)} to ${number(maximum)}`);
  else if (minimum !== undefined) notes.push(`≥ ${number(minimum)}`);
  else if (maximum !== undefined) notes.push(`≤ ${number(maximum)}`);
  if (minLength !== undefined && maxLength !== undefined) notes.push(`${minLength} to ${maxLength} characters`);
  else if (maxLength !== undefined) notes.push(`at most ${maxLength} characters`);
  if (pattern !== undefined) notes.push(`matching \`${pattern}\``);
  return notes;
}

/** A table cell: one line, and a `|` cannot end the cell (GitHub honours `\|` inside code spans too). */
const cell = (text: string): string => text.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");

function row(leaf: ReferenceLeaf): string {
  const notes = constraints(leaf.schema);
  const type = `\`${typeExpression(leaf.schema)}\`${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`;
  const fallback = leaf.schema.default === undefined ? "(none)" : `\`${JSON.stringify(leaf.schema.default)}\``;
  const cells = [`\`${leaf.path}\``, type, fallback, leaf.schema.description ?? ""];
  return `| ${cells.map(cell).join(" | ")} |`;
}

/** The Markdown that goes between the markers: the table of every key, then a complete file at its defaults. */
export function configReference(): string {
  const leaves = referenceLeaves();
  // Quoted where YAML 1.1 readers would take a string for something else (`09:00` is a number there).
  const example = stringify(defaultConfig, { lineWidth: 0, version: "1.1" });
  return [
    `<!-- Generated from src/config/schema.ts by \`npm run docs:config\`; edit the schema, not this table. -->`,
    "",
    "| Key | Type | Default | Meaning |",
    "|---|---|---|---|",
    ...leaves.map(row),
    "",
    `A complete \`${CONFIG_PATH}\` with every key at its default (a file needs only the keys it changes):`,
    "",
    "```yaml",
    `# ${CONFIG_PATH}`,
    example.trimEnd(),
    "```",
    "",
  ].join("\n");
}
