/**
 * Groups of near-duplicate rows, so that a split can keep each group on one side and an evaluation never
 * scores a copy of a training article. Candidates come from banded LSH over MinHash signatures
 * (Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3), are confirmed by signature agreement,
 * and are joined transitively: if a ~ b and b ~ c, all three share a group.
 */
import { hashPair } from '../text/hash.js';

export interface NearDuplicateOptions {
  /** Least estimated Jaccard similarity (share of agreeing signature positions) that joins two rows. Default 0.8. */
  threshold?: number;
  /**
   * LSH bands; must divide the signature length. Default: the fewest bands (so the fewest chance candidates)
   * that still make a pair at the threshold a candidate with probability at least 0.99.
   */
  bands?: number;
}

const DEFAULT_THRESHOLD = 0.8;
const CANDIDATE_RECALL = 0.99;

/**
 * A group id per row, dense from 0 and numbered in order of each group's first row, so equal inputs
 * give equal output. Rows with identical signatures always share a group.
 */
export function groupNearDuplicates(signatures: readonly Uint32Array[], opts: NearDuplicateOptions = {}): Int32Array {
  const n = signatures.length;
  const groups = new Int32Array(n);
  if (n === 0) return groups;
  const length = signatures[0]!.length;
  if (length === 0) throw new RangeError('signatures are empty');
  for (const s of signatures) {
    if (s.length !== length) throw new RangeError(`signatures of different lengths (${length}, ${s.length})`);
  }
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  const bands = opts.bands ?? defaultBands(length, threshold);
  if (!Number.isInteger(bands) || bands < 1 || length % bands !== 0) {
    throw new RangeError(`bands must divide the signature length ${length}, got ${bands}`);
  }
  // The epsilon keeps a product that floating point rounds up (0.7 × 10 = 7.000000000000001) at its integer.
  const minAgree = Math.ceil(threshold * length - 1e-9);

  const sets = new DisjointSets(n);
  const distinct = joinIdenticalSignatures(signatures, sets);
  const rows = length / bands;
  for (let band = 0; band < bands; band++) {
    for (const bucket of bucketsOf(signatures, distinct, band * rows, (band + 1) * rows)) {
      joinSimilarInBucket(bucket, signatures, minAgree, sets);
    }
  }

  const idOfRoot = new Int32Array(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    if (idOfRoot[root] === -1) idOfRoot[root] = next++;
    groups[i] = idOfRoot[root]!;
  }
  return groups;
}

/** P(a pair of similarity t shares at least one band) = 1 - (1 - t^rows)^bands. */
function defaultBands(length: number, threshold: number): number {
  for (let bands = 1; bands < length; bands++) {
    if (length % bands !== 0) continue;
    const rows = length / bands;
    if (1 - (1 - threshold ** rows) ** bands >= CANDIDATE_RECALL) return bands;
  }
  return length;
}

/**
 * Joins rows whose signatures are equal and returns one row per distinct signature. Done before banding so
 * that thousands of copies of one text make one bucket member, not a quadratic number of candidate pairs.
 */
function joinIdenticalSignatures(signatures: readonly Uint32Array[], sets: DisjointSets): Int32Array {
  const firstWithKey = new Map<number, number[]>();
  const distinct: number[] = [];
  for (let i = 0; i < signatures.length; i++) {
    const sig = signatures[i]!;
    const key = hashRange(sig, 0, sig.length);
    const seen = firstWithKey.get(key);
    const same = seen?.find((j) => equalSignatures(signatures[j]!, sig));
    if (same !== undefined) {
      sets.union(same, i);
      continue;
    }
    if (seen) seen.push(i);
    else firstWithKey.set(key, [i]);
    distinct.push(i);
  }
  return Int32Array.from(distinct);
}

/** The rows (of `candidates`) that share a band, one array per bucket of two or more. */
function* bucketsOf(
  signatures: readonly Uint32Array[],
  candidates: Int32Array,
  from: number,
  to: number,
): Generator<number[]> {
  const last = new Map<number, number>();
  const previous = new Int32Array(candidates.length);
  for (let c = 0; c < candidates.length; c++) {
    const key = hashRange(signatures[candidates[c]!]!, from, to);
    previous[c] = last.get(key) ?? -1;
    last.set(key, c);
  }
  for (const tail of last.values()) {
    if (previous[tail] === -1) continue;
    const bucket: number[] = [];
    for (let c = tail; c !== -1; c = previous[c]!) bucket.push(candidates[c]!);
    yield bucket.reverse();
  }
}

/**
 * Joins every pair in the bucket whose signatures agree enough. A member is compared with the members of each
 * other component until one agrees, and never with its own component: a cluster of thousands of near-copies
 * costs about one comparison per member, not one per pair.
 */
function joinSimilarInBucket(bucket: readonly number[], signatures: readonly Uint32Array[], minAgree: number, sets: DisjointSets): void {
  const firstRoot = sets.find(bucket[0]!);
  if (bucket.every((row) => sets.find(row) === firstRoot)) return;
  // The members seen so far, one list per component, keyed by any one of its members.
  const seen = new Map<number, number[]>();
  for (const b of bucket) {
    let members = [b];
    for (const [key, others] of [...seen]) {
      const joins =
        sets.find(key) === sets.find(b) || others.some((a) => agreeAtLeast(signatures[a]!, signatures[b]!, minAgree));
      if (!joins) continue;
      sets.union(key, b);
      seen.delete(key);
      members = others.length > members.length ? appendAll(others, members) : appendAll(members, others);
    }
    seen.set(b, members);
  }
}

function appendAll(target: number[], source: readonly number[]): number[] {
  for (const x of source) target.push(x);
  return target;
}

function agreeAtLeast(a: Uint32Array, b: Uint32Array, minAgree: number): boolean {
  let disagreementsLeft = a.length - minAgree;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && --disagreementsLeft < 0) return false;
  }
  return true;
}

function equalSignatures(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hashRange(values: Uint32Array, from: number, to: number): number {
  let h = to - from;
  for (let i = from; i < to; i++) h = hashPair(h, values[i]!);
  return h;
}

/** Union–find with path halving and union by size. */
class DisjointSets {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.size = new Int32Array(n).fill(1);
  }
  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      const grandparent = parent[parent[x]!]!;
      parent[x] = grandparent;
      x = grandparent;
    }
    return x;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }
}
