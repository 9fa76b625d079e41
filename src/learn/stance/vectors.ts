/**
 * Hashed n-gram vectors of a side (or a range of its tokens) for the stance text models: stem unigrams and
 * bigrams, stop words kept (in stance, "not", "no" and "may" matter), sublinear term frequency,
 * L2-normalised per block. Signed hashing, as in src/text/features.ts, halves the bias of collisions.
 */
import { hashPair } from '../../text/hash.js';
import type { Side } from './text.js';

export interface Sparse {
  idx: Int32Array;
  val: Float32Array;
}

/** Accumulates hashed counts of several blocks into one sparse vector. */
export class SparseBuilder {
  private readonly acc = new Map<number, number>();
  private readonly block = new Map<number, number>();
  constructor(private readonly bits: number) {}

  /** Add one block: n-grams (1..maxN) of tokens [from, to) of `side`, namespaced by `seed`, scaled to L2 norm `weight`. */
  addNgrams(side: Side, from: number, to: number, maxN: number, seed: number, weight: number, within?: (i: number) => boolean): void {
    this.block.clear();
    const ids = side.ids;
    for (let i = from; i < to; i++) {
      if (within !== undefined && !within(i)) continue;
      let h = hashPair(seed, ids[i]!);
      this.bump(h);
      for (let n = 2; n <= maxN && i + n - 1 < to; n++) {
        if (within !== undefined && !within(i + n - 1)) break;
        if (side.sentence[i + n - 1] !== side.sentence[i]) break;
        h = hashPair(h, ids[i + n - 1]!);
        this.bump(h);
      }
    }
    this.flush(weight);
  }

  /** Add named indicator features (cue crosses and the like) as one block. */
  addTokens(keys: readonly number[], seed: number, weight: number): void {
    this.block.clear();
    for (const k of keys) this.bump(hashPair(seed, k));
    this.flush(weight);
  }

  private bump(h: number): void {
    this.block.set(h, (this.block.get(h) ?? 0) + 1);
  }

  private flush(weight: number): void {
    if (this.block.size === 0 || weight === 0) return;
    const mask = (1 << this.bits) - 1;
    let sq = 0;
    for (const c of this.block.values()) sq += (1 + Math.log(c)) ** 2;
    const scale = weight / Math.sqrt(sq);
    for (const [h, c] of this.block) {
      const j = h & mask;
      const sign = (h >>> 31) === 1 ? -1 : 1;
      this.acc.set(j, (this.acc.get(j) ?? 0) + sign * (1 + Math.log(c)) * scale);
    }
  }

  build(): Sparse {
    const idx = Int32Array.from(this.acc.keys()).sort();
    const val = new Float32Array(idx.length);
    for (let k = 0; k < idx.length; k++) val[k] = this.acc.get(idx[k]!)!;
    this.acc.clear();
    return { idx, val };
  }
}

/** w·x + bias. */
export function dotSparse(x: Sparse, w: ArrayLike<number>, bias: number): number {
  let z = bias;
  for (let k = 0; k < x.idx.length; k++) z += w[x.idx[k]!]! * x.val[k]!;
  return z;
}
