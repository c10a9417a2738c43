import type { Finding, PostmortemItemView, PostmortemRuleInput } from '../quality.types.js';

/** A rule over a postmortem's items as a whole. */
export type PostmortemRule = (input: PostmortemRuleInput) => Finding[];

/** Items still to be worked on. */
export const isOpen = (i: PostmortemItemView): boolean => i.status === 'open' || i.status === 'in_progress';

/** Items the team still stands behind: everything but "won't do". */
export const isCommitted = (i: PostmortemItemView): boolean => i.status !== 'wont_do';
