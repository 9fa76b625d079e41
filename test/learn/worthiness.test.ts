/**
 * The check-worthiness model's parts on invented sentences: rule cues and kinds, ranking measures,
 * a fit that must separate factual claims from talk, domain copies, and the model file's round trip
 * and refusals.
 */
import { describe, expect, it } from 'vitest';
import { CLAIM_KINDS } from '../../src/article/report.js';
import { makeDoc } from '../../src/text/doc.js';
import { Random } from '../../src/learn/random.js';
import { DEFAULT_WORTHINESS_FEATURES, sentenceFeatures } from '../../src/learn/worthiness/features.js';
import { decodeWorthiness, encodeWorthiness } from '../../src/learn/worthiness/file.js';
import { averagePrecision, bestF1Threshold, meanAveragePrecision, positiveClass } from '../../src/learn/worthiness/metrics.js';
import { DEFAULT_WORTHINESS, fitWorthiness, scoreSpan, viewCalibration, type TrainingRow, type WorthinessSettings } from '../../src/learn/worthiness/model.js';
import { RULE_NAMES, scanCues } from '../../src/learn/worthiness/rules.js';
import type { WorthinessCard } from '../../src/learn/worthiness/card.js';

function kindsOf(text: string) {
  const doc = makeDoc({ title: '', body: text });
  return scanCues(doc, 0, doc.tokens.length).kinds;
}

describe('rule cues', () => {
  it('names the kinds of claim a sentence makes', () => {
    expect(kindsOf('Unemployment fell to 4.1% in 2019.')).toEqual(['number', 'comparison']);
    expect(kindsOf('Crime went up because the police budget was cut by half.')).toEqual(['number', 'comparison', 'cause']);
    expect(kindsOf('The new plant will open in the spring.')).toEqual(['prediction']);
    expect(kindsOf('"The bridge is safe," the mayor said.')).toEqual(['quote']);
    expect(kindsOf('The bill makes it illegal to sell raw milk.')).toEqual(['law']);
    expect(kindsOf('Thank you very much.')).toEqual([]);
  });

  it('gives one value in [0, 1] per named cue', () => {
    const doc = makeDoc({ title: '', body: 'Is it true that taxes rose 12 percent under Governor Reyes?' });
    const { values } = scanCues(doc, 0, doc.tokens.length);
    expect(values.length).toBe(RULE_NAMES.length);
    for (const v of values) expect(v >= 0 && v <= 1).toBe(true);
    expect(values[RULE_NAMES.indexOf('question')]).toBe(1);
    expect(values[RULE_NAMES.indexOf('percent')]).toBe(1);
    expect(values[RULE_NAMES.indexOf('capitalised words')]).toBeGreaterThan(0);
  });

  it('reads only the tokens of the span it is given', () => {
    const doc = makeDoc({ title: '', body: 'We love this town. Taxes rose 12 percent in 2019.' });
    const [first, second] = doc.sentences;
    expect(scanCues(doc, first!.tokenStart, first!.tokenEnd).kinds).toEqual([]);
    expect(scanCues(doc, second!.tokenStart, second!.tokenEnd).kinds).toContain('number');
  });
});

describe('ranking measures', () => {
  it('average precision is the mean precision at each positive', () => {
    // Ranked: 1 0 1 0 → (1/1 + 2/3) / 2
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toBeCloseTo((1 + 2 / 3) / 2, 12);
    expect(averagePrecision([0, 0], [0.5, 0.4])).toBeNull();
  });

  it('MAP averages over the lists that have a positive', () => {
    const y = [1, 0, 0, 1, 0, 0];
    const p = [0.9, 0.1, 0.5, 0.2, 0.8, 0.3];
    const groups = ['a', 'a', 'b', 'b', 'b', 'c'];
    // a: [1] first → 1; b: ranked 0.8(0) 0.5(0) 0.2(1) → 1/3; c has no positive.
    const m = meanAveragePrecision(y, p, groups);
    expect(m.lists).toBe(2);
    expect(m.map).toBeCloseTo((1 + 1 / 3) / 2, 12);
  });

  it('F1 of the positive class and the threshold that maximises it', () => {
    const y = [1, 1, 0, 1, 0, 0];
    const p = [0.9, 0.8, 0.7, 0.6, 0.2, 0.1];
    expect(positiveClass(y, p, 0.65)).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    const best = bestF1Threshold(y, p);
    expect(best.threshold).toBe(0.6);
    expect(best.f1).toBeCloseTo(2 * 0.75 * 1 / 1.75, 12);
  });
});

const PLACES = ['Ohio', 'Texas', 'Maine', 'Oregon', 'Iowa', 'Nevada'];
const THINGS = ['unemployment', 'the deficit', 'crime', 'gas prices', 'the debt', 'enrolment'];
const TALK = [
  'I think we have to come together as a country.',
  'Thank you so much for having me tonight.',
  'Let me tell you, that is a wonderful question.',
  'We love our families and we love our towns.',
  'I want to talk about the future with you.',
  'Well, you know, I really do believe in this.',
];

