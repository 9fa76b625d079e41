import { describe, expect, it } from 'vitest';
import { makeDoc, type Doc } from '../../src/text/doc.js';
import { countFeatures, DEFAULT_FEATURES, hashedFeatures, interleavedColumns, linearScore, linearScoreOfCounts, modelColumns, weighFeatures, type Block, type BlockCounts, type FeatureSettings } from '../../src/text/features.js';
import { CORPUS } from './corpus.js';

const SMALL: FeatureSettings = { ...DEFAULT_FEATURES, bucketsLog2: 14 };

interface Occurrence {
  index: number;
  block: Block;
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
}

function traced(doc: Doc, s: FeatureSettings = SMALL): { counts: BlockCounts; occurrences: Occurrence[] } {
  const occurrences: Occurrence[] = [];
  const counts = countFeatures(doc, s, (index, block, tokenStart, tokenEnd, start, end) => occurrences.push({ index, block, tokenStart, tokenEnd, start, end }));
  return { counts, occurrences };
}

const plain = (c: BlockCounts) =>
  Object.fromEntries((['word', 'title', 'char', 'shape'] as const).map((b) => [b, { idx: Array.from(c[b].idx), val: Array.from(c[b].val) }]));

const WITH_ARTEFACTS = {
  title: 'Council approves the transit plan',
  body:
    'By Jane Doe\n\nWASHINGTON (Reuters) - The council approved the transit plan on Tuesday, see https://example.org/plan or write to desk@example.org for details.\n\n' +
    'Share this article on Facebook. Sign up for our daily newsletter.\n\nThe mayor said she would sign it. Photo: Getty Images.',
};

describe('countFeatures: masked tokens make no features', () => {
  for (const a of [...CORPUS, { name: 'artefacts of every kind', ...WITH_ARTEFACTS }]) {
    it(`no traced occurrence overlaps a masked token: ${a.name}`, () => {
      const doc = makeDoc(a);
      const { occurrences } = traced(doc);
      for (const o of occurrences) {
        for (let t = o.tokenStart; t < o.tokenEnd; t++) {
          expect(doc.masked[t], `${o.block} feature over "${doc.text.slice(o.start, o.end)}" uses masked token ${t}`).toBe(0);
        }
      }
    });
  }

  it('the artefact article has masked tokens, so the check above is not vacuous', () => {
    const doc = makeDoc(WITH_ARTEFACTS);
    const maskedText: string[] = [];
    for (let t = 0; t < doc.tokens.length; t++) if (doc.masked[t]) maskedText.push(doc.text.slice(doc.tokens.start[t], doc.tokens.end[t]));
    for (const w of ['Jane', 'Reuters', 'https://example.org/plan', 'desk@example.org', 'Facebook', 'newsletter', 'Getty']) expect(maskedText).toContain(w);
    expect(maskedText).not.toContain('mayor');
  });

  it('a dateline, byline and boilerplate sentence change no feature at all', () => {
    const clean = makeDoc({ title: 'Council approves plan', body: 'The council approved the plan on Tuesday.\n\nThe mayor said she would sign it.' });
    const dressed = makeDoc({
      title: 'Council approves plan',
      body:
        'By Jane Doe\n\nWASHINGTON (Reuters) - The council approved the plan on Tuesday.\n\nShare this article on Facebook.\n\nThe mayor said she would sign it.\n\nAll rights reserved.',
    });
    expect(plain(countFeatures(dressed, SMALL))).toEqual(plain(countFeatures(clean, SMALL)));
    expect(hashedFeatures(dressed, SMALL)).toEqual(hashedFeatures(clean, SMALL));
  });

  it('a URL or e-mail breaks the n-gram chain instead of joining its neighbours', () => {
    const doc = makeDoc({ title: '', body: 'Visit https://example.org now' });
    const { occurrences } = traced(doc, { ...SMALL, charNgramMax: 0, charNgramMin: 0, shapeNgramMax: 0 });
    const grams = occurrences.map((o) => doc.text.slice(o.start, o.end));
    expect(grams.sort()).toEqual(['Visit', 'now']);
  });
});

