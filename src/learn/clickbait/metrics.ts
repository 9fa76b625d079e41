/** Figures of a clickbait scoring against gold labels (1 = clickbait), at the calibrated 0.5 decision. */
import { rankAuc } from '../ranking.js';
import { positiveClass } from '../worthiness/metrics.js';

export interface ClickbaitFigures {
  n: number;
  positives: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number | null;
}

export function clickbaitFigures(y: ArrayLike<number>, p: ArrayLike<number>, threshold = 0.5): ClickbaitFigures {
  if (y.length !== p.length) throw new RangeError(`${y.length} labels but ${p.length} scores`);
  let right = 0;
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) positives++;
    if ((p[i]! >= threshold ? 1 : 0) === y[i]) right++;
  }
  const m = positiveClass(y, p, threshold);
  return { n: y.length, positives, accuracy: y.length === 0 ? 0 : right / y.length, precision: m.precision, recall: m.recall, f1: m.f1, rocAuc: rankAuc(y, p) };
}

/** "Every Word Capitalised", as the training set's clickbait sites write headlines. */
export function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s"“‘(\[-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}
