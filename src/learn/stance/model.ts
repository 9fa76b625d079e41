/**
 * The stance model (FNC-1): is a body `agree`, `disagree`, `discuss` or `unrelated` to a headline?
 *
 * Two stages, as the task is built: (1) related vs unrelated from how much of the headline the body
 * covers; (2) agree/disagree/discuss among related pairs from the stance cues and where they sit.
 * Each stage is a gradient-boosted tree ensemble on the pair's dense features. The IDF is fitted on the
 * training texts. `StanceSettings` are hyper-parameters; `StanceModel` is what `fitStance` learns.
 */
import type { Doc } from '../../text/doc.js';
import { STANCES, type Stance } from '../../evaluate/stance-metrics.js';
import { DEFAULT_GBDT, fitGbdt, gbdtProbabilities, type GbdtModel, type GbdtParams } from './gbdt.js';
import { DENSE_NAMES, fitIdf, pairFeatures, prepareBody, prepareHeadline, type PairAnalysis, type PreparedBody, type PreparedHeadline, type StanceIdf } from './features.js';
import { CUE_CATEGORIES } from './cues.js';
import { readSide, type Side } from './text.js';

export interface StanceSettings {
  seed: number;
  /** IDF buckets = 2 ** idfBits. */
  idfBits: number;
  related: GbdtParams;
  stance: GbdtParams;
  /** Row weights of the related stances in stage 2 (disagree is rare). */
  classWeights: { agree: number; disagree: number; discuss: number };
  /** Most evidence sentences returned per pair. */
  evidenceSentences: number;
}

export const DEFAULT_STANCE: StanceSettings = {
  seed: 1,
  idfBits: 18,
  related: { ...DEFAULT_GBDT, rounds: 200, maxDepth: 5 },
  stance: { ...DEFAULT_GBDT, rounds: 300, maxDepth: 5, learningRate: 0.05 },
  classWeights: { agree: 1, disagree: 1, discuss: 1 },
  evidenceSentences: 3,
};

export interface StanceModel {
  settings: StanceSettings;
  idf: StanceIdf;
  /** Stage 1: classes 0 unrelated, 1 related. */
  related: GbdtModel;
  /** Stage 2: classes 0 agree, 1 disagree, 2 discuss. */
  stance: GbdtModel;
}

/** One labelled pair; sides may be shared between pairs (a body read once for all its headlines). */
export interface StanceExample {
  headline: Side;
  body: Side;
  stance: Stance;
}

export type EvidenceRole = 'supports' | 'contradicts' | 'discusses';

export interface StanceEvidence {
  /** Offsets into the text of the Doc the body was read from. */
  start: number;
  end: number;
  role: EvidenceRole;
}

export interface StancePrediction {
  stance: Stance;
  probabilities: Record<Stance, number>;
  evidence: StanceEvidence[];
}

export interface StanceFitReport {
  seconds: number;
  pairs: number;
  related: number;
}

export interface StanceProgress {
  (stage: string, done: number, total: number): void;
}

/** The headline and body sides of a Doc made from {title: headline, body}. */
export function stanceSides(doc: Doc): { headline: Side; body: Side } {
  return { headline: readSide(doc, 'headline'), body: readSide(doc, 'body') };
}

function features(model: { idf: StanceIdf }, h: PreparedHeadline, b: PreparedBody): PairAnalysis {
  return pairFeatures(h, b, model.idf);
}

/** Prepared sides, cached by identity while fitting or scoring many pairs. */
export class StanceCache {
  private heads = new Map<Side, PreparedHeadline>();
  private bodies = new Map<Side, PreparedBody>();
  constructor(private readonly idf: StanceIdf) {}
  headline(s: Side): PreparedHeadline {
    let p = this.heads.get(s);
    if (p === undefined) this.heads.set(s, (p = prepareHeadline(s, this.idf)));
    return p;
  }
  body(s: Side): PreparedBody {
    let p = this.bodies.get(s);
    if (p === undefined) this.bodies.set(s, (p = prepareBody(s, this.idf)));
    return p;
  }
}

