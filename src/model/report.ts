import type { Queryable } from "../db/types.js";
import { countExperiences } from "../queries/experience-counts.js";
import type { StoredRepository } from "../queries/repositories.js";
import type { ExperienceCounts, SatisfactionModel } from "./satisfaction.js";
import { satisfactionModel } from "./satisfaction.js";

export type Report = { repository: string; from: string; to: string } & ExperienceCounts & SatisfactionModel;

/** The model for one repository over [from, to), by the experiences' close times. */
export async function buildReport(db: Queryable, repository: StoredRepository, from: Date, to: Date): Promise<Report> {
  const counts = await countExperiences(db, {
    installationId: repository.installationId,
    repositoryId: repository.id,
    from,
    to,
  });
  return {
    repository: repository.fullName,
    from: from.toISOString(),
    to: to.toISOString(),
    ...counts,
    ...satisfactionModel(counts),
  };
}
