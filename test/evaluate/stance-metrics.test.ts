import { describe, expect, it } from 'vitest';
import { fncScore, formatConfusion, pairScore, parseStance, STANCE_INDEX, stanceConfusion, stanceMetrics, type Stance } from '../../src/evaluate/stance-metrics.js';

const ix = (labels: Stance[]): number[] => labels.map((l) => STANCE_INDEX[l]);

describe('pairScore (the official scorer.py rules)', () => {
  it('gives 1 for an exact related stance, 0.25 for any other related one, 0.25 for unrelated, 0 across', () => {
    const A = 0, D = 1, S = 2, U = 3;
    expect(pairScore(A, A)).toBe(1);
    expect(pairScore(D, D)).toBe(1);
    expect(pairScore(S, S)).toBe(1);
    expect(pairScore(A, D)).toBe(0.25);
    expect(pairScore(D, S)).toBe(0.25);
    expect(pairScore(U, U)).toBe(0.25);
    expect(pairScore(U, A)).toBe(0);
    expect(pairScore(S, U)).toBe(0);
  });
});

describe('stanceMetrics', () => {
  // Hand-computed: pair scores 1 + 0.25 + 0 + 0.25 + 0 + 0.25 = 1.75; max 1 + 1 + 1 + 0.25 + 0.25 + 1 = 4.5.
  const gold = ix(['agree', 'disagree', 'discuss', 'unrelated', 'unrelated', 'agree']);
  const pred = ix(['agree', 'discuss', 'unrelated', 'unrelated', 'agree', 'disagree']);

  it('scores a hand-computed case', () => {
    const m = stanceMetrics(gold, pred);
    expect(m.fncScore).toBe(1.75);
    expect(m.maxScore).toBe(4.5);
    expect(m.relativeScore).toBeCloseTo((100 * 1.75) / 4.5, 12);
    expect(fncScore(gold, pred)).toEqual({ score: 1.75, max: 4.5, relative: (100 * 1.75) / 4.5 });
  });

  it('builds the confusion matrix gold × predicted in agree, disagree, discuss, unrelated order', () => {
    const expected = [
      [1, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [1, 0, 0, 1],
    ];
    expect(stanceMetrics(gold, pred).confusion).toEqual(expected);
    expect(stanceConfusion(gold, pred)).toEqual(expected);
  });

  it('computes per-class F1, macro-F1 over all four classes, accuracy and related F1', () => {
    const m = stanceMetrics(gold, pred);
    // agree: tp 1, fp 1 (unrelated→agree), fn 1 (agree→disagree): F1 = 2/4. unrelated likewise.
    expect(m.perClassF1).toEqual({ agree: 0.5, disagree: 0, discuss: 0, unrelated: 0.5 });
    expect(m.perClass.agree).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(m.perClass.disagree.support).toBe(1);
    expect(m.macroF1).toBe(0.25);
    expect(m.accuracy).toBeCloseTo(2 / 6, 12);
    // Related: tp 3, fp 1, fn 1.
    expect(m.relatedF1).toBeCloseTo(0.75, 12);
  });

  it('gives 100 % and macro-F1 1 to a perfect prediction', () => {
    const m = stanceMetrics(gold, gold);
    expect(m.relativeScore).toBe(100);
    expect(m.fncScore).toBe(m.maxScore);
    expect(m.macroF1).toBe(1);
  });

  it('counts a class absent from gold and predictions as F1 0 in the macro average (F1m over four classes)', () => {
    const g = ix(['agree', 'unrelated']);
    const m = stanceMetrics(g, g);
    expect(m.perClassF1.disagree).toBe(0);
    expect(m.macroF1).toBe(0.5);
    expect(Number.isNaN(m.perClass.discuss.precision)).toBe(false);
  });

  it('predicting unrelated everywhere scores 0.25 per unrelated pair only', () => {
    const g = ix(['unrelated', 'unrelated', 'unrelated', 'discuss']);
    const m = stanceMetrics(g, ix(['unrelated', 'unrelated', 'unrelated', 'unrelated']));
    expect(m.fncScore).toBe(0.75);
    expect(m.maxScore).toBe(1.75);
  });

  it('weighs pairs when weights are given; equal weights change nothing relative', () => {
    const w = gold.map(() => 2);
    const m = stanceMetrics(gold, pred, w);
    expect(m.fncScore).toBe(3.5);
    expect(m.relativeScore).toBeCloseTo(stanceMetrics(gold, pred).relativeScore, 12);
    const w2 = [1, 1, 1, 3, 3, 1];
    expect(stanceMetrics(gold, pred, w2).maxScore).toBe(1 + 1 + 1 + 0.75 + 0.75 + 1);
  });

  it('refuses mismatched lengths and out-of-range classes', () => {
    expect(() => stanceMetrics([0, 1], [0])).toThrow(RangeError);
    expect(() => stanceMetrics([0, 4], [0, 1])).toThrow(/expected 0..3/);
  });
});

describe('helpers', () => {
  it('parses stance names case-insensitively', () => {
    expect(parseStance(' Disagree ')).toBe('disagree');
    expect(parseStance('refute')).toBeUndefined();
  });
  it('formats the confusion matrix with a header row', () => {
    const text = formatConfusion([[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 3, 0], [0, 0, 0, 40]]);
    expect(text.split('\n')).toHaveLength(5);
    expect(text.split('\n')[0]).toContain('unrelated');
  });
});
