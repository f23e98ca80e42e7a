import { z } from "zod";

/**
 * The text-search configurations (`SELECT cfgname FROM pg_ts_config`) that both stores have:
 * PostgreSQL 15 and PGlite 0.5 (PostgreSQL 18, which adds `estonian`). A name outside this list is a
 * configuration error, never a failed search.
 */
export const SEARCH_LANGUAGES = [
  "arabic",
  "armenian",
  "basque",
  "catalan",
  "danish",
  "dutch",
  "english",
  "finnish",
  "french",
  "german",
  "greek",
  "hindi",
  "hungarian",
  "indonesian",
  "irish",
  "italian",
  "lithuanian",
  "nepali",
  "norwegian",
  "portuguese",
  "romanian",
  "russian",
  "serbian",
  "simple",
  "spanish",
  "swedish",
  "tamil",
  "turkish",
  "yiddish",
] as const;

/**
 * The score a match must reach: `ts_rank` with length normalisation (1), calibrated on a corpus of
 * support issues (test/knowledge/search.test.ts), where the right earlier issue scored 0.074 or
 * more and the best unrelated one at most 0.027.
 */
export const DEFAULT_MIN_SCORE = 0.05;

const faqPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\s][^\s]*\.(md|markdown)$/i, "must be a Markdown file path in the repository, like docs/FAQ.md")
  .refine((path) => !path.split("/").includes(".."), "must not leave the repository");

export const knowledgeBaseSchema = z
  .strictObject({
    enabled: z.boolean().default(false).meta({
      description:
        "Answer an issue opened by someone outside the team with links to earlier issues resolved to the reporter's satisfaction and to FAQ sections, once.",
    }),
    faq: z.array(faqPath).max(10).default([]).meta({
      description: "Markdown files of the repository (default branch) searched section by section, e.g. `docs/FAQ.md`.",
    }),
    language: z.enum(SEARCH_LANGUAGES).default("english").meta({
      description: "The PostgreSQL text-search configuration the issues and FAQ are searched in (`simple`: no stemming).",
    }),
    min_score: z.number().min(0).max(1).default(DEFAULT_MIN_SCORE).meta({
      description: "The lowest relevance (PostgreSQL `ts_rank`, length-normalised) a link needs; nothing clears it: no comment.",
    }),
    max_links: z.number().int().min(1).max(3).default(3).meta({ description: "The most links the one answer comment gives." }),
  })
  .prefault({});

export type KnowledgeBaseConfig = z.infer<typeof knowledgeBaseSchema>;
