import { describe, expect, it } from 'vitest';
import { FEATURE_SIGNS, FEATURES } from '../../src/store/features.js';
import { fitReranker, rerankScore } from '../../src/store/rerank.js';
import { RERANKER } from '../../src/store/reranker-weights.js';

const d = FEATURES.length;
const at = (name: (typeof FEATURES)[number]) => FEATURES.indexOf(name);

describe('re-ranker', () => {
  it('learns which feature separates matches, as a probability', () => {
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 400; i++) {
      const y = i % 4 === 0 ? 1 : 0;
      const x = new Array<number>(d).fill(0).map((_, j) => ((i * 7919 + j * 104729) % 1000) / 1000);
      x[at('cosineClaim')] = y === 1 ? 0.6 + x[0]! * 0.3 : x[0]! * 0.4;
      xs.push(x);
      ys.push(y);
    }
    const r = fitReranker(xs, ys, { epochs: 500 });
    expect(r.weights[at('cosineClaim')]).toBeGreaterThan(1);
    const hi = [...xs[0]!];
    const lo = [...xs[0]!];
    hi[at('cosineClaim')] = 0.9;
    lo[at('cosineClaim')] = 0.05;
    expect(rerankScore(r, hi)).toBeGreaterThan(0.8);
    expect(rerankScore(r, lo)).toBeLessThan(0.2);
  });

  it('keeps every weight on the side its feature allows, even when the data pull the other way', () => {
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 300; i++) {
      const y = i % 3 === 0 ? 1 : 0;
      const x = new Array<number>(d).fill(0.5);
      x[at('cosineClaim')] = y === 1 ? 0.8 : 0.2;
      x[at('sharedBigrams')] = y === 1 ? 0 : 3; // more shared bigrams among non-matches: must not become a penalty
      x[at('numberMismatch')] = y === 1 ? 1 : 0; // mismatched numbers among matches: must not become a reward
      xs.push(x);
      ys.push(y);
    }
    const r = fitReranker(xs, ys, { epochs: 300 });
    expect(r.weights[at('sharedBigrams')]).toBeGreaterThanOrEqual(0);
    expect(r.weights[at('numberMismatch')]).toBeLessThanOrEqual(0);
  });

  it('the bundled re-ranker reads these features, with the allowed signs', () => {
    expect(RERANKER.features).toEqual([...FEATURES]);
    FEATURES.forEach((f, j) => {
      if (FEATURE_SIGNS[f] !== 0) expect(FEATURE_SIGNS[f] * RERANKER.weights[j]!, f).toBeGreaterThanOrEqual(0);
    });
  });
});
