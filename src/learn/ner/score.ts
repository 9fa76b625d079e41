/**
 * Entity-level scoring, as CoNLL's conlleval counts it: a predicted entity is right only when its span
 * and its type both equal a gold entity's. The overall figures are over PER, ORG and LOC (the types
 * news readers ask for); MISC is scored apart.
 */
import type { EntityType } from '../../article/entity.js';
import type { Span } from './data.js';

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface NerFigures extends PRF {
  perType: Record<EntityType, PRF & { gold: number; predicted: number }>;
}

const SCORED: readonly EntityType[] = ['PER', 'ORG', 'LOC', 'MISC'];
const OVERALL: ReadonlySet<EntityType> = new Set(['PER', 'ORG', 'LOC']);

export class EntityScore {
  private readonly counts = new Map<EntityType, Counts>(SCORED.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  sentences = 0;

  /** Adds one sentence's gold and predicted entities (spans over the same tokens). */
  add(gold: readonly Span[], predicted: readonly Span[]): void {
    this.sentences++;
    const key = (s: Span): string => `${s.start}:${s.end}:${s.type}`;
    const g = new Set(gold.map(key));
    const p = new Set(predicted.map(key));
    for (const s of predicted) {
      const c = this.counts.get(s.type)!;
      if (g.has(key(s))) c.tp++;
      else c.fp++;
    }
    for (const s of gold) if (!p.has(key(s))) this.counts.get(s.type)!.fn++;
  }

  figures(): NerFigures {
    const all: Counts = { tp: 0, fp: 0, fn: 0 };
    const perType = {} as NerFigures['perType'];
    for (const t of SCORED) {
      const c = this.counts.get(t)!;
      perType[t] = { ...prf(c), gold: c.tp + c.fn, predicted: c.tp + c.fp };
      if (OVERALL.has(t)) {
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn += c.fn;
      }
    }
    return { ...prf(all), perType };
  }
}

export function prf(c: Counts): PRF {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
