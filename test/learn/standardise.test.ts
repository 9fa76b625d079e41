import { describe, expect, it } from 'vitest';
import { columnMoments } from '../../src/learn/standardise.js';

describe('columnMoments', () => {
  it('gives each column its mean and population standard deviation, and 1 for a constant column', () => {
    const { mean, sd } = columnMoments([[1, 5, 0], [3, 5, 4], [5, 5, 8]], 3);
    expect(Array.from(mean)).toEqual([3, 5, 4]);
    expect(sd[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(sd[1]).toBe(1);
    expect(sd[2]).toBeCloseTo(Math.sqrt(32 / 3), 12);
  });

  it('reads only the first d columns of each row', () => {
    const { mean, sd } = columnMoments([Float64Array.from([2, 100]), Float64Array.from([6, -100])], 1);
    expect(mean).toHaveLength(1);
    expect(mean[0]).toBe(4);
    expect(sd[0]).toBe(2);
  });
});
