/**
 * The stance vocabulary (FNC-1): how a body relates to its headline or to a claim, and the points the
 * official FNC-1 scorer gives one pair. Shared by the stance model, its evaluation and the report.
 */

export const STANCES = ['agree', 'disagree', 'discuss', 'unrelated'] as const;
export type Stance = (typeof STANCES)[number];

/** Index of a stance in `STANCES`: 0 agree, 1 disagree, 2 discuss, 3 unrelated. */
export const STANCE_INDEX: Readonly<Record<Stance, number>> = { agree: 0, disagree: 1, discuss: 2, unrelated: 3 };
export const UNRELATED = 3;

/** What a body sentence does to the headline: the role of one piece of stance evidence. */
export type EvidenceRole = 'supports' | 'contradicts' | 'discusses';

export function parseStance(value: string): Stance | undefined {
  const v = value.trim().toLowerCase();
  return (STANCES as readonly string[]).includes(v) ? (v as Stance) : undefined;
}

/**
 * The points one pair earns under the official scorer (classes are `STANCES` indices): +0.25 when gold
 * and predicted are both unrelated or both related; +0.75 more when a related gold stance is predicted exactly.
 */
export function pairScore(gold: number, predicted: number): number {
  let s = 0;
  if (gold === predicted) {
    s += 0.25;
    if (gold !== UNRELATED) s += 0.5;
  }
  if (gold !== UNRELATED && predicted !== UNRELATED) s += 0.25;
  return s;
}