/** Invented sentences: factual claims with numbers and comparisons (1) or talk (0). */
function inventedRows(n: number, seed: number, group: (i: number) => string | null): { text: string; y: 0 | 1; group: string | null }[] {
  const rng = new Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const y = (rng.next() < 0.3 ? 1 : 0) as 0 | 1;
    const text =
      y === 1
        ? `In ${PLACES[rng.int(PLACES.length)]}, ${THINGS[rng.int(THINGS.length)]} rose ${1 + rng.int(40)} percent since ${1990 + rng.int(30)}.`
        : TALK[rng.int(TALK.length)]!;
    return { text, y, group: group(i) };
  });
}

function toRows(records: { text: string; y: 0 | 1; group: string | null }[], s: WorthinessSettings): TrainingRow[] {
  return records.map((r) => {
    const doc = makeDoc({ title: '', body: r.text });
    return { row: sentenceFeatures(doc, 0, doc.tokens.length, s.features).row, y: r.y, group: r.group };
  });
}

const SMALL: WorthinessSettings = { ...DEFAULT_WORTHINESS, features: { ...DEFAULT_WORTHINESS_FEATURES, bits: 12 }, cGrid: [0.3, 1], folds: 3 };

function score(model: ReturnType<typeof fitWorthiness>['model'], text: string, view: 'sentences' | 'transcripts' = 'sentences') {
  const doc = makeDoc({ title: '', body: text });
  return scoreSpan(model, doc, 0, doc.tokens.length, view);
}

describe('fitWorthiness', () => {
  const records = [...inventedRows(160, 1, () => null), ...inventedRows(240, 2, (i) => `debate-${i % 6}`)];
  const fit = fitWorthiness(toRows(records, SMALL), SMALL);

  it('separates invented factual claims from talk, in both views', () => {
    const claim = 'In Ohio, the deficit rose 17 percent since 2004.';
    const talk = 'Thank you so much for having me tonight.';
    for (const view of ['sentences', 'transcripts'] as const) {
      expect(score(fit.model, claim, view).p).toBeGreaterThan(score(fit.model, talk, view).p);
    }
    expect(score(fit.model, claim).checkWorthy).toBe(true);
    expect(score(fit.model, talk).checkWorthy).toBe(false);
  });

  it('reports one cross-validation line per C, with F1 and MAP from the two kinds of row', () => {
    expect(fit.selection.map((s) => s.C)).toEqual([0.3, 1]);
    for (const s of fit.selection) {
      expect(s.f1).toBeGreaterThan(0.9);
      expect(s.map).toBeGreaterThan(0.9);
    }
    expect(fit.model.views.sentences).not.toBeNull();
    expect(fit.model.views.transcripts).not.toBeNull();
  });

  it('has no calibration for a view the data lacked, and falls back to the other', () => {
    const only = fitWorthiness(toRows(inventedRows(120, 3, () => null), SMALL), SMALL);
    expect(only.model.views.transcripts).toBeNull();
    expect(viewCalibration(only.model, 'transcripts')).toBe(only.model.views.sentences);
  });

  it('is the same model from the same seed', () => {
    const again = fitWorthiness(toRows(records, SMALL), SMALL);
    expect(Array.from(again.model.weights)).toEqual(Array.from(fit.model.weights));
  });

  it('stores every weight as it is, refuses weights of the wrong length, and scores the same after a round trip', () => {
    const card = { name: 'test-worthiness' } as WorthinessCard;
    const bytes = encodeWorthiness(fit.model, card);
    const loaded = decodeWorthiness(bytes);
    expect(loaded.card.name).toBe('test-worthiness');
    expect(Array.from(loaded.model.weights)).toEqual(Array.from(fit.model.weights));
    const short = encodeWorthiness({ ...fit.model, weights: fit.model.weights.subarray(1) }, card);
    expect(() => decodeWorthiness(short)).toThrow(/"w"/);
    for (const text of ['In Maine, crime rose 3 percent since 2001.', 'We love our families and we love our towns.']) {
      expect(score(loaded.model, text).p).toBe(score(fit.model, text).p);
    }
  });

  it('refuses a corrupt file and a file of another layout, saying which', () => {
    const card = { name: 'test-worthiness' } as WorthinessCard;
    const bytes = encodeWorthiness(fit.model, card);
    const corrupt = Buffer.from(bytes);
    corrupt[corrupt.length - 10]! ^= 0xff;
    expect(() => decodeWorthiness(corrupt)).toThrow(/checksum does not match/);
    const other = encodeWorthiness({ ...fit.model, settings: { ...fit.model.settings, features: { ...fit.model.settings.features, bits: 30 } } }, card);
    expect(() => decodeWorthiness(other)).toThrow(/header field "settings.features.bits": expected at most 24/);
  });
});

describe('kinds in the report vocabulary', () => {
  it('every kind a rule names is a report kind', () => {
    const text = 'The senator said the 2019 law will cut taxes by more than 10 percent because of the new rules.';
    for (const k of kindsOf(text)) expect(CLAIM_KINDS).toContain(k);
    expect(kindsOf(text)).toEqual(['number', 'comparison', 'cause', 'prediction', 'quote', 'law']);
  });
});
