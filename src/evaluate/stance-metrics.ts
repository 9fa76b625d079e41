/**
 * FNC-1 stance metrics: the official weighted score (the rules of FakeNewsChallenge/fnc-1's scorer.py)
 * and the class-wise view Hanselowski et al. (COLING 2018) argue for, macro-F1 over the four classes (F1m).
 *
 * Scorer rules, per pair: +0.25 when gold and predicted are both unrelated or both related (any of
 * agree/disagree/discuss); +0.75 more when a related gold stance is predicted exactly. The maximum is
 * 0.25 per unrelated pair plus 1 per related pair. Where an F1 has a zero denominator it is 0, never NaN.
 */

import { STANCE_INDEX, STANCES, UNRELATED, pairScore, type Stance } from '../article/stance.js';

export { pairScore, parseStance, STANCE_INDEX, STANCES, UNRELATED, type Stance } from '../article/stance.js';

export interface StanceClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Gold pairs of this class. */
  support: number;
}

export interface StanceMetrics {
  n: number;
  /** The official FNC-1 score. */
  fncScore: number;
  /** The score of a perfect prediction of the same gold labels. */
  maxScore: number;
  /** 100 · fncScore / maxScore (0 when maxScore is 0). */
  relativeScore: number;
  /** Mean F1 over the four classes, every class counted (F1m). */
  macroF1: number;
  perClassF1: Record<Stance, number>;
  perClass: Record<Stance, StanceClassMetrics>;
  accuracy: number;
  /** F1 of related (agree/disagree/discuss) against unrelated, related being the positive class. */
  relatedF1: number;
  /** confusion[gold][predicted], in `STANCES` order (the official scorer's layout). */
  confusion: number[][];
}

/** The official score, its maximum and the relative score in percent. */
export function fncScore(gold: ArrayLike<number>, predicted: ArrayLike<number>): { score: number; max: number; relative: number } {
  check(gold, predicted);
  let score = 0;
  let max = 0;
  for (let i = 0; i < gold.length; i++) {
    score += pairScore(gold[i]!, predicted[i]!);
    max += pairScore(gold[i]!, gold[i]!);
  }
  return { score, max, relative: max === 0 ? 0 : (100 * score) / max };
}

export function stanceConfusion(gold: ArrayLike<number>, predicted: ArrayLike<number>): number[][] {
  check(gold, predicted);
  const cm = STANCES.map(() => STANCES.map(() => 0));
  for (let i = 0; i < gold.length; i++) cm[gold[i]!]![predicted[i]!]!++;
  return cm;
}

/**
 * Every stance metric at once. `gold` and `predicted` hold `STANCES` indices (0 agree … 3 unrelated).
 * `weights`, when given, weigh each pair in every count (for re-weighting a dev set to another class mix).
 */
export function stanceMetrics(gold: ArrayLike<number>, predicted: ArrayLike<number>, weights?: ArrayLike<number>): StanceMetrics {
  check(gold, predicted);
  if (weights !== undefined && weights.length !== gold.length) throw new RangeError(`${gold.length} labels but ${weights.length} weights`);
  const k = STANCES.length;
  const cm = STANCES.map(() => STANCES.map(() => 0));
  let score = 0;
  let max = 0;
  let total = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = predicted[i]!;
    const w = weights === undefined ? 1 : weights[i]!;
    cm[g]![p]! += w;
    score += w * pairScore(g, p);
    max += w * pairScore(g, g);
    total += w;
  }
  const perClass = {} as Record<Stance, StanceClassMetrics>;
  const perClassF1 = {} as Record<Stance, number>;
  let correct = 0;
  for (let c = 0; c < k; c++) {
    let goldC = 0;
    let predC = 0;
    for (let j = 0; j < k; j++) {
      goldC += cm[c]![j]!;
      predC += cm[j]![c]!;
    }
    const tp = cm[c]![c]!;
    correct += tp;
    const m = prf(tp, predC - tp, goldC - tp);
    perClass[STANCES[c]!] = { ...m, support: goldC };
    perClassF1[STANCES[c]!] = m.f1;
  }
  // Related (positive) vs unrelated.
  let tpR = 0;
  let fpR = 0;
  let fnR = 0;
  for (let g = 0; g < k; g++) {
    for (let p = 0; p < k; p++) {
      const v = cm[g]![p]!;
      if (g !== UNRELATED && p !== UNRELATED) tpR += v;
      else if (g === UNRELATED && p !== UNRELATED) fpR += v;
      else if (g !== UNRELATED && p === UNRELATED) fnR += v;
    }
  }
  return {
    n: gold.length,
    fncScore: score,
    maxScore: max,
    relativeScore: max === 0 ? 0 : (100 * score) / max,
    macroF1: STANCES.reduce((s, c) => s + perClassF1[c], 0) / k,
    perClassF1,
    perClass,
    accuracy: total === 0 ? 0 : correct / total,
    relatedF1: prf(tpR, fpR, fnR).f1,
    confusion: cm,
  };
}

function prf(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = 2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return { precision, recall, f1 };
}

function check(gold: ArrayLike<number>, predicted: ArrayLike<number>): void {
  if (gold.length !== predicted.length) throw new RangeError(`${gold.length} gold labels but ${predicted.length} predictions`);
  for (let i = 0; i < gold.length; i++) {
    for (const v of [gold[i]!, predicted[i]!]) {
      if (!Number.isInteger(v) || v < 0 || v >= STANCES.length) throw new RangeError(`stance at row ${i} is ${v}, expected 0..3`);
    }
  }
}

/** The confusion matrix as aligned text rows (gold down, predicted across), for reports. */
export function formatConfusion(cm: readonly (readonly number[])[]): string {
  const head = ['gold \\ pred', ...STANCES];
  const rows = cm.map((r, i) => [STANCES[i]!, ...r.map((v) => String(Math.round(v * 100) / 100))]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (cells: string[]): string => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

/** The figures `stance eval --json` prints and a stance card keeps: the official score and F1m view. */
export type FncFigures = Pick<StanceMetrics, 'fncScore' | 'maxScore' | 'relativeScore' | 'macroF1' | 'perClassF1' | 'confusion'>;

export function fncFigures(m: StanceMetrics): FncFigures {
  return { fncScore: m.fncScore, maxScore: m.maxScore, relativeScore: m.relativeScore, macroF1: m.macroF1, perClassF1: m.perClassF1, confusion: m.confusion };
}
