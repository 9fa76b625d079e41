/**
 * How often each hashed column occurs in a set of training rows: what the IDF, the min-df cut and the
 * design matrix's layout are fitted from. Rows are added one at a time and in any order, so a corpus can
 * be tallied while it is still being featurised.
 */
import { BLOCKS, type BlockCounts, type FeatureSettings } from '../text/features.js';

export class ColumnTally {
  /** Per column: in how many rows it occurs, over every block. */
  readonly df: Int32Array;
  /** Per column: how many (row, block) pairs of the blocks the model weighs hold it. */
  readonly occurrences: Int32Array;
  private readonly seen: Int32Array;
  private added = 0;

  constructor(readonly features: FeatureSettings) {
    const size = 1 << features.bucketsLog2;
    this.df = new Int32Array(size);
    this.occurrences = new Int32Array(size);
    this.seen = new Int32Array(size).fill(-1);
  }

  static of(counts: readonly BlockCounts[], features: FeatureSettings): ColumnTally {
    const t = new ColumnTally(features);
    for (const c of counts) t.add(c);
    return t;
  }

  /** Whether this tally counts columns as fitting with `f` would: same hash space, same weighed blocks. */
  fits(f: FeatureSettings): boolean {
    return f.bucketsLog2 === this.features.bucketsLog2 && BLOCKS.every((b) => (f.blockWeights[b] !== 0) === (this.features.blockWeights[b] !== 0));
  }

  /** Rows added so far. */
  get rows(): number {
    return this.added;
  }

  add(c: BlockCounts): void {
    const row = this.added++;
    const { df, occurrences, seen } = this;
    for (const block of BLOCKS) {
      const { idx } = c[block];
      const weighed = this.features.blockWeights[block] !== 0;
      for (let j = 0; j < idx.length; j++) {
        const i = idx[j]!;
        if (weighed) occurrences[i] = occurrences[i]! + 1;
        if (seen[i] === row) continue;
        seen[i] = row;
        df[i] = df[i]! + 1;
      }
    }
  }
}
