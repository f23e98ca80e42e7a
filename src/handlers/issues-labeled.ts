import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { labelEventSchema } from "../payloads.js";
import { recordLabel } from "../tracking/record-label.js";
import { handleOnce } from "./apply-once.js";

/** A label added to an issue: kept with its time for the pause labels. */
export function issuesLabeled(deps: AppDeps) {
  return async (context: Context<"issues.labeled">): Promise<void> => {
    await handleOnce(deps, context, labelEventSchema, (tx, event) => recordLabel(tx, event, "labeled"));
  };
}
