/**
 * Running the recogniser over labelled sentences: what `ner-eval`, `ner-train`'s held-out figures and
 * the benchmark all use, so every figure comes from the product path (`recogniseEntities` on a Doc).
 */
import { align, groupSentences, type AlignedSentence, type IobSentence, type Span } from './data.js';
import { sentenceViews } from './features.js';
import type { TrainSentence } from './model.js';
import { recogniseEntities, type LoadedNer } from './ner.js';
import { EntityScore, type NerFigures } from './score.js';

/** The recogniser's entities of an aligned sentence, as spans over its gold tokens. */
export function predictedSpans(a: AlignedSentence, model: LoadedNer): Span[] {
  return recogniseEntities(a.doc, model).map((m) => ({ start: a.goldToken[m.tokenStart]!, end: a.goldToken[m.tokenEnd - 1]! + 1, type: m.type }));
}

/** Scores the recogniser on labelled sentences; an article's sentences (same "doc", or "id" before "#") are read as one Doc. */
export function evaluate(model: LoadedNer, sentences: readonly IobSentence[], onEach?: (done: number) => void): NerFigures & { sentences: number } {
  const score = new EntityScore();
  let done = 0;
  for (const g of groupSentences(sentences)) {
    if (onEach !== undefined) onEach(done);
    done += g.length;
    const a = align(g);
    score.add(a.spans, predictedSpans(a, model));
  }
  return { ...score.figures(), sentences: done };
}

/** Training sentences of an article's labelled sentences: its Doc's sentences with their gold tags. */
export function trainingSentences(s: IobSentence | readonly IobSentence[], weight: number): TrainSentence[] {
  const a = align(s);
  const out: TrainSentence[] = [];
  for (const view of sentenceViews(a.doc.text, a.doc.tokens, a.doc.sentences)) {
    if (view.to <= view.from) continue;
    out.push({ view, gold: a.gold.slice(view.from, view.to), weight });
  }
  return out;
}
