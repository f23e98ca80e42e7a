import { satisfactionModel } from "../model/satisfaction.js";
import { known } from "./format.js";
import type { Baseline, PeriodFigures } from "./types.js";

// The figures of the summary's table: how each reads in one period, and how it is averaged over the
// baseline (the periods before the current one).

export type FigureKind = "ratio" | "count" | "decimal" | "duration";
type Measured = Pick<PeriodFigures, "model" | "service">;

export type Figure = {
  /** As the Figures table labels it. */
  label: string;
  kind: FigureKind;
  /**
   * `pooled`: computed once from every experience and issue of the baseline taken together. Ratios
   * are pooled because a mean of weekly ratios gives a week with one experience the weight of a week
   * with twenty: satisfaction over 12 weeks is (Σpositive − Σnegative) / Σtotal. Times are pooled
   * because a mean of medians is no median: the baseline's median is that of all its issues.
   * `mean`: the mean per period, over the periods that have the figure. A count is never missing (a
   * period with none counts 0); business opportunity is missing without experiences, and is not
   * pooled because it scales with each period's distinct reporters, which do not add up.
   */
  averaging: "pooled" | "mean";
  of: (figures: Measured) => number | null;
  /** The key figures the headline ranks by their change have a name in prose. */
  name?: string;
};

const m = (key: keyof PeriodFigures["model"]) => (f: Measured) => f.model[key];
const time = (label: string, of: Figure["of"], name?: string): Figure => ({
  label,
  kind: "duration",
  averaging: "pooled",
  of,
  ...(name ? { name } : {}),
});

/** The rows of the Figures table, in order; the headline breaks a tie between key figures by this order. */
export const FIGURES: readonly Figure[] = [
  { label: "Satisfaction", kind: "ratio", averaging: "pooled", of: m("satisfaction"), name: "satisfaction" },
  { label: "Loyalty", kind: "ratio", averaging: "pooled", of: m("loyalty"), name: "loyalty" },
  { label: "Business opportunity", kind: "decimal", averaging: "mean", of: m("businessOpportunity"), name: "business opportunity" },
  { label: "Experiences (known outcome)", kind: "count", averaging: "mean", of: m("total"), name: "experiences" },
  { label: "— positive", kind: "count", averaging: "mean", of: m("positive") },
  { label: "— negative", kind: "count", averaging: "mean", of: m("negative") },
  { label: "— neutral", kind: "count", averaging: "mean", of: m("neutral") },
  { label: "Experiences pending", kind: "count", averaging: "mean", of: m("pending") },
  { label: "Support issues closed", kind: "count", averaging: "mean", of: (f) => f.service.closed },
  { label: "Response rate", kind: "ratio", averaging: "pooled", of: (f) => f.service.responseRate, name: "response rate" },
  { label: "Repeat usage", kind: "count", averaging: "mean", of: m("repeatUsage") },
  { label: "Market demand", kind: "count", averaging: "mean", of: m("marketDemand") },
  time("Time to first response, median", (f) => f.service.timeToFirstResponse.median, "median time to first response"),
  time("Time to first response, 90th percentile", (f) => f.service.timeToFirstResponse.p90),
  time("Time to close, median", (f) => f.service.timeToClose.median, "median time to close"),
  time("Time to close, 90th percentile", (f) => f.service.timeToClose.p90),
  { label: "Reopen rate", kind: "ratio", averaging: "pooled", of: (f) => f.service.reopenRate },
];

/** A figure over the baseline, and how many of its periods had the figure (the others are left out). */
export type Average = { value: number | null; periods: number };

/** The baseline's experiences counted together, and its service figures (already over the whole window). */
function pooled(baseline: Baseline): Measured {
  const sum = (key: "total" | "pending" | "positive" | "negative" | "neutral" | "repeatUsage" | "marketDemand") =>
    baseline.periods.reduce((total, period) => total + period.model[key], 0);
  const counts = {
    total: sum("total"),
    pending: sum("pending"),
    positive: sum("positive"),
    negative: sum("negative"),
    neutral: sum("neutral"),
    repeatUsage: sum("repeatUsage"),
    marketDemand: sum("marketDemand"),
  };
  return { model: { ...counts, ...satisfactionModel(counts) }, service: baseline.service };
}

/** Every figure of the table averaged over the baseline, in the order of FIGURES. */
export function averages(baseline: Baseline): Average[] {
  const together = pooled(baseline);
  return FIGURES.map((figure) => {
    const values = baseline.periods.map(figure.of).filter(known);
    if (figure.averaging === "pooled") {
      const value = figure.of(together);
      return { value: values.length > 0 && known(value) ? value : null, periods: values.length };
    }
    return { value: values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length, periods: values.length };
  });
}
