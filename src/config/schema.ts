import { z } from "zod";
import { knowledgeBaseSchema } from "./knowledge-base-schema.js";
import { chatSchema, followUpSchema, serviceLevelsSchema, timeZone } from "./service-levels-schema.js";

/**
 * `.github/satisfaction.yml`: one schema holds the rules and the defaults. Unknown keys are errors,
 * so a typo is reported instead of silently ignored. docs/configuration.md's reference table is
 * generated from this schema (npm run docs:config).
 */
const labelList = z.array(z.string().min(1)).default([]);

export const surveyConfigSchema = z
  .strictObject({
    message: z.string().min(1).max(2000).nullable().default(null).meta({
      description:
        "The survey comment's text. `{reporter}` is replaced by the reporter's login; the reaction instructions are added below it. null: the built-in text.",
    }),
    window_days: z
      .number()
      .int()
      .min(1)
      .max(60)
      .default(14)
      .meta({ description: "Days the reporter has to answer, from the moment the survey comment is posted." }),
    skip_labels: labelList.meta({ description: "Issues with any of these labels are not surveyed." }),
    only_labels: labelList.meta({ description: "When not empty, only issues with one of these labels are surveyed." }),
    ask_members: z
      .boolean()
      .default(false)
      .meta({ description: "Also ask when the reporter is the repository's owner, a member or a collaborator." }),
  })
  .prefault({});

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time like 09:00");

export const summaryConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: "Post a periodic summary." }),
    schedule: z.enum(["weekly", "daily", "monthly"]).default("weekly").meta({
      description: "The period a summary covers. It is posted when the period ends: weekly on Monday, monthly on the 1st, daily every day.",
    }),
    time: clock.default("09:00").meta({ description: "The local time of day, in `timezone`, at which a summary is posted." }),
    timezone: timeZone.default("UTC").meta({ description: "The IANA time zone the periods and the posting time are counted in." }),
    output: z.enum(["issue", "check_run", "both"]).default("issue").meta({
      description: "`issue`: a new issue per period; `check_run`: a check run named Satisfaction on the default branch's head; `both`.",
    }),
    labels: z.array(z.string().min(1)).default(["satisfaction-report"]).meta({ description: "Labels given to a summary issue." }),
    close_previous: z.boolean().default(true).meta({ description: "Close the previous summary issue when a new one is posted." }),
    threshold: z
      .number()
      .min(-1)
      .max(1)
      .default(0.5)
      .meta({ description: "The satisfaction ratio (−1 to 1) the check run needs to succeed; below it the check fails." }),
    alert_drop: z.number().min(0).max(2).default(0.2).meta({
      description:
        "Alert when satisfaction falls by more than this (a ratio: 0.2 is 20 points) from the previous period: a line at the top of the summary, and a failing check run.",
    }),
    post_quiet_periods: z.boolean().default(false).meta({
      description:
        "Also post a summary for a period without activity (no issue opened, closed or answered, no experience, no survey waiting for its answer).",
    }),
  })
  .prefault({});

export const organizationSummarySchema = z
  .strictObject({
    enabled: z.boolean().default(false).meta({
      description: "Post one summary across the installation's repositories (read from the organisation's `.github` repository only).",
    }),
    repository: z
      .string()
      .regex(/^[\w.-]+$/, "must be a repository name in the organisation")
      .default(".github")
      .meta({ description: "The repository of the organisation the organisation-wide summary is posted in." }),
  })
  .prefault({});

export const configSchema = z.strictObject({
  enabled: z.boolean().default(true).meta({ description: "Switch the app off for this repository (nothing is asked or posted)." }),
  survey: surveyConfigSchema,
  market_demand: z
    .union([z.enum(["reporters", "stars"]), z.number().nonnegative()])
    .default("reporters")
    .meta({
      description:
        "The model's market demand: `reporters` (distinct reporters in the period), `stars` (the repository's stargazers) or a fixed number.",
    }),
  summary: summaryConfigSchema,
  organization_summary: organizationSummarySchema,
  service_levels: serviceLevelsSchema,
  follow_up: followUpSchema,
  chat: chatSchema,
  knowledge_base: knowledgeBaseSchema,
  dry_run: z.boolean().default(false).meta({
    description:
      "Log what would be posted (surveys, summaries, follow-ups, service-level labels, chat messages, knowledge-base answers) and post nothing.",
  }),
});

export type RepositoryConfig = z.infer<typeof configSchema>;

/** The labels the app puts on issues itself: the follow-up's, the service levels' warning and breach, a summary issue's. */
export function labelsTheAppSets(config: RepositoryConfig): string[] {
  const { follow_up, service_levels, summary } = config;
  return [follow_up.label, service_levels.warning_label, service_levels.breach_label, ...summary.labels].filter(
    (label): label is string => label !== null,
  );
}

export const defaultConfig: RepositoryConfig = configSchema.parse({});
