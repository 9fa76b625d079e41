/**
 * Explanations of the linear reliability model are exact: the baseline plus every feature's contribution
 * is the calibrated log-odds, every span is a place in the text that holds the feature's n-gram, and
 * every reported sentence is a sentence of the Doc.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { explainReliability, type Explanation } from '../../src/learn/explain.js';
import { DEFAULT_RELIABILITY, decisionValue, fitReliability, pUnreliable, type ReliabilityModel, type ReliabilitySettings } from '../../src/learn/reliability.js';
import { makeDoc, type Doc } from '../../src/text/doc.js';
import { TokenKind } from '../../src/text/tokens.js';
import { syntheticCorpus } from '../helpers/synthetic.js';

const SETTINGS: ReliabilitySettings = {
  ...DEFAULT_RELIABILITY,
  seed: 5,
  features: { ...DEFAULT_RELIABILITY.features, bucketsLog2: 13 },
  calibration: { ...DEFAULT_RELIABILITY.calibration, method: 'platt' },
};

const logit = (p: number): number => Math.log(p / (1 - p));
const ALL = { perDirection: Number.MAX_SAFE_INTEGER, sentences: Number.MAX_SAFE_INTEGER };

const ARTICLES = [
  {
    title: 'SHOCKING: the TRUTH about the water plan!!',
    body:
      'WASHINGTON (Reuters) - Officials at the city council said on Monday that the water plan would cost about 40 million dollars.\n\n' +
      'You won\'t believe the secret they buried about bus routes!! "We reviewed the figures carefully," said Dana Ortiz. ' +
      'Read it at https://example.org/plan or write to desk@example.org.',
  },
  {
    title: 'Committee approves changes to the budget',
    body: 'According to a report published by the school board, the new campus served 4200 residents last year. The committee voted 5 to 1.',
  },
  { title: 'Zyx qwv', body: 'Plorn vexate quibble snorf.' },
  { title: '', body: 'Wake up, people! The mainstream media will never tell you this about the grid.' },
  { title: 'Headline only', body: '' },
  { title: '', body: '' },
];

let platt: ReliabilityModel;
let withStyle: ReliabilityModel;
const corpus = syntheticCorpus(120, 21, { flip: 0.05 });
const rows = corpus.map((a, i) => ({ doc: makeDoc(a), y: (a.label === 'unreliable' ? 1 : 0) as 0 | 1, source: 'synthetic', group: i }));

beforeAll(async () => {
  platt = (await fitReliability(rows, SETTINGS)).model;
  withStyle = (await fitReliability(rows, { ...SETTINGS, styleWeight: 0.5 })).model;
});

/** The tokens wholly inside [start, end). */
function tokensIn(doc: Doc, start: number, end: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < doc.tokens.length; t++) if (doc.tokens.start[t]! >= start && doc.tokens.end[t]! <= end) out.push(t);
  return out;
}

function checkSpans(doc: Doc, e: Explanation): void {
  for (const f of e.features) {
    expect(Number.isFinite(f.weight)).toBe(true);
    if (f.kind === 'style') {
      expect(f.spans).toEqual([]);
      continue;
    }
    expect(f.spans.length, `"${f.text}" has no span`).toBeGreaterThan(0);
    for (const s of f.spans) {
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeLessThanOrEqual(doc.text.length);
      expect(s.end).toBeGreaterThan(s.start);
      const surface = doc.text.slice(s.start, s.end);
      const toks = tokensIn(doc, s.start, s.end);
      // A span starts and ends on token boundaries.
      expect(doc.tokens.start[toks[0]!]).toBe(s.start);
      expect(doc.tokens.end[toks[toks.length - 1]!]).toBe(s.end);
      for (const t of toks) expect(doc.masked[t], `"${surface}" uses a masked token`).toBe(0);
      if (f.kind === 'words' || f.kind === 'headline words') {
        expect(toks.map((t) => doc.tokens.norm[t]).join(' '), `span "${surface}"`).toBe(f.text);
      } else {
        expect(surface).toBe(f.text);
      }
      if (f.kind === 'headline words') expect(s.end).toBeLessThanOrEqual(doc.titleEnd);
      if (f.kind === 'words') expect(s.start).toBeGreaterThanOrEqual(doc.bodyStart);
    }
    // spans are listed once each, in text order
    for (let k = 1; k < f.spans.length; k++) expect(f.spans[k]!.start).toBeGreaterThanOrEqual(f.spans[k - 1]!.start);
    expect(new Set(f.spans.map((s) => `${s.start}:${s.end}`)).size).toBe(f.spans.length);
  }
  for (const s of e.sentences) {
    expect(doc.sentences.some((d) => d.start === s.start && d.end === s.end), 'a reported sentence is a sentence of the doc').toBe(true);
  }
}

