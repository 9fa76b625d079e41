/**
 * Measures of a check-worthiness ranking used both to choose settings (on out-of-fold scores) and to
 * report them: average precision of one ranked list and its mean over lists (the CheckThat! labs'
 * official MAP: one list per debate), and the F1 of the check-worthy class at a threshold.
 */

/** Average precision of the rows ranked by score (ties broken by the rows' order); null without positives. */
export function averagePrecision(y: ArrayLike<number>, score: ArrayLike<number>, rows?: readonly number[]): number | null {
  const list = rows ?? Array.from({ length: y.length }, (_, i) => i);
  const ranked = [...list].sort((a, b) => score[b]! - score[a]! || a - b);
  let hits = 0;
  let sum = 0;
  ranked.forEach((r, k) => {
    if (y[r] === 1) {
      hits++;
      sum += hits / (k + 1);
    }
  });
  return hits === 0 ? null : sum / hits;
}

/** Mean of the average precision of each group's list; groups without a positive are left out (as they carry no AP). */
export function meanAveragePrecision(y: ArrayLike<number>, score: ArrayLike<number>, groups: readonly string[]): { map: number | null; lists: number } {
  const by = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const list = by.get(g);
    if (list === undefined) by.set(g, [i]);
    else list.push(i);
  });
  let total = 0;
  let lists = 0;
  for (const rows of by.values()) {
    const ap = averagePrecision(y, score, rows);
    if (ap === null) continue;
    total += ap;
    lists++;
  }
  return { map: lists === 0 ? null : total / lists, lists };
}

export interface PositiveClass {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of the positive class when score ≥ threshold is called positive. */
export function positiveClass(y: ArrayLike<number>, score: ArrayLike<number>, threshold: number): PositiveClass {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const called = score[i]! >= threshold;
    if (called && y[i] === 1) tp++;
    else if (called) fp++;
    else if (y[i] === 1) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** The threshold (one of the scores) that gives the best F1 of the positive class, with that F1. */
export function bestF1Threshold(y: ArrayLike<number>, score: ArrayLike<number>): { threshold: number; f1: number } {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
  let positives = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 1) positives++;
  let tp = 0;
  let best = { threshold: 0.5, f1: 0 };
  for (let k = 0; k < order.length; k++) {
    if (y[order[k]!] === 1) tp++;
    // Only between distinct scores: a threshold cannot split tied rows.
    if (k + 1 < order.length && score[order[k + 1]!] === score[order[k]!]) continue;
    const f1 = (2 * tp) / (k + 1 + positives);
    if (f1 > best.f1) best = { threshold: score[order[k]!]!, f1 };
  }
  return best;
}