export function fitStance(examples: readonly StanceExample[], settings: StanceSettings, progress?: StanceProgress): { model: StanceModel; report: StanceFitReport } {
  const t0 = performance.now();
  if (examples.length < 4) throw new RangeError(`need at least 4 labelled pairs to train, got ${examples.length}`);
  const sides = new Set<Side>();
  for (const e of examples) {
    sides.add(e.headline);
    sides.add(e.body);
  }
  const idf = fitIdf([...sides].map((s) => s.ids), settings.idfBits);
  const cache = new StanceCache(idf);
  const X: Float64Array[] = [];
  examples.forEach((e, i) => {
    X.push(features({ idf }, cache.headline(e.headline), cache.body(e.body)).dense);
    if (progress && (i % 5000 === 0 || i === examples.length - 1)) progress('features', i + 1, examples.length);
  });
  const isRelated = Uint8Array.from(examples, (e) => (e.stance === 'unrelated' ? 0 : 1));
  const related = fitGbdt(X, isRelated, 2, settings.related, settings.seed, undefined, (r) => progress?.('related', r, settings.related.rounds));

  const relRows: Float64Array[] = [];
  const relY: number[] = [];
  const relW: number[] = [];
  examples.forEach((e, i) => {
    if (e.stance === 'unrelated') return;
    relRows.push(X[i]!);
    relY.push(STANCES.indexOf(e.stance));
    relW.push(settings.classWeights[e.stance]);
  });
  if (relRows.length === 0) throw new RangeError('need related (agree, disagree or discuss) pairs to train the stance stage');
  const stance = fitGbdt(relRows, relY, 3, settings.stance, settings.seed + 1, relW, (r) => progress?.('stance', r, settings.stance.rounds));
  return {
    model: { settings, idf, related, stance },
    report: { seconds: (performance.now() - t0) / 1000, pairs: examples.length, related: relRows.length },
  };
}

/** Stance of a Doc made from {title: headline, body}. */
export function predictStance(model: StanceModel, doc: Doc): StancePrediction {
  const { headline, body } = stanceSides(doc);
  return predictSides(model, prepareHeadline(headline, model.idf), prepareBody(body, model.idf));
}

/** Stance of prepared sides (for scoring many pairs with a `StanceCache`). */
export function predictSides(model: StanceModel, h: PreparedHeadline, b: PreparedBody): StancePrediction {
  const a = features(model, h, b);
  const pRelated = gbdtProbabilities(model.related, a.dense)[1]!;
  const p3 = gbdtProbabilities(model.stance, a.dense);
  const probabilities: Record<Stance, number> = {
    agree: pRelated * p3[0]!,
    disagree: pRelated * p3[1]!,
    discuss: pRelated * p3[2]!,
    unrelated: 1 - pRelated,
  };
  let stance: Stance = 'unrelated';
  for (const s of STANCES) if (probabilities[s] > probabilities[stance]) stance = s;
  return { stance, probabilities, evidence: evidenceOf(model, h, b, a, stance) };
}

const REFUTE = 1 << CUE_CATEGORIES.indexOf('refute');
const NEGATION = 1 << CUE_CATEGORIES.indexOf('negation');
const HEDGE = 1 << CUE_CATEGORIES.indexOf('hedge');

/**
 * The body sentences most like the headline, each with the role it plays: a close sentence with
 * refuting or negating cues contradicts (or, when the headline itself refutes, supports), one with
 * hedging cues discusses, otherwise it plays the role of the predicted stance.
 */
function evidenceOf(model: StanceModel, h: PreparedHeadline, b: PreparedBody, a: PairAnalysis, stance: Stance): StanceEvidence[] {
  if (stance === 'unrelated') return [];
  const out: StanceEvidence[] = [];
  const headRefutes = (h.cueCounts[CUE_CATEGORIES.indexOf('refute')] ?? 0) > 0;
  const bs = b.side;
  for (let j = 0; j < a.sentenceOrder.length && out.length < model.settings.evidenceSentences; j++) {
    const s = a.sentenceOrder[j]!;
    if (a.sentenceCos[s]! <= 0) break;
    let bits = 0;
    for (let t = bs.sentenceTokens[s]!; t < bs.sentenceTokens[s + 1]!; t++) bits |= b.cues[t]!;
    let role: EvidenceRole = stance === 'agree' ? 'supports' : stance === 'disagree' ? 'contradicts' : 'discusses';
    if (bits & (REFUTE | NEGATION)) role = headRefutes ? 'supports' : 'contradicts';
    else if (bits & HEDGE) role = 'discusses';
    const span = bs.sentenceSpans[s]!;
    out.push({ start: span.start, end: span.end, role });
  }
  return out;
}

export { DENSE_NAMES };
