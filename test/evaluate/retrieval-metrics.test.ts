import { describe, expect, it } from 'vitest';
import { averagePrecisionAt, precisionAt, reciprocalRank, retrievalMetrics } from '../../src/evaluate/retrieval-metrics.js';

const rel = (...ids: string[]) => new Set(ids);

describe('retrieval metrics (hand-computed, CLEF 2020 task 2 definitions)', () => {
  it('AP@k divides by every relevant item, not only those within k', () => {
    // Relevant b and e; ranking a b c d e: precisions 1/2 at b, 2/5 at e.
    const ranked = ['a', 'b', 'c', 'd', 'e'];
    expect(averagePrecisionAt(ranked, rel('b', 'e'), 1)).toBe(0);
    expect(averagePrecisionAt(ranked, rel('b', 'e'), 3)).toBeCloseTo(0.5 / 2, 12);
    expect(averagePrecisionAt(ranked, rel('b', 'e'), 5)).toBeCloseTo((0.5 + 0.4) / 2, 12);
    expect(averagePrecisionAt(['x', 'y'], rel('y'), 5)).toBeCloseTo(0.5, 12);
    expect(averagePrecisionAt(['y'], rel(), 5)).toBe(0);
  });

  it('reciprocal rank and precision at 1', () => {
    expect(reciprocalRank(['a', 'b', 'c'], rel('c'))).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRank(['a', 'b'], rel('z'))).toBe(0);
    expect(precisionAt(['a', 'b'], rel('a'), 1)).toBe(1);
    expect(precisionAt(['a', 'b'], rel('b'), 1)).toBe(0);
    expect(precisionAt(['a'], rel('a'), 2)).toBe(0.5);
  });

  it('averages over queries', () => {
    const m = retrievalMetrics([
      { ranked: ['a', 'b', 'c'], relevant: rel('a') }, // AP 1 at every k, RR 1
      { ranked: ['a', 'b', 'c', 'd'], relevant: rel('c') }, // AP@1 0, AP@3 1/3, RR 1/3
      { ranked: ['q', 'r', 's', 't', 'u', 'v'], relevant: rel('v') }, // nothing within 5; RR 1/6
    ]);
    expect(m.queries).toBe(3);
    expect(m.map1).toBeCloseTo(1 / 3, 12);
    expect(m.map3).toBeCloseTo((1 + 1 / 3) / 3, 12);
    expect(m.map5).toBeCloseTo((1 + 1 / 3) / 3, 12);
    expect(m.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 6) / 3, 12);
    expect(m.p1).toBeCloseTo(1 / 3, 12);
    expect(retrievalMetrics([])).toEqual({ map1: 0, map3: 0, map5: 0, mrr: 0, p1: 0, queries: 0 });
  });
});
