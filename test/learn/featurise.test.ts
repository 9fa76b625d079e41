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

describe('fitFromCounts over worker threads', () => {
  it.skipIf(!hasDist)('gives the same model as fitting in-process', async () => {
    const R = (await import(new URL('../../dist/learn/reliability.js', import.meta.url).href)) as typeof import('../../src/learn/reliability.js');
    const { featurise } = (await import(DIST.href)) as { featurise: typeof featuriseSrc };
    const corpus = syntheticCorpus(1200, 13, { flip: 0.05 });
    const settings = { ...R.DEFAULT_RELIABILITY, features: { ...R.DEFAULT_RELIABILITY.features, bucketsLog2: 14 } };
    const f = await featurise(corpus.map((a) => ({ title: a.title, body: a.body })), { features: settings.features, style: false, signatures: false }, { threads: 1 });
    const rows = corpus.map((a, i) => ({ y: (a.label === 'unreliable' ? 1 : 0) as 0 | 1, source: i % 3 === 0 ? 'a' : 'b', group: i }));
    const parallel = await R.fitFromCounts(f.counts, f.raw, rows, settings, { threads: 2 });
    const inline = await R.fitFromCounts(f.counts, f.raw, rows, settings, { threads: 1 });
    expect(Array.from(parallel.model.weights)).toEqual(Array.from(inline.model.weights));
    expect(parallel.model.bias).toBe(inline.model.bias);
    expect(parallel.model.calibrator).toEqual(inline.model.calibrator);
  });
});

describe('scoreTexts', () => {
  it.skipIf(!hasDist)('scores each text as pUnreliable does on its Doc, in-process and over worker threads', async () => {
    const R = (await import(new URL('../../dist/learn/reliability.js', import.meta.url).href)) as typeof import('../../src/learn/reliability.js');
    const S = (await import(new URL('../../dist/learn/score-corpus.js', import.meta.url).href)) as typeof import('../../src/learn/score-corpus.js');
    const { makeDoc } = (await import(new URL('../../dist/text/doc.js', import.meta.url).href)) as typeof import('../../src/text/doc.js');
    const corpus = syntheticCorpus(900, 17, { flip: 0.05 });
    const settings = { ...R.DEFAULT_RELIABILITY, features: { ...R.DEFAULT_RELIABILITY.features, bucketsLog2: 14 } };
    const rows = corpus.map((a, i) => ({ doc: makeDoc(a), y: (a.label === 'unreliable' ? 1 : 0) as 0 | 1, source: 's', group: i }));
    const { model } = await R.fitReliability(rows.slice(0, 300), settings);
    const texts = corpus.map((a) => ({ title: a.title, body: a.body }));
    let progress = 0;
    const parallel = await S.scoreTexts(model, texts, { threads: 2, onProgress: (done) => (progress = done) });
    const inline = await S.scoreTexts(model, texts, { threads: 1 });
    const direct = rows.map((r) => R.pUnreliable(model, r.doc));
    expect(progress).toBe(texts.length);
    expect(Array.from(inline)).toEqual(direct);
    expect(Array.from(parallel)).toEqual(direct);
    expect(new Set(direct.map((p) => p.toFixed(3))).size).toBeGreaterThan(10);
  });
});
