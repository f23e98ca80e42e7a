import { z } from "zod";
import type { Octokit } from "./octokit.js";

// Checked against GitHub's published schema (@octokit/graphql-schema): minimizeComment(input: MinimizeCommentInput!).
const MINIMIZE = `mutation ($subjectId: ID!) {
  minimizeComment(input: { subjectId: $subjectId, classifier: OFF_TOPIC }) {
    minimizedComment { isMinimized }
  }
}`;

const answerSchema = z.object({
  minimizeComment: z.object({ minimizedComment: z.object({ isMinimized: z.boolean() }).nullable() }).nullable(),
});

/** Hides a comment as off-topic (GraphQL `minimizeComment`), by its node id from REST; true when GitHub says it is hidden. */
export async function minimizeComment(octokit: Octokit, nodeId: string): Promise<boolean> {
  const answer = answerSchema.parse(await octokit.graphql(MINIMIZE, { subjectId: nodeId }));
  return answer.minimizeComment?.minimizedComment?.isMinimized ?? false;
}