describe('countFeatures: traced occurrences', () => {
  it('are spans of the text that match their tokens, in the right part of the article', () => {
    for (const a of CORPUS) {
      const doc = makeDoc(a);
      const { occurrences } = traced(doc);
      for (const o of occurrences) {
        expect(o.start).toBe(doc.tokens.start[o.tokenStart]);
        expect(o.end).toBe(doc.tokens.end[o.tokenEnd - 1]);
        expect(o.index).toBeGreaterThanOrEqual(0);
        expect(o.index).toBeLessThan(1 << SMALL.bucketsLog2);
        if (o.block === 'title') expect(o.end).toBeLessThanOrEqual(doc.titleEnd);
        if (o.block === 'word' || o.block === 'char') expect(o.start).toBeGreaterThanOrEqual(doc.bodyStart);
        // word n-grams stay within one sentence
        const sentence = doc.sentences.find((s) => s.tokenStart <= o.tokenStart && o.tokenStart < s.tokenEnd)!;
        expect(o.tokenEnd).toBeLessThanOrEqual(sentence.tokenEnd);
      }
    }
  });

  it('produce exactly the columns the counts hold', () => {
    for (const a of CORPUS) {
      const doc = makeDoc(a);
      const { counts, occurrences } = traced(doc);
      for (const block of ['word', 'title', 'char', 'shape'] as const) {
        const fromTrace = new Set(occurrences.filter((o) => o.block === block).map((o) => o.index));
        // sign hashing may cancel two colliding n-grams to 0, so counts ⊆ traced columns
        for (const i of counts[block].idx) expect(fromTrace.has(i), `${a.name}: ${block} column ${i} was never traced`).toBe(true);
      }
    }
  });

  it('unigrams, bigrams and trigrams up to the settings, and no further', () => {
    const doc = makeDoc({ title: '', body: 'alpha beta gamma delta' });
    const only = { ...SMALL, charNgramMax: 0, charNgramMin: 0, shapeNgramMax: 0, wordNgramMax: 2 };
    const lengths = traced(doc, only).occurrences.map((o) => o.tokenEnd - o.tokenStart);
    expect(lengths.filter((n) => n === 1)).toHaveLength(4);
    expect(lengths.filter((n) => n === 2)).toHaveLength(3);
    expect(Math.max(...lengths)).toBe(2);
  });

  it('tracing does not change what is counted', () => {
    const doc = makeDoc(WITH_ARTEFACTS);
    expect(plain(traced(doc).counts)).toEqual(plain(countFeatures(doc, SMALL)));
  });
});

describe('hashedFeatures', () => {
  it('gives indices within the hashed space, finite non-zero values, each block once', () => {
    for (const a of CORPUS) {
      const doc = makeDoc(a);
      const v = hashedFeatures(doc, SMALL);
      const counts = countFeatures(doc, SMALL);
      // An index repeats only where two blocks share a hashed column.
      const perBlock = Object.values(counts).reduce((n, b) => n + b.idx.length, 0);
      expect(v.idx.length).toBe(perBlock);
      for (const b of Object.values(counts)) expect(new Set(b.idx).size).toBe(b.idx.length);
      for (let j = 0; j < v.idx.length; j++) {
        expect(Number.isFinite(v.val[j]!)).toBe(true);
        expect(v.val[j]).not.toBe(0);
        expect(v.idx[j]!).toBeGreaterThanOrEqual(0);
        expect(v.idx[j]!).toBeLessThan(1 << SMALL.bucketsLog2);
      }
    }
  });

  it('is the same for the same text, whatever was hashed in between (scratch space is reset)', () => {
    const a = makeDoc(CORPUS[0]!);
    const first = hashedFeatures(a, SMALL);
    for (const other of CORPUS) hashedFeatures(makeDoc(other), SMALL);
    expect(hashedFeatures(a, SMALL)).toEqual(first);
  });

  it('gives an empty vector for an empty article', () => {
    expect(hashedFeatures(makeDoc({ title: '', body: '' }), SMALL).idx.length).toBe(0);
  });
});

describe('linearScore', () => {
  const weights = Float32Array.from({ length: 1 << SMALL.bucketsLog2 }, (_, i) => Math.sin(i * 12.9898) * 0.5);
  const idf = Float32Array.from({ length: 1 << SMALL.bucketsLog2 }, (_, i) => (i % 11 === 0 ? 0 : 1 + (i % 7) / 3));
  const settings: FeatureSettings = { ...SMALL, blockWeights: { word: 1.5, title: 1, char: 0.7, shape: 0 } };

  it('scores a Doc as its weighed row dotted with the weights, without making the row', () => {
    for (const a of CORPUS) {
      const doc = makeDoc(a);
      for (const w of [idf, undefined]) {
        const row = weighFeatures(countFeatures(doc, settings), settings, w);
        let dot = 0;
        for (let j = 0; j < row.idx.length; j++) dot += weights[row.idx[j]!]! * row.val[j]!;
        expect(dot).not.toBe(0);
        expect(linearScore(doc, settings, modelColumns(w, weights))).toBeCloseTo(dot, 10);
      }
    }
  });

  it('is, to the last bit, the score of the counted features, in either layout of the columns, whatever was scored in between', () => {
    const own = modelColumns(idf, weights);
    const interleaved = interleavedColumns(idf, weights, weights.length);
    const first = linearScore(makeDoc(CORPUS[0]!), settings, own);
    for (const a of CORPUS) {
      const doc = makeDoc(a);
      const z = linearScoreOfCounts(countFeatures(doc, settings), settings, own);
      expect(linearScore(doc, settings, own)).toBe(z);
      expect(linearScore(doc, settings, interleaved)).toBe(z);
      expect(linearScore(doc, settings, interleavedColumns(undefined, weights, weights.length))).toBe(linearScore(doc, settings, modelColumns(undefined, weights)));
    }
    expect(linearScore(makeDoc(CORPUS[0]!), settings, own)).toBe(first);
    expect(linearScore(makeDoc({ title: '', body: '' }), settings, own)).toBe(0);
  });
});
