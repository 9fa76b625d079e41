/** The reliability analyser: calibrated probability, band and exact explanation from the linear model. */
import type { ReliabilitySection } from '../article/report.js';
import type { Doc } from '../text/doc.js';
import { explainReliability } from '../learn/explain.js';
import { bandOf, pUnreliable } from '../learn/reliability.js';
import type { LoadedReliability } from '../learn/reliability-file.js';

export function analyseReliability(doc: Doc, loaded: LoadedReliability): ReliabilitySection {
  const { model, card } = loaded;
  const p = pUnreliable(model, doc);
  const explanation = explainReliability(model, doc);
  return {
    pUnreliable: round(p, 4),
    band: bandOf(model, p),
    model: card.name,
    explanation: {
      features: explanation.features.map((f) => ({ text: f.text, kind: f.kind, weight: round(f.weight, 4), spans: f.spans })),
      sentences: explanation.sentences.map((s) => ({ start: s.start, end: s.end, contribution: round(s.contribution, 4) })),
    },
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
