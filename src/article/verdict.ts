/**
 * The one scale publishers' verdicts are mapped to: false, mostly-false, mixed, mostly-true, true, or
 * other (satire, unproven, flip-flops, sentences that say more than a rating). Shared by the fact-check
 * store and the report.
 */
export const VERDICTS = ['false', 'mostly-false', 'mixed', 'mostly-true', 'true', 'other'] as const;
export type Verdict = (typeof VERDICTS)[number];
