/**
 * The two sides of a stance pair read from one Doc: the headline (the title's tokens) and the body (the
 * rest), each as stemmed word forms with their token positions. Masked tokens (URLs, datelines, bylines,
 * boilerplate) and punctuation are left out; numbers are kept. A side can be made once and reused: a
 * body read against many headlines is read once.
 */
import type { Doc } from '../../text/doc.js';
import { hashString } from '../../text/hash.js';
import { stem } from '../../text/stem.js';
import { TokenKind } from '../../text/tokens.js';

/** Common English function words; negations and modal/hedging words are deliberately not in it. */
export const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can did do does doing down during each few for from further had has have having he her here hers herself him himself his ' +
    'how i if in into is it its itself just me more most my myself now of off on once only or other our ours ourselves out over ' +
    'own same she so some such than that the their theirs them themselves then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with you your yours yourself yourselves ' +
    "it's he's she's that's there's i'm you're we're they're i've you've we've they've i'd you'd he'd she'd we'd they'd " +
    "i'll you'll he'll she'll we'll they'll let's us one two also via per s t"
  ).split(' '),
);

export interface Side {
  /** The Doc's text the offsets index. */
  readonly text: string;
  /** Stemmed forms of the kept tokens, in order. */
  readonly stems: readonly string[];
  /** Lower-cased forms (the Doc's `norm`) of the kept tokens. */
  readonly forms: readonly string[];
  /** hashString of each stem. */
  readonly ids: Int32Array;
  /** 1 for a stop word. */
  readonly stop: Uint8Array;
  /** Sentence number (0-based within the side) of each kept token. */
  readonly sentence: Int32Array;
  /** Character spans of the side's sentences (in `text`). */
  readonly sentenceSpans: readonly { start: number; end: number }[];
  /** Kept-token range [from, to) of each sentence. */
  readonly sentenceTokens: Int32Array;
  /** Question marks and quotation marks in the side. */
  readonly questionMarks: number;
  readonly quoteMarks: number;
}

const QUOTES = new Set(['"', '“', '”', "'", '‘', '’', '«', '»']);

/** The headline side (`inTitle` sentences) or the body side of a Doc. */
export function readSide(doc: Doc, which: 'headline' | 'body'): Side {
  const stems: string[] = [];
  const forms: string[] = [];
  const ids: number[] = [];
  const stop: number[] = [];
  const sentence: number[] = [];
  const spans: { start: number; end: number }[] = [];
  const bounds: number[] = [];
  let questionMarks = 0;
  let quoteMarks = 0;
  const { tokens, masked } = doc;
  for (const s of doc.sentences) {
    if (s.inTitle !== (which === 'headline')) continue;
    const sIndex = spans.length;
    spans.push({ start: s.start, end: s.end });
    bounds.push(stems.length);
    for (let t = s.tokenStart; t < s.tokenEnd; t++) {
      const kind = tokens.kind[t];
      const norm = tokens.norm[t]!;
      if (kind === TokenKind.Punct) {
        if (norm === '?') questionMarks++;
        else if (QUOTES.has(norm)) quoteMarks++;
        continue;
      }
      if (masked[t] === 1 || (kind !== TokenKind.Word && kind !== TokenKind.Number)) continue;
      const whole = norm.endsWith('.') && norm.length > 1 ? norm.slice(0, -1) : norm;
      // "Canadian-Israeli", "al-Qaeda": the parts of a hyphenated word are words of their own.
      const parts = kind === TokenKind.Word && whole.includes('-') ? whole.split('-').filter((p) => p !== '') : [whole];
      for (const form of parts) {
        const w = kind === TokenKind.Word ? wordOf(form) : numberOf(form);
        stems.push(w.stem);
        forms.push(form);
        ids.push(w.id);
        stop.push(w.stop);
        sentence.push(sIndex);
      }
    }
  }
  bounds.push(stems.length);
  return {
    text: doc.text,
    stems,
    forms,
    ids: Int32Array.from(ids),
    stop: Uint8Array.from(stop),
    sentence: Int32Array.from(sentence),
    sentenceSpans: spans,
    sentenceTokens: Int32Array.from(bounds),
    questionMarks,
    quoteMarks,
  };
}

interface WordInfo {
  stem: string;
  id: number;
  stop: number;
}

/** Stem, stem hash and stop-word flag of each word form, worked out once per form. */
const WORDS = new Map<string, WordInfo>();
const WORDS_LIMIT = 300_000;

function wordOf(form: string): WordInfo {
  let w = WORDS.get(form);
  if (w === undefined) {
    const st = stem(stripPossessive(form));
    w = { stem: st, id: hashString(st) | 0, stop: STOP_WORDS.has(form) ? 1 : 0 };
    if (WORDS.size < WORDS_LIMIT) WORDS.set(form, w);
  }
  return w;
}

function numberOf(form: string): WordInfo {
  return { stem: form, id: hashString(form) | 0, stop: STOP_WORDS.has(form) ? 1 : 0 };
}

function stripPossessive(w: string): string {
  return w.endsWith("'s") ? w.slice(0, -2) : w;
}
