import { describe, expect, it } from 'vitest';
import { groupNearDuplicates } from '../../src/learn/groups.js';
import { Random } from '../../src/learn/random.js';
import { minhashSignature, wordShingles } from '../../src/text/minhash.js';

const VOCABULARY = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);

function randomText(rng: Random, words: number): string[] {
  return Array.from({ length: words }, () => VOCABULARY[rng.int(VOCABULARY.length)]!);
}

/** A copy with `edits` words replaced at random places. */
function edited(rng: Random, text: readonly string[], edits: number): string[] {
  const copy = [...text];
  for (let e = 0; e < edits; e++) copy[rng.int(copy.length)] = `edit${rng.int(1e9)}`;
  return copy;
}

const signatureOf = (words: readonly string[]): Uint32Array => minhashSignature(wordShingles(words));

/** Rows i and j share a group. */
const together = (groups: Int32Array, i: number, j: number): boolean => groups[i] === groups[j];

describe('groupNearDuplicates', () => {
  const rng = new Random(11);
  const texts = Array.from({ length: 40 }, () => randomText(rng, 300));
  // Rows 0..39 unrelated; 40 copies row 3 exactly; 41 and 42 are light edits of row 7 (Jaccard about 0.9).
  texts.push([...texts[3]!], edited(rng, texts[7]!, 2), edited(rng, texts[7]!, 2));
  const signatures = texts.map(signatureOf);
  const groups = groupNearDuplicates(signatures);

  it('groups exact copies and lightly edited copies', () => {
    expect(together(groups, 3, 40)).toBe(true);
    expect(together(groups, 7, 41)).toBe(true);
    expect(together(groups, 7, 42)).toBe(true);
  });

  it('leaves unrelated rows alone', () => {
    expect(new Set(groups.subarray(0, 40)).size).toBe(40);
    expect(Math.max(...groups) + 1).toBe(40);
  });

  it('numbers groups densely in order of their first row, the same every time', () => {
    expect([...groups.subarray(0, 40)]).toEqual([...Array(40).keys()]);
    expect(groupNearDuplicates(signatures)).toEqual(groups);
    expect(groupNearDuplicates([...signatures].reverse())).toEqual(
      Int32Array.from(relabelInOrder([...groups].reverse())),
    );
  });

  it('joins transitively: a chain of near-duplicates is one group', () => {
    const chainRng = new Random(5);
    const chain = [randomText(chainRng, 300)];
    for (let i = 1; i < 8; i++) chain.push(edited(chainRng, chain[i - 1]!, 2));
    const g = groupNearDuplicates(chain.map(signatureOf));
    expect(new Set(g).size).toBe(1);
  });

  it('respects the threshold', () => {
    // Half the text shared: Jaccard of the shingle sets about 1/3.
    const pairRng = new Random(9);
    const shared = randomText(pairRng, 150);
    const a = signatureOf([...shared, ...randomText(pairRng, 150)]);
    const b = signatureOf([...shared, ...randomText(pairRng, 150)]);
    expect(together(groupNearDuplicates([a, b]), 0, 1)).toBe(false);
    expect(together(groupNearDuplicates([a, b], { threshold: 0.2 }), 0, 1)).toBe(true);
  });

  it('always groups identical signatures, whatever the threshold and bands', () => {
    const s = signatureOf(randomText(new Random(3), 50));
    const g = groupNearDuplicates([s, Uint32Array.from(s), s], { threshold: 1, bands: 1 });
    expect([...g]).toEqual([0, 0, 0]);
  });

  it('accepts no rows, and rejects mixed lengths and bands that do not divide the signature', () => {
    expect(groupNearDuplicates([])).toHaveLength(0);
    expect(() => groupNearDuplicates([new Uint32Array(64), new Uint32Array(32)])).toThrow(RangeError);
    expect(() => groupNearDuplicates([new Uint32Array(64)], { bands: 7 })).toThrow(RangeError);
    expect(() => groupNearDuplicates([new Uint32Array(64)], { threshold: 0 })).toThrow(RangeError);
  });
});

describe('groupNearDuplicates against brute force', () => {
  /** Connected components of "agree in at least threshold of positions", over all pairs. */
  function bruteForce(signatures: readonly Uint32Array[], threshold: number): number[] {
    const group = signatures.map((_, i) => i);
    const relabel = (from: number, to: number): void => group.forEach((g, k) => g === from && (group[k] = to));
    for (let i = 0; i < signatures.length; i++) {
      for (let j = 0; j < i; j++) {
        let agree = 0;
        for (let k = 0; k < 64; k++) if (signatures[i]![k] === signatures[j]![k]) agree++;
        if (agree >= threshold * 64 && group[i] !== group[j]) relabel(group[i]!, group[j]!);
      }
    }
    return relabelInOrder(group);
  }

  it.each([0.5, 0.8, 0.9])('finds exactly the all-pairs groups when every position is its own band (threshold %f)', (threshold) => {
    const rng = new Random(77);
    const random32 = (): number => (rng.next() * 2 ** 32) >>> 0;
    const signatures: Uint32Array[] = [];
    // Families of copies with 0 to 40 positions changed, so similarities straddle every threshold.
    for (let family = 0; family < 30; family++) {
      const base = Uint32Array.from({ length: 64 }, random32);
      signatures.push(base);
      for (let c = rng.int(8); c > 0; c--) {
        const copy = Uint32Array.from(rng.next() < 0.5 ? base : signatures[signatures.length - 1]!);
        for (let k = rng.int(40); k > 0; k--) copy[rng.int(64)] = random32();
        signatures.push(copy);
      }
    }
    const groups = groupNearDuplicates(signatures, { threshold, bands: 64 });
    expect([...groups]).toEqual(bruteForce(signatures, threshold));
  });
});

describe('groupNearDuplicates at scale', () => {
  it('groups 20,000 signatures, with planted near-duplicates and a large cluster, well under a second', () => {
    const rng = new Random(2024);
    const n = 20_000;
    const random32 = (): number => (rng.next() * 2 ** 32) >>> 0;
    const signatures: Uint32Array[] = [];
    // Near-duplicates at the signature level: a copy that differs in `changes` of its 64 positions.
    const nearCopy = (s: Uint32Array, changes: number): Uint32Array => {
      const copy = Uint32Array.from(s);
      for (let c = 0; c < changes; c++) copy[rng.int(64)] = random32();
      return copy;
    };
    const cluster = Uint32Array.from({ length: 64 }, random32);
    for (let i = 0; i < 2000; i++) signatures.push(nearCopy(cluster, 3));
    const planted: [number, number][] = [];
    while (signatures.length < n) {
      const s = Uint32Array.from({ length: 64 }, random32);
      signatures.push(s);
      if (rng.next() < 0.1) {
        planted.push([signatures.length - 1, signatures.length]);
        signatures.push(nearCopy(s, 4));
      }
    }

    const start = performance.now();
    const groups = groupNearDuplicates(signatures);
    const elapsed = performance.now() - start;

    expect(elapsed).toBeLessThan(1000);
    expect(new Set(groups.subarray(0, 2000)).size).toBe(1);
    for (const [a, b] of planted) expect(groups[a]).toBe(groups[b]);
    const expectedGroups = 1 + (n - 2000 - planted.length);
    expect(Math.max(...groups) + 1).toBe(expectedGroups);
  });
});

function relabelInOrder(ids: readonly number[]): number[] {
  const map = new Map<number, number>();
  return ids.map((id) => {
    if (!map.has(id)) map.set(id, map.size);
    return map.get(id)!;
  });
}
