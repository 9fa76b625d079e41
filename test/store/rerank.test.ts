import { describe, expect, it } from 'vitest';
import { FEATURE_SIGNS, FEATURES } from '../../src/store/features.js';
import { fitPairwiseReranker, groupFolds, plattScale, rerankScore, type CandidateGroup } from '../../src/store/rerank.js';
import { RERANKER } from '../../src/store/reranker-weights.js';

const d = FEATURES.length;
const at = (name: (typeof FEATURES)[number]) => FEATURES.indexOf(name);

describe('re-ranker', () => {
  it('keeps every weight on the side its feature allows, even when the data pull the other way', () => {
    const groups: CandidateGroup[] = [];
    for (let g = 0; g < 40; g++) {
      const xs: number[][] = [];
      const ys: number[] = [];
      for (let c = 0; c < 6; c++) {
        const y = c === g % 6 ? 1 : 0;
        const x = new Array<number>(d).fill(0.5);
        x[at('cosineClaim')] = y === 1 ? 0.8 : 0.2;
        x[at('sharedBigrams')] = y === 1 ? 0 : 3; // more shared bigrams among non-matches: must not become a penalty
        x[at('numberMismatch')] = y === 1 ? 1 : 0; // mismatched numbers among matches: must not become a reward
        xs.push(x);
        ys.push(y);
      }
      groups.push({ xs, ys });
    }
    const r = fitPairwiseReranker(groups, { epochs: 300 });
    expect(r.weights[at('cosineClaim')]).toBeGreaterThan(0);
    expect(r.weights[at('sharedBigrams')]).toBeGreaterThanOrEqual(0);
    expect(r.weights[at('numberMismatch')]).toBeLessThanOrEqual(0);
  });

  it('the bundled re-ranker reads these features, with the allowed signs', () => {
    expect(RERANKER.features).toEqual([...FEATURES]);
    FEATURES.forEach((f, j) => {
      if (FEATURE_SIGNS[f] !== 0) expect(FEATURE_SIGNS[f] * RERANKER.weights[j]!, f).toBeGreaterThanOrEqual(0);
    });
  });

  it('pairwise: ranks the match of each group first when one feature orders them, whatever the level of each group', () => {
    // Every group has its own level of bm25 (a text with many shared words lifts all its candidates);
    // within a group the match has the highest cosineClaim. Pointwise, bm25 would drown it.
    const groups: CandidateGroup[] = [];
    for (let g = 0; g < 60; g++) {
      const xs: number[][] = [];
      const ys: number[] = [];
      for (let c = 0; c < 8; c++) {
        const x = new Array<number>(d).fill(0).map((_, j) => ((g * 31 + c * 17 + j * 7) % 13) / 13);
        x[at('bm25')] = g % 10 + c * 0.01;
        x[at('cosineClaim')] = c === g % 8 ? 0.7 : 0.2 + (c % 3) * 0.1;
        xs.push(x);
        ys.push(c === g % 8 ? 1 : 0);
      }
      groups.push({ xs, ys });
    }
    const r = fitPairwiseReranker(groups, { epochs: 400 });
    let first = 0;
    for (const g of groups) {
      const s = g.xs.map((x) => rerankScore(r, x));
      if (g.ys[s.indexOf(Math.max(...s))] === 1) first++;
    }
    expect(first).toBe(groups.length);
    expect(r.weights[at('cosineClaim')]).toBeGreaterThan(0);
    FEATURES.forEach((f, j) => {
      if (FEATURE_SIGNS[f] !== 0) expect(FEATURE_SIGNS[f] * r.weights[j]!, f).toBeGreaterThanOrEqual(0);
    });
    // Still a probability: matches score higher than the rest on average, everything in (0, 1).
    const all = groups.flatMap((g) => g.xs.map((x, i) => ({ p: rerankScore(r, x), y: g.ys[i]! })));
    const mean = (y: number) => all.filter((a) => a.y === y).reduce((s, a) => s + a.p, 0) / all.filter((a) => a.y === y).length;
    expect(mean(1)).toBeGreaterThan(0.5);
    expect(mean(0)).toBeLessThan(0.2);
  });

  it('Platt scaling recovers the slope and offset of a logistic', () => {
    const scores: number[] = [];
    const ys: number[] = [];
    // Deterministic: at each score, the share of positives is σ(2s − 1) (400 labels per score).
    for (let i = 0; i <= 40; i++) {
      const s = (i - 20) / 5;
      const p = 1 / (1 + Math.exp(-(2 * s - 1)));
      for (let k = 0; k < 400; k++) {
        scores.push(s * 10); // a score on another scale: a should come out 0.2
        ys.push(k < Math.round(p * 400) ? 1 : 0);
      }
    }
    const { a, b } = plattScale(scores, ys);
    expect(a).toBeCloseTo(0.2, 2);
    expect(b).toBeCloseTo(-1, 1);
  });

  it('folds by group are balanced and reproducible', () => {
    const f = groupFolds(23, 5, 3);
    const sizes = [0, 1, 2, 3, 4].map((k) => f.filter((x) => x === k).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(groupFolds(23, 5, 3)).toEqual(f);
  });
});
