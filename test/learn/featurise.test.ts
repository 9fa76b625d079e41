import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../helpers/synthetic.js';
import { featurise as featuriseSrc } from '../../src/learn/featurise.js';
import { DEFAULT_FEATURES } from '../../src/text/features.js';

// Worker threads run the compiled entry (dist/worker.js), so the parallel path is tested through dist/,
// which `npm test` builds first.
const DIST = new URL('../../dist/learn/featurise.js', import.meta.url);
const hasDist = existsSync(new URL('../../dist/worker.js', import.meta.url));

const texts = syntheticCorpus(700, 11).map((a) => ({ title: a.title, body: a.body }));
const opts = { features: { ...DEFAULT_FEATURES, bucketsLog2: 16 }, style: true, signatures: true };

function asPlain(f: Awaited<ReturnType<typeof featuriseSrc>>) {
  return {
    counts: f.counts.map((c) => Object.fromEntries(Object.entries(c).map(([b, v]) => [b, [...v.idx].map((i, j) => `${i}:${v.val[j]}`).sort()]))),
    raw: f.raw.map((r) => [...r]),
    signatures: f.signatures?.map((s) => [...s]),
  };
}

describe('featurise', () => {
  it('gives one row per text, in order, with style and signatures when asked', async () => {
    const f = await featuriseSrc(texts.slice(0, 40), opts, { threads: 1 });
    expect(f.counts).toHaveLength(40);
    expect(f.raw).toHaveLength(40);
    expect(f.signatures).toHaveLength(40);
    const again = await featuriseSrc(texts.slice(20, 21), opts, { threads: 1 });
    expect(asPlain(again).counts[0]).toEqual(asPlain(f).counts[20]);
  });

  it.skipIf(!hasDist)('gives the same rows over worker threads as in-process', async () => {
    const { featurise } = (await import(DIST.href)) as { featurise: typeof featuriseSrc };
    let progress = 0;
    const parallel = await featurise(texts, opts, { threads: 2, onProgress: (done) => (progress = done) });
    const inline = await featurise(texts, opts, { threads: 1 });
    expect(progress).toBe(texts.length);
    expect(asPlain(parallel)).toEqual(asPlain(inline));
  });
});
