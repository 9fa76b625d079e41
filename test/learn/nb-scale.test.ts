/** Naive Bayes column scaling: which columns it stretches, and that folding the scale into weights scores the same. */
import { describe, expect, it } from 'vitest';
import { csrFromRows, decision } from '../../src/learn/matrix.js';
import { foldScale, nbScale, scaleColumns } from '../../src/learn/nb-scale.js';

const row = (pairs: [number, number][]) => ({ idx: Int32Array.from(pairs, (p) => p[0]), val: Float32Array.from(pairs, (p) => p[1]) });

// Column 0 only in positives, column 1 in every row, column 2 only in negatives, column 3 a dense cue.
const X = csrFromRows(
  [
    row([[0, 1], [1, 0.5], [3, 0.2]]),
    row([[0, 0.7], [1, 0.5], [3, 0.9]]),
    row([[1, 0.5], [2, 1], [3, 0.4]]),
    row([[1, 0.5], [2, 0.3], [3, 0.1]]),
  ],
  4,
);
const y = Uint8Array.from([1, 1, 0, 0]);

describe('nbScale', () => {
  const scale = nbScale(X, y, [0, 1, 2, 3], { smoothing: 0.5, interpolation: 1 }, (c) => c < 3);

  it('stretches columns that lean to one class and shrinks one that does not', () => {
    expect(scale[0]).toBeGreaterThan(1);
    expect(scale[2]).toBeCloseTo(scale[0]!, 12);
    expect(scale[1]).toBeLessThan(0.01);
    expect(scale[3]).toBe(1);
  });

  it('counts only the rows it is given', () => {
    const firstAndLast = nbScale(X, y, [0, 3], { smoothing: 0.5, interpolation: 1 }, () => true);
    // Row 1 (column 0 again) and row 2 are left out: column 0 leans less than with them.
    expect(firstAndLast[0]).toBeLessThan(scale[0]!);
  });

  it('is 1 everywhere without interpolation', () => {
    expect(Array.from(nbScale(X, y, [0, 1, 2, 3], { smoothing: 1, interpolation: 0 }, () => true))).toEqual([1, 1, 1, 1]);
  });

  it('weights fitted on scaled columns score the unscaled rows the same once the scale is folded in', () => {
    const w = Float64Array.from([0.4, -1.2, 0.8, 2]);
    const scaled = decision(scaleColumns(X, scale), w, 0.3);
    const folded = decision(X, foldScale(w, scale), 0.3);
    for (let i = 0; i < 4; i++) expect(folded[i]).toBeCloseTo(scaled[i]!, 5);
  });
});
