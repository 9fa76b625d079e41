/**
 * Exact explanations of the linear reliability model: no sampling. The calibrated log-odds is
 * slope · (bias + Σ_blocks Σ_i w_i · x_{b,i} + style) + offset, so every hashed column's contribution
 * slope · w_i · x_{b,i} is shared out over the n-gram occurrences that produced it; occurrences map to
 * spans of the text and sentences collect the contributions of the n-grams inside them.
 */
import type { Doc } from '../text/doc.js';
import { countFeatures, weighFeatures, type Block, type BlockCounts } from '../text/features.js';
import { STYLE_FEATURES, styleFeatures } from '../text/style.js';
import { logitSlope } from './calibration.js';
import { vectorOf, type ReliabilityModel } from './reliability.js';

export interface Span {
  start: number;
  end: number;
}

export type FeatureKind = 'words' | 'headline words' | 'writing pattern' | 'style';

export interface FeatureContribution {
  /** The n-gram as the model sees it (lower-cased), or the style measure's name. */
  text: string;
  kind: FeatureKind;
  /** Contribution to the log-odds of "unreliable": > 0 pushes towards unreliable. */
  weight: number;
  spans: Span[];
}

export interface SentenceContribution extends Span {
  contribution: number;
}

export interface Explanation {
  /** Strongest contributions each way, strongest first. */
  features: FeatureContribution[];
  /** The sentences whose n-grams contributed most (by absolute value), in text order. */
  sentences: SentenceContribution[];
  /** The model's baseline log-odds before any feature (bias and calibration offset). */
  baseline: number;
  /**
   * baseline + every contribution. With a Platt calibrator this is the calibrated log-odds, exactly (up to
   * rounding). An isotonic calibrator is a step function, not additive: contributions are then to the
   * uncalibrated decision value, which this is, and they only rank the evidence.
   */
  logit: number;
}

export interface ExplainOptions {
  /** Features reported each way. */
  perDirection?: number;
  sentences?: number;
}

// A word's character n-grams are credited to the word itself: its weight is its unigram's and its parts' together.
const KIND: Record<Block, FeatureKind> = { word: 'words', title: 'headline words', char: 'words', shape: 'writing pattern' };
const BLOCKS: readonly Block[] = ['word', 'title', 'char', 'shape'];
const BLOCK_NUMBER: Record<Block, number> = { word: 0, title: 1, char: 2, shape: 3 };
const SPAN_END = 2 ** 26;

interface Occurrence {
  block: Block;
  index: number;
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
}

export function explainReliability(model: ReliabilityModel, doc: Doc, opts: ExplainOptions = {}): Explanation {
  const perDirection = opts.perDirection ?? 8;
  const topSentences = opts.sentences ?? 3;
  const s = model.settings.features;
  const occurrences: Occurrence[] = [];
  const counts = countFeatures(doc, s, (index, block, tokenStart, tokenEnd, start, end) => {
    occurrences.push({ block, index, tokenStart, tokenEnd, start, end });
  });
  const slope = logitSlope(model.calibrator);

  // Each block's normalised values, exactly as the model's input row is built; a column's key is
  // block number · 2^bucketsLog2 + column (block indices share one hashed space).
  const width = 2 ** s.bucketsLog2;
  const contribution = new Map<number, number>();
  BLOCKS.forEach((block, b) => {
    const only = { word: EMPTY, title: EMPTY, char: EMPTY, shape: EMPTY, [block]: counts[block] } as BlockCounts;
    const v = weighFeatures(only, s, model.idf);
    for (let j = 0; j < v.idx.length; j++) contribution.set(b * width + v.idx[j]!, slope * model.weights[v.idx[j]!]! * v.val[j]!);
  });
  const occurrenceCount = new Map<number, number>();
  for (const o of occurrences) {
    const key = BLOCK_NUMBER[o.block] * width + o.index;
    occurrenceCount.set(key, (occurrenceCount.get(key) ?? 0) + 1);
  }

  const sentenceOf = new Int32Array(doc.tokens.length).fill(-1);
  doc.sentences.forEach((sent, i) => sentenceOf.fill(i, sent.tokenStart, sent.tokenEnd));
  const sentenceSums = new Float64Array(doc.sentences.length);
  // Each feature with the spans already given to it (start and end packed in one number: both < 2^26).
  const features = new Map<FeatureKind, Map<string, { f: FeatureContribution; seen: Set<number> }>>(
    (['words', 'headline words', 'writing pattern', 'style'] as const).map((k) => [k, new Map()]),
  );
  const norm = doc.tokens.norm;
  for (const o of occurrences) {
    const key = BLOCK_NUMBER[o.block] * width + o.index;
    const column = contribution.get(key) ?? 0;
    if (column === 0) continue;
    const share = column / occurrenceCount.get(key)!;
    const sentence = sentenceOf[o.tokenStart]!;
    if (sentence >= 0) sentenceSums[sentence] = sentenceSums[sentence]! + share;
    const text =
      o.block === 'shape' ? doc.text.slice(o.start, o.end) : o.tokenEnd === o.tokenStart + 1 ? norm[o.tokenStart]! : norm.slice(o.tokenStart, o.tokenEnd).join(' ');
    const kind = KIND[o.block];
    // Keyed by kind, then by the text itself: a word's text is the Doc's own string, no new key is made.
    const ofKind = features.get(kind)!;
    let entry = ofKind.get(text);
    if (entry === undefined) {
      entry = { f: { text, kind, weight: 0, spans: [] }, seen: new Set() };
      ofKind.set(text, entry);
    }
    entry.f.weight += share;
    const span = o.start * SPAN_END + o.end;
    if (!entry.seen.has(span)) {
      entry.seen.add(span);
      entry.f.spans.push({ start: o.start, end: o.end });
    }
  }

  // Dense style measures, when the model uses them: named, with no span.
  if (model.settings.styleWeight !== 0) {
    const raw = styleFeatures(doc);
    const v = vectorOf({ word: EMPTY, title: EMPTY, char: EMPTY, shape: EMPTY }, raw, model, model.settings);
    const base = 1 << s.bucketsLog2;
    for (let j = 0; j < v.idx.length; j++) {
      const name = STYLE_FEATURES[v.idx[j]! - base];
      if (name === undefined) continue;
      features.get('style')!.set(name, { f: { text: name, kind: 'style', weight: slope * model.weights[v.idx[j]!]! * v.val[j]!, spans: [] }, seen: new Set() });
    }
  }

  const all = [...features.values()].flatMap((m) => [...m.values()].map((e) => e.f));
  const baseline = model.calibrator.kind === 'platt' ? slope * model.bias + model.calibrator.b : model.bias;
  const logit = baseline + all.reduce((sum, f) => sum + f.weight, 0);
  const towardsUnreliable = all.filter((f) => f.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, perDirection);
  const towardsReliable = all.filter((f) => f.weight < 0).sort((a, b) => a.weight - b.weight).slice(0, perDirection);
  const strongest = [...towardsUnreliable, ...towardsReliable].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  for (const f of strongest) f.spans.sort((a, b) => a.start - b.start);

  const sentences = doc.sentences
    .map((sent, i) => ({ start: sent.start, end: sent.end, contribution: sentenceSums[i]! }))
    .filter((x) => x.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, topSentences)
    .sort((a, b) => a.start - b.start);
  return { features: strongest, sentences, baseline, logit };
}

const EMPTY = { idx: new Int32Array(0), val: new Float32Array(0) };
