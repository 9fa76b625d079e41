/**
 * The headline analyser: does the body back its own headline? The FNC-1 stance of the body towards the
 * title, with the body sentences that bear most on it. Articles without a title or a body get no section.
 */
import type { HeadlineSection } from '../article/report.js';
import { STANCES } from '../article/stance.js';
import type { Doc } from '../text/doc.js';
import type { LoadedStance } from '../learn/stance/file.js';
import { predictStance } from '../learn/stance/model.js';

export function analyseHeadline(doc: Doc, loaded: LoadedStance): HeadlineSection | undefined {
  if (!hasWords(doc, true) || !hasWords(doc, false)) return undefined;
  const p = predictStance(loaded.model, doc);
  return {
    stance: p.stance,
    probabilities: Object.fromEntries(STANCES.map((s) => [s, round4(p.probabilities[s])])) as HeadlineSection['probabilities'],
    evidence: p.evidence.map((e) => ({ start: e.start, end: e.end, role: e.role })),
    model: loaded.card.name,
  };
}

/** Whether the title (or the body) has a sentence with a token in it. */
function hasWords(doc: Doc, title: boolean): boolean {
  return doc.sentences.some((s) => s.inTitle === title && s.tokenEnd > s.tokenStart);
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
