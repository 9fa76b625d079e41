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

/** An open-addressing table of int32 keys to summed values, cleared in time proportional to its use. */
class Counter {
  keys: Int32Array;
  values: Float64Array;
  used: Uint8Array;
  slots: number[] = [];

  constructor(size = 4096) {
    this.keys = new Int32Array(size);
    this.values = new Float64Array(size);
    this.used = new Uint8Array(size);
  }

  add(key: number, v: number): void {
    if (this.slots.length * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.used[i] === 1 && this.keys[i] !== key) i = (i + 1) & mask;
    if (this.used[i] === 0) {
      this.used[i] = 1;
      this.keys[i] = key;
      this.values[i] = 0;
      this.slots.push(i);
    }
    this.values[i]! += v;
  }

  clear(): void {
    for (const i of this.slots) this.used[i] = 0;
    this.slots.length = 0;
  }

  private grow(): void {
    const old = this.slots.map((i) => [this.keys[i]!, this.values[i]!] as const);
    const size = this.keys.length * 2;
    this.keys = new Int32Array(size);
    this.values = new Float64Array(size);
    this.used = new Uint8Array(size);
    this.slots = [];
    for (const [k, v] of old) this.add(k, v);
  }
}

/** Accumulates hashed counts of several blocks into one sparse vector. */
export class SparseBuilder {
  private readonly acc = new Counter();
  private readonly block = new Counter();
  constructor(private readonly bits: number) {}

  /** Add one block: n-grams (1..maxN) of tokens [from, to) of `side`, namespaced by `seed`, scaled to L2 norm `weight`. */
  addNgrams(side: Side, from: number, to: number, maxN: number, seed: number, weight: number): void {
    this.count(side, from, to, maxN, seed);
    this.endBlock(weight);
  }

  /** Count n-grams of tokens [from, to) into the open block (n-grams do not cross sentences). */
  count(side: Side, from: number, to: number, maxN: number, seed: number): void {
    const ids = side.ids;
    const sentence = side.sentence;
    for (let i = from; i < to; i++) {
      let h = hashPair(seed, ids[i]!);
      this.block.add(h | 0, 1);
      for (let n = 2; n <= maxN && i + n - 1 < to; n++) {
        if (sentence[i + n - 1] !== sentence[i]) break;
        h = hashPair(h, ids[i + n - 1]!);
        this.block.add(h | 0, 1);
      }
    }
  }

  /** Close the open block: sublinear TF, L2-normalised to `weight`, added to the vector. */
  endBlock(weight: number): void {
    this.flush(weight);
  }

  /** Add named indicator features (cue crosses and the like) as one block. */
  addTokens(keys: readonly number[], seed: number, weight: number): void {
    for (const k of keys) this.block.add(hashPair(seed, k) | 0, 1);
    this.flush(weight);
  }

  private flush(weight: number): void {
    const b = this.block;
    if (b.slots.length === 0 || weight === 0) {
      b.clear();
      return;
    }
    const mask = (1 << this.bits) - 1;
    let sq = 0;
    for (const i of b.slots) sq += (1 + Math.log(b.values[i]!)) ** 2;
    const scale = weight / Math.sqrt(sq);
    for (const i of b.slots) {
      const h = b.keys[i]!;
      const sign = h < 0 ? -1 : 1;
      this.acc.add(h & mask, sign * (1 + Math.log(b.values[i]!)) * scale);
    }
    b.clear();
  }

  /**
   * The three one-vs-rest decision values w_c·x + b_c of the accumulated vector, written to out[at..at+3),
   * without building it; the builder is empty afterwards.
   */
  decide3(weights: Float32Array, bias: ArrayLike<number>, out: Float64Array, at: number): void {
    const a = this.acc;
    const cols = 1 << this.bits;
    let z0 = bias[0]!;
    let z1 = bias[1]!;
    let z2 = bias[2]!;
    for (const i of a.slots) {
      const j = a.keys[i]!;
      const v = Math.fround(a.values[i]!);
      z0 += weights[j]! * v;
      z1 += weights[cols + j]! * v;
      z2 += weights[2 * cols + j]! * v;
    }
    out[at] = z0;
    out[at + 1] = z1;
    out[at + 2] = z2;
    a.clear();
  }

  build(): Sparse {
    const a = this.acc;
    const slots = a.slots.slice().sort((x, y) => a.keys[x]! - a.keys[y]!);
    const idx = Int32Array.from(slots, (i) => a.keys[i]!);
    const val = Float32Array.from(slots, (i) => a.values[i]!);
    a.clear();
    return { idx, val };
  }
}

/** w·x + bias. */
export function dotSparse(x: Sparse, w: ArrayLike<number>, bias: number): number {
  let z = bias;
  for (let k = 0; k < x.idx.length; k++) z += w[x.idx[k]!]! * x.val[k]!;
  return z;
}
