/**
 * Running the recogniser over labelled sentences: what `ner-eval`, `ner-train`'s held-out figures and
 * the benchmark all use, so every figure comes from the product path (`recogniseEntities` on a Doc).
 */
import { align, spansOf, type AlignedSentence, type IobSentence, type Span } from './data.js';
import type { TrainSentence } from './model.js';
import { recogniseEntities, type LoadedNer } from './ner.js';
import { EntityScore, type NerFigures } from './score.js';

/** The recogniser's entities of an aligned sentence, as spans over its gold tokens. */
export function predictedSpans(a: AlignedSentence, model: LoadedNer): Span[] {
  return recogniseEntities(a.doc, model).map((m) => ({ start: a.goldToken[m.tokenStart]!, end: a.goldToken[m.tokenEnd - 1]! + 1, type: m.type }));
}

export function evaluate(model: LoadedNer, sentences: readonly IobSentence[], onEach?: (done: number) => void): NerFigures & { sentences: number } {
  const score = new EntityScore();
  sentences.forEach((s, i) => {
    if (onEach !== undefined && i % 500 === 0) onEach(i);
    const a = align(s);
    score.add(spansOf(s.tags), predictedSpans(a, model));
  });
  return { ...score.figures(), sentences: score.sentences };
}

/** Training sentences of a labelled sentence: its Doc's sentences with their gold tags. */
export function trainingSentences(s: IobSentence, weight: number): TrainSentence[] {
  const a = align(s);
  const out: TrainSentence[] = [];
  for (const sent of a.doc.sentences) {
    if (sent.tokenEnd <= sent.tokenStart) continue;
    out.push({
      view: { text: a.doc.text, tokens: a.doc.tokens, from: sent.tokenStart, to: sent.tokenEnd, inTitle: sent.inTitle },
      gold: a.gold.slice(sent.tokenStart, sent.tokenEnd),
      weight,
    });
  }
  return out;
}
