/**
 * Sentence boundaries over a token table. Rules, not a model: a paragraph break always ends a sentence;
 * terminal punctuation (with any closing quotes or brackets after it) ends one when the next token can
 * start one; abbreviations do not, unless a common sentence opener follows them.
 */
import { ABBREVIATIONS, TokenKind, type TokenTable } from './tokens.js';

export interface SentenceBounds {
  /** Character offsets into the text. */
  start: number;
  end: number;
  /** Token index range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
}

const TERMINAL = new Set(['.', '!', '?', '…', '‽', '。', '।', '؟', '۔']);
/** Full-width marks (Chinese, Japanese) end a sentence with no space after them. */
const UNSPACED_TERMINAL = new Set(['。', '！', '？', '｡']);
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»', '›', '」', '』']);
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '«', '‹', '-', '—', '–', '•', '*']);
const SENTENCE_OPENERS = new Set(
  'the a an he she it they we i you his her its their our this that these those but and so yet or in on at for with as if when while after before since there here what who why how many some one two no not mr mrs ms dr'.split(
    ' ',
  ),
);
const TITLE_ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm maj gov sen rep rev hon pres supt insp vs'.split(' '),
);
/** "No. 5", "Nos. 3 and 4": abbreviations only before a number; "He said no. Then …" ends a sentence. */
const NUMBER_ABBREVIATIONS = new Set(['no', 'nos']);

/** Split `text[from, to)`, whose tokens are `[tokFrom, tokTo)`, into sentences. */
export function splitSentences(
  text: string,
  tokens: TokenTable,
  tokFrom: number,
  tokTo: number,
): SentenceBounds[] {
  const out: SentenceBounds[] = [];
  let sentStart = tokFrom;
  const close = (endTok: number): void => {
    if (endTok > sentStart) {
      out.push({
        start: tokens.start[sentStart]!,
        end: tokens.end[endTok - 1]!,
        tokenStart: sentStart,
        tokenEnd: endTok,
      });
    }
    sentStart = endTok;
  };

  for (let i = tokFrom; i < tokTo; i++) {
    const next = i + 1;
    if (next >= tokTo) break;
    // Paragraph break or line break between this token and the next.
    const gap = lineBreaksBetween(text, tokens.end[i]!, tokens.start[next]!);
    if (gap >= 2 || (gap === 1 && !continuesLine(text, tokens, i, next))) {
      close(next);
      continue;
    }
    const form = tokens.norm[i]!;
    const isTerminal = tokens.kind[i] === TokenKind.Punct && TERMINAL.has(form);
    const isAbbrev = tokens.kind[i] === TokenKind.Word && form.endsWith('.');
    if (!isTerminal && !isAbbrev) continue;
    // Absorb runs of terminal marks and closing quotes/brackets: `?!"` or `."`.
    let j = i;
    while (j + 1 < tokTo && tokens.kind[j + 1] === TokenKind.Punct && tokens.start[j + 1] === tokens.end[j]) {
      const f = tokens.norm[j + 1]!;
      if (!TERMINAL.has(f) && !CLOSERS.has(f) && f !== "'") break;
      j++;
    }
    const after = j + 1;
    if (after >= tokTo) break;
    // Every mark of the run [i, j] would reach this same verdict: skip them, or a long run costs O(n²).
    // "。次" ends a sentence; "。」と" (a quotation the sentence goes on after) does not.
    const fullWidthEnd = UNSPACED_TERMINAL.has(text[tokens.start[i]!]!) && TERMINAL.has(tokens.norm[j]!);
    const unspaced = tokens.start[after] === tokens.end[j] && !fullWidthEnd;
    if (unspaced || !canStart(text, tokens, after)) {
      // no space ("3.5", "U.S.-funded"), or the next token cannot start a sentence
      i = j;
      continue;
    }
    if (isAbbrev && !isTerminal && j === i) {
      const bare = form.slice(0, -1);
      if (NUMBER_ABBREVIATIONS.has(bare)) {
        if (tokens.kind[after] === TokenKind.Number) continue;
      } else if (TITLE_ABBREVIATIONS.has(bare)) continue;
      else if (ABBREVIATIONS.has(bare) || bare.length === 1 || bare.includes('.')) {
        if (!SENTENCE_OPENERS.has(tokens.norm[after]!)) continue;
      }
    }
    close(after);
    i = j;
  }
  close(tokTo);
  return out;
}

function lineBreaksBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) n++;
  return n;
}

/** A single line break inside a sentence (hard-wrapped text) does not end it. */
function continuesLine(text: string, tokens: TokenTable, prev: number, next: number): boolean {
  const p = tokens.norm[prev]!;
  if (tokens.kind[prev] === TokenKind.Punct && (TERMINAL.has(p) || CLOSERS.has(p) || p === ':')) return false;
  const first = text.charCodeAt(tokens.start[next]!);
  const lowerNext = first >= 97 && first <= 122;
  return lowerNext || p === ',' || (tokens.kind[prev] === TokenKind.Word && tokens.kind[next] === TokenKind.Word && lowerNext);
}

function canStart(text: string, tokens: TokenTable, t: number): boolean {
  const k = tokens.kind[t];
  if (k === TokenKind.Number || k === TokenKind.Symbol) return true;
  const s = text[tokens.start[t]!]!;
  if (k === TokenKind.Punct) return OPENERS.has(s);
  if (k === TokenKind.Url || k === TokenKind.Email) return true;
  return s !== s.toLowerCase() || s === s.toUpperCase(); // upper case, or a script without case
}