describe('explainReliability', () => {
  for (const [k, a] of ARTICLES.entries()) {
    describe(`article ${k + 1} ("${a.title || a.body.slice(0, 20)}")`, () => {
      it('is exact: baseline + Σ contributions = logit(pUnreliable)', () => {
        for (const model of [platt, withStyle]) {
          const doc = makeDoc(a);
          const e = explainReliability(model, doc, ALL);
          const sum = e.features.reduce((s, f) => s + f.weight, e.baseline);
          const p = pUnreliable(model, doc);
          expect(sum).toBeCloseTo(logit(p), 6);
          expect(e.logit).toBeCloseTo(logit(p), 6);
        }
      });

      it('maps every feature to spans holding its n-gram and reports sentences of the doc', () => {
        const doc = makeDoc(a);
        checkSpans(doc, explainReliability(platt, doc, ALL));
        checkSpans(doc, explainReliability(withStyle, doc));
      });
    });
  }

  it('names the style measures when the model uses them, and only then', () => {
    const doc = makeDoc(ARTICLES[0]!);
    expect(explainReliability(withStyle, doc, ALL).features.some((f) => f.kind === 'style')).toBe(true);
    expect(explainReliability(platt, doc, ALL).features.some((f) => f.kind === 'style')).toBe(false);
  });

  it('reports the strongest features each way, strongest first', () => {
    const doc = makeDoc(ARTICLES[0]!);
    const all = explainReliability(platt, doc, ALL).features;
    const top = explainReliability(platt, doc, { perDirection: 3 }).features;
    expect(top.filter((f) => f.weight > 0).length).toBeLessThanOrEqual(3);
    expect(top.filter((f) => f.weight < 0).length).toBeLessThanOrEqual(3);
    for (let i = 1; i < top.length; i++) expect(Math.abs(top[i]!.weight)).toBeLessThanOrEqual(Math.abs(top[i - 1]!.weight));
    const strongestUp = all.filter((f) => f.weight > 0).sort((x, y) => y.weight - x.weight).slice(0, 3);
    expect(top.filter((f) => f.weight > 0).map((f) => f.text)).toEqual(strongestUp.map((f) => f.text));
  });

  it('reports the sentences that weighed most, in text order', () => {
    const doc = makeDoc(ARTICLES[0]!);
    const every = explainReliability(platt, doc, ALL).sentences;
    const three = explainReliability(platt, doc).sentences;
    expect(three.length).toBeLessThanOrEqual(3);
    const strongest = [...every].sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution)).slice(0, three.length);
    expect(new Set(three.map((s) => s.start))).toEqual(new Set(strongest.map((s) => s.start)));
    for (let i = 1; i < three.length; i++) expect(three[i]!.start).toBeGreaterThan(three[i - 1]!.start);
  });

  it('gives an empty article no features, and its baseline is its log-odds', () => {
    const doc = makeDoc({ title: '', body: '' });
    const e = explainReliability(platt, doc, ALL);
    expect(e.features).toEqual([]);
    expect(e.sentences).toEqual([]);
    expect(e.baseline).toBeCloseTo(logit(pUnreliable(platt, doc)), 9);
  });

  it('never explains with the masked dateline, URL or e-mail', () => {
    const doc = makeDoc(ARTICLES[0]!);
    const texts = explainReliability(platt, doc, ALL).features.map((f) => f.text.toLowerCase());
    for (const t of texts) {
      expect(t).not.toContain('reuters');
      expect(t).not.toContain('example.org');
    }
  });
});

describe('explainReliability with an isotonic calibrator', () => {
  it('shares out the decision value exactly (isotonic calibration is not additive)', async () => {
    const iso = (await fitReliability(rows, { ...SETTINGS, calibration: { ...SETTINGS.calibration, method: 'isotonic' } })).model;
    for (const a of ARTICLES) {
      const doc = makeDoc(a);
      const e = explainReliability(iso, doc, ALL);
      expect(e.features.reduce((s, f) => s + f.weight, e.baseline)).toBeCloseTo(decisionValue(iso, doc), 6);
      checkSpans(doc, e);
    }
  });
});
