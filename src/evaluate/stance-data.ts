/**
 * FNC-1 pairs as stance examples: every body and every distinct headline read once (one Doc each, as
 * `credence analyze` reads an article), its side shared by all the pairs that name it. This is what
 * `credence stance train` fits on and `credence stance eval` scores, so both read text the same way.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { makeDoc } from '../text/doc.js';
import { readSide, type Side } from '../learn/stance/text.js';
import { predictSides, StanceCache, type StanceExample, type StanceModel } from '../learn/stance/model.js';
import type { Fnc1Data, StancePair } from './fnc1.js';
import { STANCE_INDEX, STANCES, type Stance } from './stance-metrics.js';

export interface StanceSides {
  /** Body id → its side (only bodies some pair names). */
  bodies: Map<string, Side>;
  /** Headline text → its side. */
  headlines: Map<string, Side>;
}

/** The side of every body and headline the pairs use, each read once. */
export function readStanceSides(data: Fnc1Data, progress?: (done: number, total: number) => void): StanceSides {
  const bodies = new Map<string, Side>();
  const headlines = new Map<string, Side>();
  const total = data.pairs.length;
  data.pairs.forEach((p, i) => {
    if (!bodies.has(p.bodyId)) bodies.set(p.bodyId, readSide(makeDoc({ title: '', body: data.bodies.get(p.bodyId) ?? '' }), 'body'));
    if (!headlines.has(p.headline)) headlines.set(p.headline, readSide(makeDoc({ title: p.headline, body: '' }), 'headline'));
    if (progress !== undefined && (i % 2000 === 0 || i === total - 1)) progress(i + 1, total);
  });
  return { bodies, headlines };
}

/** Labelled pairs as examples over shared sides (pairs without a gold stance are left out). */
export function stanceExamples(pairs: readonly StancePair[], sides: StanceSides): StanceExample[] {
  const out: StanceExample[] = [];
  for (const p of pairs) {
    if (p.stance === undefined) continue;
    out.push({ headline: sides.headlines.get(p.headline)!, body: sides.bodies.get(p.bodyId)!, stance: p.stance });
  }
  return out;
}

/** Pairs per gold stance. */
export function stanceCounts(pairs: readonly { stance?: Stance }[]): Record<Stance, number> {
  const c = Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
  for (const p of pairs) if (p.stance !== undefined) c[p.stance]++;
  return c;
}

/** SHA-256 of a file's bytes (as stored, gzipped or not). */
export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Gold and predicted stance indices of labelled examples, each side prepared once (`StanceCache`). */
export function scoreExamples(
  model: StanceModel,
  examples: readonly StanceExample[],
  progress?: (done: number, total: number) => void,
): { gold: Int32Array; pred: Int32Array } {
  const cache = new StanceCache(model);
  const gold = new Int32Array(examples.length);
  const pred = new Int32Array(examples.length);
  examples.forEach((e, i) => {
    gold[i] = STANCE_INDEX[e.stance];
    pred[i] = STANCE_INDEX[predictSides(model, cache.headline(e.headline), cache.body(e.body)).stance];
    if (progress !== undefined && (i % 1000 === 0 || i === examples.length - 1)) progress(i + 1, examples.length);
  });
  return { gold, pred };
}
