import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../helpers/synthetic.js';
import { ColumnTally } from '../../src/learn/column-tally.js';
import { designMatrix, shareCounts, countsOf } from '../../src/learn/design-matrix.js';
import { featurise } from '../../src/learn/featurise.js';
import type { CsrMatrix } from '../../src/learn/matrix.js';
import { DEFAULT_FEATURES, type BlockCounts } from '../../src/text/features.js';

// Worker threads run the compiled entry (dist/worker.js), so the shared path is tested through dist/,
// which `npm test` builds first.
const hasDist = existsSync(new URL('../../dist/worker.js', import.meta.url));
const features = { ...DEFAULT_FEATURES, bucketsLog2: 15 };
const corpus = syntheticCorpus(2600, 29, { flip: 0.05 }).map((a) => ({ title: a.title, body: a.body }));

function plain(c: BlockCounts): Record<string, number[][]> {
  return Object.fromEntries(Object.entries(c).map(([b, v]) => [b, [Array.from(v.idx), Array.from(v.val)]]));
}

function rows(m: CsrMatrix): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) {
    const row: number[] = [];
    for (let k = m.indptr[r]!; k < m.indptr[r + 1]!; k++) row.push(m.indices[k]!, m.values[k]!);
    out.push(row);
  }
  return out;
}

describe('ColumnTally', () => {
  it('counts the same frequencies whatever order the rows come in, and as featurise delivers them', async () => {
    const f = await featurise(corpus.slice(0, 600), { features, style: false, signatures: false }, { threads: 1 });
    const whole = ColumnTally.of(f.counts, features);
    const reversed = ColumnTally.of([...f.counts].reverse(), features);
    const streamed = new ColumnTally(features);
    await featurise(corpus.slice(0, 600), { features, style: false, signatures: false }, { threads: 1 }, (counts) => counts.forEach((c) => streamed.add(c)));
    expect(streamed.rows).toBe(600);
    for (const t of [reversed, streamed]) {
      expect(Array.from(t.df)).toEqual(Array.from(whole.df));
      expect(Array.from(t.occurrences)).toEqual(Array.from(whole.occurrences));
    }
    // df counts a row once however many blocks hold the column; occurrences once per block.
    const c0 = f.counts[0]!;
    const one = ColumnTally.of([c0], features);
    const col = c0.word.idx[0]!;
    const blocksWithIt = Object.values(c0).filter((v) => Array.from(v.idx).includes(col)).length;
    expect(one.df[col]).toBe(1);
    expect(one.occurrences[col]).toBe(blocksWithIt);
  });

  it('is refused by a fit of other rows or other feature settings', async () => {
    const R = await import('../../src/learn/reliability.js');
    const f = await featurise(corpus.slice(0, 60), { features, style: false, signatures: false }, { threads: 1 });
    const rowsOf = f.counts.map((_, i) => ({ y: (i % 2) as 0 | 1, source: 's', group: i }));
    const settings = { ...R.DEFAULT_RELIABILITY, features };
    const short = ColumnTally.of(f.counts.slice(1), features);
    await expect(R.fitFromCounts(f.counts, f.raw, rowsOf, settings, { threads: 1, tally: short })).rejects.toThrow(/59 rows does not match the 60 rows/);
    const other = ColumnTally.of(f.counts, { ...features, bucketsLog2: 16 });
    await expect(R.fitFromCounts(f.counts, f.raw, rowsOf, settings, { threads: 1, tally: other })).rejects.toThrow(/feature settings/);
    const right = await R.fitFromCounts(f.counts, f.raw, rowsOf, settings, { threads: 1, tally: ColumnTally.of(f.counts, features) });
    const counted = await R.fitFromCounts(f.counts, f.raw, rowsOf, settings, { threads: 1 });
    expect(Array.from(right.model.weights)).toEqual(Array.from(counted.model.weights));
  });
});

describe('designMatrix', () => {
  it('shares counts as views on the same memory', async () => {
    const f = await featurise(corpus.slice(0, 300), { features, style: false, signatures: false }, { threads: 1 });
    const shared = shareCounts(f.counts);
    expect(shared).not.toBeNull();
    expect(countsOf(shared!).map(plain)).toEqual(f.counts.map(plain));
    const copied = f.counts.map((c) => ({ ...c, word: { idx: c.word.idx.slice(), val: c.word.val.slice() } }));
    expect(shareCounts(copied)).toBeNull();
  });

  it.skipIf(!hasDist)('writes the same matrix on worker threads as in-process, with dropped columns and a style block', async () => {
    const D = (await import(new URL('../../dist/learn/design-matrix.js', import.meta.url).href)) as typeof import('../../src/learn/design-matrix.js');
    const F = (await import(new URL('../../dist/learn/featurise.js', import.meta.url).href)) as typeof import('../../src/learn/featurise.js');
    const T = (await import(new URL('../../dist/learn/column-tally.js', import.meta.url).href)) as typeof import('../../src/learn/column-tally.js');
    const { WorkerPool } = (await import(new URL('../../dist/parallel/pool.js', import.meta.url).href)) as typeof import('../../src/parallel/pool.js');
    const f = await F.featurise(corpus, { features, style: true, signatures: false }, { threads: 2 });
    const tally = T.ColumnTally.of(f.counts, features);
    // An IDF of 0 for one column in seven: entries are dropped inside every share.
    const idf = Float32Array.from(tally.df, (d, i) => (i % 7 === 0 ? 0 : 1 + 1 / (1 + d)));
    const m = f.raw[0]!.length;
    const style = { mean: new Float64Array(m).fill(0.1), sd: new Float64Array(m).fill(2) };
    const input = { counts: f.counts, raw: f.raw, features, idf, style, styleWeight: 0.3, occurrences: tally.occurrences };
    const pool = WorkerPool.shared(2);
    expect(pool).not.toBeNull();
    const inline = await D.designMatrix(input, null);
    const parallel = await D.designMatrix(input, pool);
    expect(parallel.matrix.indices.length).toBe(inline.matrix.indices.length);
    expect(Array.from(parallel.matrix.indptr)).toEqual(Array.from(inline.matrix.indptr));
    expect(rows(parallel.matrix)).toEqual(rows(inline.matrix));
    expect(Array.from(parallel.columns)).toEqual(Array.from(inline.columns));
    const dropped = f.counts.reduce((n, c) => n + Object.values(c).reduce((k, v) => k + Array.from(v.idx).filter((i) => idf[i] === 0).length, 0), 0);
    expect(dropped).toBeGreaterThan(0);
  });
});
