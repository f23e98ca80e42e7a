import { describe, expect, it } from "vitest";
import type { ExperienceCounts } from "../../src/queries/experience-counts.js";
import { satisfactionModel } from "../../src/model/satisfaction.js";

/** Counts with nothing in them; each case sets what it needs. */
function counts(overrides: Partial<ExperienceCounts>): ExperienceCounts {
  return { total: 0, pending: 0, positive: 0, negative: 0, neutral: 0, repeatUsage: 0, marketDemand: 0, ...overrides };
}

describe("satisfactionModel", () => {
  it("computes the source document's worked example by the formulas", () => {
    // positive 600, negative 200, total 1000, repeat usage 300, market demand 1000
    // satisfaction         = (600 − 200) / 1000          = 400 / 1000 = 0.4
    // loyalty              = (600 + 300) / (1000 + 300)  = 900 / 1300 ≈ 0.692308
    //   (the document prints a different loyalty figure: an arithmetic slip; the formula governs)
    // business opportunity = 0.4 × 900/1300 × 1000       = 360000 / 1300 ≈ 276.923
    const model = satisfactionModel(
      counts({ total: 1000, positive: 600, negative: 200, neutral: 200, repeatUsage: 300, marketDemand: 1000 }),
    );
    expect(model.satisfaction).toBeCloseTo(0.4, 10);
    expect(model.loyalty).toBeCloseTo(0.692308, 6);
    expect(model.loyalty).toBeCloseTo(9 / 13, 12);
    expect(model.businessOpportunity).toBeCloseTo(276.923, 3);
    expect(model.businessOpportunity).toBeCloseTo(3600 / 13, 9);
  });

  it("gives −1 when every known experience is negative", () => {
    // satisfaction = (0 − 4) / 4 = −1; loyalty = (0 + 1) / (4 + 1) = 0.2
    // business opportunity = −1 × 0.2 × 3 = −0.6
    const model = satisfactionModel(counts({ total: 4, negative: 4, repeatUsage: 1, marketDemand: 3 }));
    expect(model.satisfaction).toBe(-1);
    expect(model.loyalty).toBeCloseTo(0.2, 12);
    expect(model.businessOpportunity).toBeCloseTo(-0.6, 12);
  });

  it("counts neutral experiences in the total only", () => {
    // positive 3, negative 1, neutral 2 → total 6; repeat usage 2; market demand 5
    // satisfaction = (3 − 1) / 6 = 1/3 ≈ 0.333333
    // loyalty = (3 + 2) / (6 + 2) = 5/8 = 0.625
    // business opportunity = 1/3 × 5/8 × 5 = 25/24 ≈ 1.041667
    const model = satisfactionModel(counts({ total: 6, positive: 3, negative: 1, neutral: 2, repeatUsage: 2, marketDemand: 5 }));
    expect(model.satisfaction).toBeCloseTo(1 / 3, 12);
    expect(model.loyalty).toBe(0.625);
    expect(model.businessOpportunity).toBeCloseTo(1.041667, 6);
  });

  it("reduces loyalty to positive / total when there is no repeat usage", () => {
    // positive 2, negative 1, neutral 1 → total 4; market demand 4
    // satisfaction = (2 − 1) / 4 = 0.25; loyalty = (2 + 0) / (4 + 0) = 0.5
    // business opportunity = 0.25 × 0.5 × 4 = 0.5
    const model = satisfactionModel(counts({ total: 4, positive: 2, negative: 1, neutral: 1, marketDemand: 4 }));
    expect(model).toEqual({ satisfaction: 0.25, loyalty: 0.5, businessOpportunity: 0.5 });
  });

  it("gives 1 and 1 when every experience is positive and every one a repeat", () => {
    // satisfaction = 5/5 = 1; loyalty = (5 + 5) / (5 + 5) = 1; business opportunity = 1 × 1 × 2 = 2
    const model = satisfactionModel(counts({ total: 5, positive: 5, repeatUsage: 5, marketDemand: 2 }));
    expect(model).toEqual({ satisfaction: 1, loyalty: 1, businessOpportunity: 2 });
  });

  it("gives business opportunity 0 for a balanced repository, whatever the demand", () => {
    // satisfaction = (2 − 2) / 4 = 0; loyalty = (2 + 1) / (4 + 1) = 0.6; business opportunity = 0 × 0.6 × 50 = 0
    const model = satisfactionModel(counts({ total: 4, positive: 2, negative: 2, repeatUsage: 1, marketDemand: 50 }));
    expect(model.satisfaction).toBe(0);
    expect(model.loyalty).toBeCloseTo(0.6, 12);
    expect(model.businessOpportunity).toBe(0);
  });

  it("is null, never NaN or 0, when no experience is known yet", () => {
    const none = { satisfaction: null, loyalty: null, businessOpportunity: null };
    expect(satisfactionModel(counts({}))).toEqual(none);
    // pending experiences and their reporters exist, but no outcome is known
    expect(satisfactionModel(counts({ pending: 3, marketDemand: 2 }))).toEqual(none);
  });

  it("ignores pending experiences", () => {
    const known = counts({ total: 3, positive: 2, negative: 1, repeatUsage: 1, marketDemand: 3 });
    expect(satisfactionModel({ ...known, pending: 9 })).toEqual(satisfactionModel(known));
  });

  it("keeps satisfaction in [−1, 1] and loyalty in [0, 1] for every small combination", () => {
    for (let positive = 0; positive <= 3; positive++) {
      for (let negative = 0; negative <= 3; negative++) {
        for (let neutral = 0; neutral <= 2; neutral++) {
          const total = positive + negative + neutral;
          for (let repeatUsage = 0; repeatUsage <= total; repeatUsage++) {
            const model = satisfactionModel(counts({ total, positive, negative, neutral, repeatUsage, marketDemand: total }));
            if (total === 0) {
              expect(model.satisfaction).toBeNull();
              continue;
            }
            expect(model.satisfaction).toBeGreaterThanOrEqual(-1);
            expect(model.satisfaction).toBeLessThanOrEqual(1);
            expect(model.loyalty).toBeGreaterThanOrEqual(0);
            expect(model.loyalty).toBeLessThanOrEqual(1);
            expect(Number.isFinite(model.businessOpportunity)).toBe(true);
          }
        }
      }
    }
  });
});
