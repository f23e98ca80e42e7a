import { z } from "zod";
import { installationRefSchema, repositorySchema, timestamp, userSchema } from "../payloads.js";

/** The parts of GitHub's `discussion` and `discussion_comment` payloads the app reads, validated at the boundary. */
export const discussionSchema = z.object({
  number: z.number().int().positive(),
  /** The GraphQL id: a discussion is commented on through GraphQL only. */
  node_id: z.string().min(1),
  title: z.string().default(""),
  user: userSchema,
  author_association: z.string(),
  /** Only a discussion in an answerable (Q&A) category is a question the app follows. */
  category: z.object({ is_answerable: z.boolean() }),
  /** open, closed, locked, converting, transferring. */
  state: z.string(),
  /** resolved, outdated, duplicate, reopened, or none. */
  state_reason: z.string().nullish(),
  locked: z.boolean().default(false),
  /** Every comment and reply, every author's; absent: unknown. */
  comments: z.number().int().nonnegative().optional(),
  created_at: timestamp,
  updated_at: timestamp,
  answer_chosen_at: timestamp.nullish(),
});

export const discussionEventSchema = z.object({
  discussion: discussionSchema,
  repository: repositorySchema,
  installation: installationRefSchema,
  /** Who acted: for discussion.closed, who closed it. */
  sender: userSchema.optional(),
});

/** discussion.answered: `answer` is the comment marked as the answer. */
export const discussionAnsweredSchema = discussionEventSchema.extend({ answer: z.object({ user: userSchema }) });

export const discussionTransferredSchema = discussionEventSchema.extend({
  changes: z.object({
    new_discussion: z.object({ number: z.number().int().positive() }),
    new_repository: repositorySchema,
  }),
});

export const discussionCommentEventSchema = discussionEventSchema.extend({
  comment: z.object({
    id: z.number().int(),
    node_id: z.string(),
    user: userSchema,
    author_association: z.string(),
    created_at: timestamp,
    performed_via_github_app: z.object({ id: z.number().int() }).nullish(),
  }),
});

export type DiscussionPayload = z.infer<typeof discussionSchema>;
export type DiscussionEvent = z.infer<typeof discussionEventSchema>;
export type DiscussionAnsweredEvent = z.infer<typeof discussionAnsweredSchema>;
export type DiscussionCommentEvent = z.infer<typeof discussionCommentEventSchema>;
