import type { TestSpecification } from "vitest/node";
import { BaseSequencer } from "vitest/node";

// Files that run the app as its own process spend most of their time waiting (PGlite starting, the
// demo's month at GitHub's pace of one comment every 3 s), so they start first, beside the rest,
// instead of stretching the end of the run; the rest keep vitest's own order.
const waitsMostly = (spec: TestSpecification) => /\/test\/(e2e|faults)\//.test(spec.moduleId);

export class WaitingFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter(waitsMostly), ...sorted.filter((spec) => !waitsMostly(spec))];
  }
}
