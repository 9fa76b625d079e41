/**
 * The transcript context stage: its features on a hand-made transcript, a fit that must learn a signal
 * only the neighbours carry, and the whole model scoring a transcript in order, before and after a round trip.
 */
import { describe, expect, it } from 'vitest';
import { makeDoc } from '../../src/text/doc.js';
import { Random } from '../../src/learn/random.js';
import { CONTEXT_FEATURES, contextFeatures, fitContext, type Transcript, type TranscriptLine } from '../../src/learn/worthiness/context.js';
import { DEFAULT_WORTHINESS_FEATURES, sentenceFeatures } from '../../src/learn/worthiness/features.js';
import { decodeWorthiness, encodeWorthiness } from '../../src/learn/worthiness/file.js';
import { DEFAULT_WORTHINESS, fitWorthiness, isQuestion, scoreTranscript, type TrainingRow, type WorthinessSettings } from '../../src/learn/worthiness/model.js';
import type { WorthinessCard } from '../../src/learn/worthiness/card.js';

const line = (speaker: string, score: number, question = false): TranscriptLine => ({ speaker, score, sentenceScore: score / 2, question, tokens: 9 });
const at = (name: (typeof CONTEXT_FEATURES)[number]) => CONTEXT_FEATURES.indexOf(name);

describe('contextFeatures', () => {
  const lines = [line('HOST', -3, true), line('SMITH', 1), line('SMITH', 2), line('SMITH', 0), line('HOST', -2, true)];
  const X = contextFeatures(lines);

  it('gives every line one value per named feature', () => {
    expect(X).toHaveLength(5);
    for (const x of X) expect(x).toHaveLength(CONTEXT_FEATURES.length);
  });

  it('reads the neighbours, the turn and the speaker', () => {
    const second = X[1]!;
    expect(second[at('previous line score')]).toBe(-3);
    expect(second[at('next line score')]).toBe(2);
    expect(second[at('best score within two lines')]).toBe(2);
    expect(second[at('first of turn')]).toBe(1);
    expect(second[at('last of turn')]).toBe(0);
    expect(second[at('turn length')]).toBeCloseTo(Math.log1p(3), 12);
    expect(second[at('speaker share of lines')]).toBeCloseTo(3 / 5, 12);
    expect(second[at('speaker share of questions')]).toBe(0);
    expect(second[at('speaker mean score')]).toBeCloseTo(1, 12);
    expect(X[0]![at('speaker share of questions')]).toBe(1);
    expect(X[3]![at('last of turn')]).toBe(1);
    expect(X[3]![at('place in turn')]).toBe(1);
    expect(X[2]![at('rank in transcript')]).toBeCloseTo(4 / 5, 12);
  });
});

describe('fitContext', () => {
  // The first stage scores every line alike (noise); what marks a check-worthy line is that the line
  // before it scored high. Only the context stage can see that.
  const rng = new Random(4);
  const transcripts: Transcript[] = Array.from({ length: 10 }, (_, t) => {
    const n = 60;
    const lines: TranscriptLine[] = [];
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const lead = rng.next() < 0.1;
      lines.push(line(i % 2 === 0 ? 'A' : 'B', lead ? 3 + rng.next() : rng.next() * 2 - 1));
      if (i > 0 && lines[i - 1]!.score > 2.5) y[i] = 1;
    }
    return { lines, y, fold: t % 3 };
  });
  const fit = fitContext(transcripts, [0.1, 1], 3, 1);

  it('learns what only the neighbours say, out of fold', () => {
    expect(fit.firstStageMap).toBeLessThan(0.5);
    expect(Math.max(...fit.selection.map((s) => s.map))).toBeGreaterThan(0.9);
    expect(fit.model.weights[at('previous line score')]).toBeGreaterThan(0);
  });
});

const CLAIMS = ['Unemployment rose 12 percent in Ohio since 2004.', 'The deficit fell by 300 billion dollars last year.', 'Crime in Texas went up 8 percent in 2019.'];
const TALK = ['Thank you so much for having me.', 'Let me say this.', 'We love this country.', 'What do you say to that?'];

/** Invented debates: the host asks, candidates answer with claims and talk. */
function debates(n: number, seed: number): { text: string; y: 0 | 1; debate: string; speaker: string; position: number }[] {
  const rng = new Random(seed);
  const out: { text: string; y: 0 | 1; debate: string; speaker: string; position: number }[] = [];
  for (let d = 0; d < n; d++) {
    for (let i = 0; i < 40; i++) {
      const host = i % 5 === 0;
      const claim = !host && rng.next() < 0.2;
      const text = host ? TALK[3]! : claim ? CLAIMS[rng.int(CLAIMS.length)]! : TALK[rng.int(3)]!;
      out.push({ text, y: claim ? 1 : 0, debate: `d${d}`, speaker: host ? 'HOST' : `C${i % 2}`, position: i + 1 });
    }
  }
  return out;
}

const SMALL: WorthinessSettings = { ...DEFAULT_WORTHINESS, features: { ...DEFAULT_WORTHINESS_FEATURES, bits: 12 }, cGrid: [1], folds: 3 };

describe('a model with the context stage', () => {
  const records = debates(9, 5);
  const rows: TrainingRow[] = records.map((r) => {
    const doc = makeDoc({ title: '', body: r.text });
    return {
      row: sentenceFeatures(doc, 0, doc.tokens.length, SMALL.features).row,
      y: r.y,
      group: r.debate,
      line: { position: r.position, speaker: r.speaker, question: isQuestion(r.text), tokens: doc.tokens.length },
    };
  });
  const fit = fitWorthiness(rows, SMALL);
  const transcript = debates(1, 9).map((r) => ({ doc: makeDoc({ title: '', body: r.text }), speaker: r.speaker, y: r.y }));

  it('fits the stage when transcript lines carry their places, and not without them', () => {
    expect(fit.model.context).not.toBeNull();
    expect(fit.context!.selection).toHaveLength(SMALL.contextCGrid.length);
    const bare = fitWorthiness(rows.map(({ line: _line, ...r }) => r), SMALL);
    expect(bare.model.context).toBeNull();
  });

  it('scores a transcript in order, claims above talk', () => {
    const scores = scoreTranscript(fit.model, transcript);
    expect(scores).toHaveLength(transcript.length);
    const mean = (y: number) => {
      const ps = scores.filter((_, i) => transcript[i]!.y === y).map((s) => s.p);
      return ps.reduce((a, b) => a + b, 0) / ps.length;
    };
    expect(mean(1)).toBeGreaterThan(mean(0) + 0.3);
  });

  it('keeps the stage through a round trip, and refuses a stage of the wrong size', () => {
    const card = { name: 'test-worthiness' } as WorthinessCard;
    const loaded = decodeWorthiness(encodeWorthiness(fit.model, card)).model;
    expect(loaded.context).toEqual(fit.model.context);
    expect(scoreTranscript(loaded, transcript).map((s) => s.p)).toEqual(scoreTranscript(fit.model, transcript).map((s) => s.p));
    const broken = { ...fit.model, context: { ...fit.model.context!, weights: fit.model.context!.weights.slice(1) } };
    expect(() => decodeWorthiness(encodeWorthiness(broken, card))).toThrow(/header field "context/);
  });

  it('reads a question by its last mark, closing quotes aside', () => {
    expect(isQuestion('Is that true?')).toBe(true);
    expect(isQuestion('He asked, "is that true?"')).toBe(true);
    expect(isQuestion('That is true.')).toBe(false);
  });
});
