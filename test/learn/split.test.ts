import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/article/errors.js';
import { Random } from '../../src/learn/random.js';
import { stratifiedGroupKFold, stratifiedGroupSplit } from '../../src/learn/split.js';

interface Dataset {
  labels: Uint8Array;
  groups: Int32Array;
}

/**
 * Rows in groups of 1 to 4 (one in ten of up to 20), most groups of one class, about 35% unreliable;
 * group ids sparse and rows interleaved, as near-duplicate groups come out of real data.
 */
function dataset(seed: number, groupCount: number): Dataset {
  const rng = new Random(seed);
  const rows: [label: number, group: number][] = [];
  for (let g = 0; g < groupCount; g++) {
    const size = 1 + rng.int(rng.next() < 0.1 ? 20 : 4);
    const mixed = rng.next() < 0.1;
    const groupLabel = rng.next() < 0.35 ? 1 : 0;
    for (let r = 0; r < size; r++) rows.push([mixed ? rng.int(2) : groupLabel, g * 7 + 3]);
  }
  rng.shuffle(rows);
  return { labels: Uint8Array.from(rows, ([l]) => l), groups: Int32Array.from(rows, ([, g]) => g) };
}

/** The one part each group's rows fell in; fails if a group is in two. */
function partOfEachGroup(groups: Int32Array, parts: ArrayLike<number>): Map<number, number> {
  const seen = new Map<number, number>();
  for (let i = 0; i < groups.length; i++) {
    const before = seen.get(groups[i]!);
    if (before !== undefined) expect(parts[i], `group ${groups[i]} is in two parts`).toBe(before);
    else seen.set(groups[i]!, parts[i]!);
  }
  return seen;
}

function rowsAndPositives(labels: ArrayLike<number>, parts: ArrayLike<number>, part: number): { rows: number; positives: number } {
  let rows = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (parts[i] !== part) continue;
    rows++;
    positives += labels[i]!;
  }
  return { rows, positives };
}

const positiveRate = (labels: ArrayLike<number>): number => Array.from(labels).reduce((s, v) => s + v, 0) / labels.length;

describe('stratifiedGroupKFold', () => {
  const data = dataset(1, 1500);
  const k = 5;
  const folds = stratifiedGroupKFold(data.labels, data.groups, k, 42);

  it('gives every row a fold and keeps every group in one fold', () => {
    expect(folds).toHaveLength(data.labels.length);
    expect(new Set(folds)).toEqual(new Set([0, 1, 2, 3, 4]));
    partOfEachGroup(data.groups, folds);
  });

  it('makes folds of about equal size and equal class balance', () => {
    const overall = positiveRate(data.labels);
    for (let f = 0; f < k; f++) {
      const { rows, positives } = rowsAndPositives(data.labels, folds, f);
      expect(Math.abs(rows / data.labels.length - 1 / k)).toBeLessThan(0.01);
      expect(Math.abs(positives / rows - overall)).toBeLessThan(0.01);
    }
  });

  it('is reproducible from the seed, and another seed gives other folds', () => {
    expect(stratifiedGroupKFold(data.labels, data.groups, k, 42)).toEqual(folds);
    const other = stratifiedGroupKFold(data.labels, data.groups, k, 43);
    expect(other).not.toEqual(folds);
    partOfEachGroup(data.groups, other);
  });

  it('behaves as stratified k-fold when every row is its own group: per-class fold counts differ by at most one', () => {
    const labels = dataset(2, 200).labels;
    const own = Int32Array.from(labels, (_, i) => i);
    const f = stratifiedGroupKFold(labels, own, 3, 7);
    for (const cls of [0, 1]) {
      const perFold = [0, 1, 2].map((fold) => labels.filter((l, i) => l === cls && f[i] === fold).length);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    }
  });

  it('balances more than two classes', () => {
    const rng = new Random(3);
    const labels = Array.from({ length: 3000 }, () => [0, 0, 0, 1, 1, 2][rng.int(6)]!);
    const groups = Int32Array.from(labels, (_, i) => Math.floor(i / 3));
    const f = stratifiedGroupKFold(labels, groups, 4, 1);
    partOfEachGroup(groups, f);
    for (const cls of [0, 1, 2]) {
      const overall = labels.filter((l) => l === cls).length / labels.length;
      for (let fold = 0; fold < 4; fold++) {
        const inFold = labels.filter((_, i) => f[i] === fold);
        expect(Math.abs(inFold.filter((l) => l === cls).length / inFold.length - overall)).toBeLessThan(0.02);
      }
    }
  });

  it('refuses more folds than groups, with a usage error that says why', () => {
    const labels = [0, 1, 0, 1, 0, 1];
    const groups = Int32Array.from([0, 0, 1, 1, 2, 2]);
    expect(() => stratifiedGroupKFold(labels, groups, 4, 1)).toThrow(UsageError);
    expect(() => stratifiedGroupKFold(labels, groups, 4, 1)).toThrow('cannot make 4 folds from 3 groups');
    expect([...stratifiedGroupKFold(labels, groups, 3, 1)].sort()).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('refuses fewer than two folds and mismatched inputs', () => {
    expect(() => stratifiedGroupKFold([0, 1], Int32Array.from([0, 1]), 1, 1)).toThrow(UsageError);
    expect(() => stratifiedGroupKFold([0, 1], Int32Array.from([0]), 2, 1)).toThrow(RangeError);
    expect(() => stratifiedGroupKFold([0, 0.5], Int32Array.from([0, 1]), 2, 1)).toThrow(RangeError);
  });
});

describe('stratifiedGroupSplit', () => {
  const data = dataset(4, 1500);
  const test = stratifiedGroupSplit(data.labels, data.groups, 0.2, 9);

  it('marks about the test fraction of rows, keeping every group on one side', () => {
    expect(test).toBeInstanceOf(Uint8Array);
    expect(new Set(test)).toEqual(new Set([0, 1]));
    partOfEachGroup(data.groups, test);
    const { rows } = rowsAndPositives(data.labels, test, 1);
    expect(Math.abs(rows / data.labels.length - 0.2)).toBeLessThan(0.01);
  });

  it('keeps the class balance on both sides', () => {
    const overall = positiveRate(data.labels);
    for (const side of [0, 1]) {
      const { rows, positives } = rowsAndPositives(data.labels, test, side);
      expect(Math.abs(positives / rows - overall)).toBeLessThan(0.01);
    }
  });

  it('is reproducible from the seed, and another seed gives another split', () => {
    expect(stratifiedGroupSplit(data.labels, data.groups, 0.2, 9)).toEqual(test);
    expect(stratifiedGroupSplit(data.labels, data.groups, 0.2, 10)).not.toEqual(test);
  });

  it('refuses a fraction outside (0, 1), and a split the groups cannot make', () => {
    expect(() => stratifiedGroupSplit(data.labels, data.groups, 0, 1)).toThrow(UsageError);
    expect(() => stratifiedGroupSplit(data.labels, data.groups, 1, 1)).toThrow(UsageError);
    // Two groups of 50: no 10% test set exists.
    const labels = new Uint8Array(100);
    const halves = Int32Array.from(labels, (_, i) => (i < 50 ? 0 : 1));
    expect(() => stratifiedGroupSplit(labels, halves, 0.1, 1)).toThrow(UsageError);
    expect(() => stratifiedGroupSplit(labels, halves, 0.1, 1)).toThrow('the test set would be empty');
  });
});
