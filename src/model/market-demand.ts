import type { RepositoryConfig } from "../config/schema.js";

/**
 * The model's market demand under a repository's `market_demand` setting: the distinct reporters
 * counted, the repositories' stars, or a fixed number.
 */
export function marketDemand(setting: RepositoryConfig["market_demand"], reporters: number, stars: number): number {
  if (setting === "reporters") return reporters;
  if (setting === "stars") return stars;
  return setting;
}
