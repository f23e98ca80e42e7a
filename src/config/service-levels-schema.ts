import { z } from "zod";

/**
 * The keys issue 9 adds to `.github/satisfaction.yml`: service levels, the follow-up on negative
 * answers, and what goes to chat. Durations are written `30m`, `4h` or `5d`; on the business clock a
 * day is one business day (the length from `start` to `end`), on the calendar clock 24 hours.
 */
const DURATION = /^(\d+)\s*(m|h|d)$/;

export type Duration = { amount: number; unit: "m" | "h" | "d" };

const isDuration = (value: unknown): value is Duration =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Duration).amount === "number" &&
  typeof (value as Duration).unit === "string";

// A stored configuration holds the parsed form ({ amount, unit }): read back, it is written out again
// first, so the stored configuration parses as the file did instead of falling back to the defaults.
const duration = z.preprocess(
  (value) => (isDuration(value) ? `${value.amount}${value.unit}` : value),
  z
    .string()
    .regex(DURATION, "must be a duration like 30m, 4h or 5d")
    .transform((text): Duration => {
      const [, amount, unit] = DURATION.exec(text) as RegExpExecArray;
      return { amount: Number(amount), unit: unit as Duration["unit"] };
    }),
);

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time like 09:00");
const weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-12-24");
export const timeZone = z
  .string()
  .refine((zone) => Intl.supportedValuesOf("timeZone").includes(zone) || zone === "UTC", "must be an IANA time zone like Europe/Paris");

export const businessHoursSchema = z
  .strictObject({
    timezone: timeZone.default("UTC").meta({ description: "The IANA time zone the business hours are counted in." }),
    days: z.array(weekday).min(1).default(["mon", "tue", "wed", "thu", "fri"]).meta({ description: "The working days of the week." }),
    start: timeOfDay.default("09:00").meta({ description: "When a working day starts, local time." }),
    end: timeOfDay.default("17:00").meta({ description: "When a working day ends, local time (after `start`)." }),
    holidays: z.array(isoDate).default([]).meta({ description: "Dates (YYYY-MM-DD, local) that are not working days." }),
  })
  .refine((hours) => hours.start < hours.end, { message: "end must be after start", path: ["end"] });

export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const serviceTargetSchema = z.strictObject({
  labels: z.array(z.string().min(1)).min(1).meta({ description: "An issue carrying any of these labels is held to this target." }),
  first_response: duration.nullable().default(null).meta({ description: "The longest the first response may take, e.g. `4h`." }),
  resolution: duration.nullable().default(null).meta({ description: "The longest the issue may stay open, e.g. `5d`." }),
  warn_before: duration.nullable().default(null).meta({ description: "How long before a breach to warn. null: a quarter of the target." }),
});

export type ServiceTarget = z.infer<typeof serviceTargetSchema>;

export const serviceLevelsSchema = z
  .strictObject({
    responders: z.enum(["maintainers", "anyone"]).default("maintainers").meta({
      description:
        "Whose comment is a first response: `maintainers` (the repository's owner, members and collaborators) or `anyone` (every human but the reporter).",
    }),
    hours: businessHoursSchema.nullable().default(null).meta({
      description:
        "Business hours (`timezone`, `days`, `start`, `end`, `holidays`). When set, response and resolution times count only the hours inside them; null: the calendar clock.",
    }),
    pause_labels: z
      .array(z.string().min(1))
      .default(["waiting-for-author"])
      .meta({ description: "While an issue carries one of these labels, its clocks stop." }),
    targets: z.array(serviceTargetSchema).default([]).meta({
      description:
        "Service-level targets, each `{ labels, first_response, resolution, warn_before }`; an issue matches the first target whose labels it carries, in the order written.",
    }),
    warning_label: z
      .string()
      .min(1)
      .default("sla-at-risk")
      .meta({ description: "The label an open issue gets before it breaches a target." }),
    breach_label: z
      .string()
      .min(1)
      .default("sla-breached")
      .meta({ description: "The label an open issue gets when it breaches a target." }),
    mention_assignees: z
      .boolean()
      .default(false)
      .meta({ description: "With the warning label, also comment once mentioning the issue's assignees." }),
  })
  .prefault({});

export const followUpSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: "Reply once to a negative answer, asking what went wrong." }),
    label: z
      .string()
      .min(1)
      .nullable()
      .default("satisfaction-negative")
      .meta({ description: "The label an issue with a negative answer gets; null: none." }),
    message: z.string().min(1).max(2000).nullable().default(null).meta({
      description: "The follow-up reply's text; `{reporter}` is replaced by the reporter's login. null: the built-in text.",
    }),
    mention: z
      .union([
        z.array(z.string().regex(/^@?[\w-]+$/, "must be a GitHub login")),
        z.string().regex(/^@?[\w-]+\/[\w.-]+$/, "must be a team like @acme/support"),
      ])
      .default([])
      .meta({ description: "Maintainers mentioned in the follow-up reply: a list of logins, or one team like `@acme/support`." }),
  })
  .prefault({});

export const chatSchema = z
  .strictObject({
    summaries: z.boolean().nullable().default(null).meta({
      description:
        "Send each summary to the installation's chat webhook, when one is set. null: a public repository's, not a private one's (its members may not all be in the chat room).",
    }),
    alerts: z.boolean().nullable().default(null).meta({
      description: "Send each alert to the installation's chat webhook, when one is set. null: a public repository's, not a private one's.",
    }),
  })
  .prefault({});
