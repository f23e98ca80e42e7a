import type { CheckRunOutput } from "../github/summary-outputs.js";
import type { ConfigLoad } from "./load-config.js";
import { CONFIG_PATH } from "./load-config.js";
import { codeSpan, escapeText, withoutBidiControls } from "../summary/markdown.js";

export const CONFIG_CHECK_NAME = "Satisfaction configuration";

type Annotation = { path: string; start_line: number; end_line: number; annotation_level: "failure"; message: string };

/** The check run that tells a maintainer, on the commit that changed it, whether the file is valid. */
export function configCheckOutput(
  load: ConfigLoad,
  fullName: string,
  onDefaultBranch: boolean,
): CheckRunOutput & { annotations?: Annotation[] } {
  const effect = onDefaultBranch ? "It is in force now." : "It takes effect once it reaches the default branch.";
  if (load.ok) {
    return { title: `${CONFIG_PATH} is valid`, summary: `The satisfaction-bot configuration of this commit is valid. ${effect}` };
  }
  // The message quotes the file's keys and values: written by anyone who can push, so made inert.
  const { file, line } = load.error;
  const message = withoutBidiControls(load.error.message);
  const where = line === null ? codeSpan(file) : `${codeSpan(file)}, line ${line}`;
  const kept = onDefaultBranch
    ? "The app keeps the last good configuration (or the defaults) until the file is fixed."
    : "On the default branch, the app would keep its last good configuration until it is fixed.";
  const annotations =
    line !== null && file === `${fullName}:${CONFIG_PATH}`
      ? [{ path: CONFIG_PATH, start_line: line, end_line: line, annotation_level: "failure" as const, message }]
      : undefined;
  return {
    title: `${CONFIG_PATH} is invalid`,
    summary: `${where}: ${escapeText(message)}\n\n${kept}\n\nSee the configuration reference in the app's docs/configuration.md.`,
    ...(annotations ? { annotations } : {}),
  };
}
