import type { ExperienceCounts } from "../queries/experience-counts.js";

export type SatisfactionModel = {
  satisfaction: number | null;
  loyalty: number | null;
  businessOpportunity: number | null;
};

/**
 * Satisfaction = (positive − negative) / total
 * Loyalty = (positive + repeat usage) / (total + repeat usage)
 * Business opportunity = Satisfaction × Loyalty × market demand
 * With no known experience there is nothing to measure: null, never NaN or 0.
 */
export function satisfactionModel(counts: ExperienceCounts): SatisfactionModel {
  if (counts.total === 0) return { satisfaction: null, loyalty: null, businessOpportunity: null };
  const satisfaction = (counts.positive - counts.negative) / counts.total;
  const loyalty = (counts.positive + counts.repeatUsage) / (counts.total + counts.repeatUsage);
  return { satisfaction, loyalty, businessOpportunity: satisfaction * loyalty * counts.marketDemand };
}
