/** Which repositories a summary covers, and the window of time it counts. */
export type Scope = { installationId: number; repositoryIds: number[]; from: Date; to: Date };

// Support issues: opened by people outside the project (not bots, not its owner, members or collaborators).
export const SUPPORT_ISSUE = `i.reporter_type <> 'Bot' AND i.author_association NOT IN ('OWNER', 'MEMBER', 'COLLABORATOR')`;
