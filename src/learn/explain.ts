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

/** Every n-gram occurrence as six numbers in one growing array (not one object each: a long article has millions). */
class Occurrences {
  static readonly WIDTH = 6; // block number, column, tokenStart, tokenEnd, start, end
  data = new Int32Array(6 * 1024);
  length = 0;
  push(block: number, index: number, tokenStart: number, tokenEnd: number, start: number, end: number): void {
    let at = this.length * Occurrences.WIDTH;
    if (at + Occurrences.WIDTH > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    d[at++] = block;
    d[at++] = index;
    d[at++] = tokenStart;
    d[at++] = tokenEnd;
    d[at++] = start;
    d[at] = end;
    this.length++;
  }
}

export function explainReliability(model: ReliabilityModel, doc: Doc, opts: ExplainOptions = {}): Explanation {
  const perDirection = opts.perDirection ?? 8;
  const topSentences = opts.sentences ?? 3;
  const s = model.settings.features;
  const occ = new Occurrences();
  const counts = countFeatures(doc, s, (index, block, tokenStart, tokenEnd, start, end) => {
    occ.push(BLOCK_NUMBER[block], index, tokenStart, tokenEnd, start, end);
  });
  const slope = logitSlope(model.calibrator);
  const W = Occurrences.WIDTH;
  const d = occ.data;

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
  for (let o = 0; o < occ.length; o++) {
    const key = d[o * W]! * width + d[o * W + 1]!;
    occurrenceCount.set(key, (occurrenceCount.get(key) ?? 0) + 1);
  }

  const sentenceOf = new Int32Array(doc.tokens.length).fill(-1);
  doc.sentences.forEach((sent, i) => sentenceOf.fill(i, sent.tokenStart, sent.tokenEnd));
  const sentenceSums = new Float64Array(doc.sentences.length);
  // Weights first, spans only for the features reported: a long article's common words have many.
  const features = new Map<FeatureKind, Map<string, FeatureContribution>>(
    (['words', 'headline words', 'writing pattern', 'style'] as const).map((k) => [k, new Map()]),
  );
  const featureOf: (FeatureContribution | undefined)[] = new Array(occ.length);
  const norm = doc.tokens.norm;
  for (let o = 0; o < occ.length; o++) {
    const at = o * W;
    const b = d[at]!;
    const key = b * width + d[at + 1]!;
    const column = contribution.get(key) ?? 0;
    if (column === 0) continue;
    const share = column / occurrenceCount.get(key)!;
    const tokenStart = d[at + 2]!;
    const tokenEnd = d[at + 3]!;
    const sentence = sentenceOf[tokenStart]!;
    if (sentence >= 0) sentenceSums[sentence] = sentenceSums[sentence]! + share;
    const block = BLOCKS[b]!;
    const text = block === 'shape' ? doc.text.slice(d[at + 4]!, d[at + 5]!) : tokenEnd === tokenStart + 1 ? norm[tokenStart]! : norm.slice(tokenStart, tokenEnd).join(' ');
    const kind = KIND[block];
    // Keyed by kind, then by the text itself: a word's text is the Doc's own string, no new key is made.
    const ofKind = features.get(kind)!;
    let f = ofKind.get(text);
    if (f === undefined) {
      f = { text, kind, weight: 0, spans: [] };
      ofKind.set(text, f);
    }
    f.weight += share;
    featureOf[o] = f;
  }

  // Dense style measures, when the model uses them: named, with no span.
  if (model.settings.styleWeight !== 0) {
    const raw = styleFeatures(doc);
    const v = vectorOf({ word: EMPTY, title: EMPTY, char: EMPTY, shape: EMPTY }, raw, model, model.settings);
    const base = 1 << s.bucketsLog2;
    for (let j = 0; j < v.idx.length; j++) {
      const name = STYLE_FEATURES[v.idx[j]! - base];
      if (name === undefined) continue;
      features.get('style')!.set(name, { text: name, kind: 'style', weight: slope * model.weights[v.idx[j]!]! * v.val[j]!, spans: [] });
    }
  }

  const all = [...features.values()].flatMap((m) => [...m.values()]);
  const baseline = model.calibrator.kind === 'platt' ? slope * model.bias + model.calibrator.b : model.bias;
  const logit = baseline + all.reduce((sum, f) => sum + f.weight, 0);
  const towardsUnreliable = all.filter((f) => f.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, perDirection);
  const towardsReliable = all.filter((f) => f.weight < 0).sort((a, b) => a.weight - b.weight).slice(0, perDirection);
  const strongest = [...towardsUnreliable, ...towardsReliable].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  // The reported features' spans, each once (start and end packed in one number: both < 2^26).
  const seen = new Map<FeatureContribution, Set<number>>(strongest.map((f) => [f, new Set()]));
  for (let o = 0; o < occ.length; o++) {
    const f = featureOf[o];
    const spans = f === undefined ? undefined : seen.get(f);
    if (spans === undefined) continue;
    const start = d[o * W + 4]!;
    const end = d[o * W + 5]!;
    const span = start * SPAN_END + end;
    if (spans.has(span)) continue;
    spans.add(span);
    f!.spans.push({ start, end });
  }
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
