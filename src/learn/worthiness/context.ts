/**
 * The second stage for lines of a transcript: which sentences a fact-checker picks from a debate depends
 * on more than the sentence. A claim often runs over neighbouring lines, moderators ask and candidates
 * assert, and a line that states a checkable fact in the single-sentence sense is a candidate whatever
 * the debate. So each line is described by its own first-stage scores (transcript view and sentence
 * view), its neighbours' scores, its speaker's habits in this transcript (share of the lines, share of
 * questions, mean score) and its place in the speaker's turn; a small logistic model over those,
 * standardised, gives the line's final decision value.
 *
 * Fitted on out-of-fold first-stage scores (stacking), so the second stage learns how far to trust
 * scores the first stage gave to lines it never saw.
 */
import { fitLogistic } from '../logistic.js';
import { csrFromRows, decision } from '../matrix.js';
import { foldRows } from '../split.js';
import { meanAveragePrecision } from './metrics.js';
import { columnMoments } from '../standardise.js';

export const CONTEXT_FEATURES = [
  'score',
  'sentence score',
  'previous line score',
  'next line score',
  'best score within two lines',
  'previous line sentence score',
  'next line sentence score',
  'speaker share of lines',
  'speaker share of questions',
  'speaker mean score',
  'score above speaker mean',
  'first of turn',
  'last of turn',
  'turn length',
  'place in turn',
  'rank in transcript',
  'question',
  'length',
] as const;

/** One line of a transcript as the second stage reads it. */
export interface TranscriptLine {
  /** Who speaks it; null when the transcript does not say (all such lines count as one speaker). */
  speaker: string | null;
  /** The first stage's decision value in the transcript view and in the single-sentence view. */
  score: number;
  sentenceScore: number;
  question: boolean;
  /** Tokens in the sentence. */
  tokens: number;
}

export interface ContextModel {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  C: number;
}

const OUTSIDE = -8;

/** The features of every line of one transcript, in speaking order. */
export function contextFeatures(lines: readonly TranscriptLine[]): number[][] {
  const n = lines.length;
  const speakers = new Map<string | null, { lines: number; questions: number; score: number }>();
  for (const l of lines) {
    const s = speakers.get(l.speaker) ?? { lines: 0, questions: 0, score: 0 };
    s.lines++;
    if (l.question) s.questions++;
    s.score += l.score;
    speakers.set(l.speaker, s);
  }
  const sorted = lines.map((l) => l.score).sort((a, b) => a - b);
  const score = (k: number): number => (k >= 0 && k < n ? lines[k]!.score : OUTSIDE);
  const sentence = (k: number): number => (k >= 0 && k < n ? lines[k]!.sentenceScore : OUTSIDE);
  const out: number[][] = [];
  let turnStart = 0;
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (i > 0 && lines[i - 1]!.speaker !== l.speaker) turnStart = i;
    let turnEnd = i;
    while (turnEnd + 1 < n && lines[turnEnd + 1]!.speaker === l.speaker) turnEnd++;
    const s = speakers.get(l.speaker)!;
    let below = 0;
    let hi = n;
    while (below < hi) {
      const m = (below + hi) >> 1;
      if (sorted[m]! < l.score) below = m + 1;
      else hi = m;
    }
    out.push([
      l.score,
      l.sentenceScore,
      score(i - 1),
      score(i + 1),
      Math.max(score(i - 2), score(i - 1), score(i + 1), score(i + 2)),
      sentence(i - 1),
      sentence(i + 1),
      s.lines / n,
      s.questions / s.lines,
      s.score / s.lines,
      l.score - s.score / s.lines,
      i === turnStart ? 1 : 0,
      i === turnEnd ? 1 : 0,
      Math.log1p(turnEnd - turnStart + 1),
      (i - turnStart) / Math.max(1, turnEnd - turnStart),
      below / n,
      l.question ? 1 : 0,
      Math.log1p(l.tokens),
    ]);
  }
  return out;
}

/** The second stage's decision value of each line of one transcript. */
export function contextDecisions(m: ContextModel, lines: readonly TranscriptLine[]): Float64Array {
  const X = contextFeatures(lines);
  return Float64Array.from(X, (x) => {
    let z = m.bias;
    for (let j = 0; j < x.length; j++) z += m.weights[j]! * ((x[j]! - m.mean[j]!) / m.scale[j]!);
    return z;
  });
}

export interface ContextFit {
  model: ContextModel;
  /** Out-of-fold second-stage decision value of every line (transcripts in input order, lines in order). */
  outOfFold: Float64Array;
  /** Out-of-fold MAP of each C tried, and of the first stage alone. */
  selection: { C: number; map: number }[];
  firstStageMap: number;
}

export interface Transcript {
  lines: TranscriptLine[];
  y: Uint8Array;
  fold: number;
}

/**
 * Chooses C by the out-of-fold MAP over transcripts (each transcript in the fold its first-stage scores
 * were out of), then fits on every transcript.
 */
export function fitContext(transcripts: readonly Transcript[], cGrid: readonly number[], folds: number, seed: number): ContextFit {
  const raw = transcripts.flatMap((t) => contextFeatures(t.lines));
  const d = CONTEXT_FEATURES.length;
  const n = raw.length;
  const moments = columnMoments(raw, d);
  const mean = Array.from(moments.mean);
  const scale = Array.from(moments.sd);
  const X = csrFromRows(
    raw.map((x) => ({ idx: Int32Array.from(x.keys()), val: Float32Array.from(x, (v, j) => (v - mean[j]!) / scale[j]!) })),
    d,
  );
  const y = new Uint8Array(n);
  const fold = new Int32Array(n);
  const group: string[] = [];
  let k = 0;
  transcripts.forEach((t, ti) => {
    for (let i = 0; i < t.lines.length; i++, k++) {
      y[k] = t.y[i]!;
      fold[k] = t.fold;
      group.push(String(ti));
    }
  });
  const firstStage = Float64Array.from(transcripts.flatMap((t) => t.lines.map((l) => l.score)));
  const params = (C: number) => ({ C, tolerance: 0.001, maxPasses: 200 });
  const selection: { C: number; map: number }[] = [];
  let best: { C: number; z: Float64Array; map: number } | null = null;
  for (const C of cGrid) {
    const z = new Float64Array(n);
    for (const { fold: f, train, test } of foldRows(fold, folds)) {
      const { weights } = fitLogistic(X, y, undefined, params(C), seed + f, undefined, train);
      decision(X, weights.w, weights.bias, test).forEach((v, j) => (z[test[j]!] = v));
    }
    const map = meanAveragePrecision(y, z, group).map ?? 0;
    selection.push({ C, map });
    if (best === null || map > best.map) best = { C, z, map };
  }
  if (best === null) throw new Error('fitContext: the C grid is empty');
  const { weights } = fitLogistic(X, y, undefined, params(best.C), seed);
  return {
    model: { mean, scale, weights: [...weights.w], bias: weights.bias, C: best.C },
    outOfFold: best.z,
    selection,
    firstStageMap: meanAveragePrecision(y, firstStage, group).map ?? 0,
  };
}
