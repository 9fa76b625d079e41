/**
 * Where the text is inside quotation marks. One left-to-right pass over the characters, so its time is
 * linear in the text whatever the marks (10,000 quotation marks in a row, a quote that never closes).
 *
 * News conventions it follows: curly marks say which way they face; a straight mark opens after a space or
 * an opening bracket and closes otherwise; a quote that runs over several paragraphs leaves each paragraph
 * open and reopens the next one with an opening mark; single marks quote only at the top level and only
 * when they close in the same paragraph (so apostrophes stay apostrophes).
 */

export interface QuoteSpan {
  /** The quoted words, without the marks: [start, end) offsets into the text. */
  start: number;
  end: number;
  /** Where the opening mark is, and where the closing mark ends (the end of the words when unclosed). */
  openAt: number;
  closeEnd: number;
  /** False when the paragraph (or the text) ended before a closing mark. */
  closed: boolean;
  /** The quote runs over more than one paragraph. */
  paragraphs: number;
  single: boolean;
}

const enum Face {
  Open,
  Close,
  Either,
}

function doubleFace(c: number): Face | null {
  switch (c) {
    case 0x201c: // “
    case 0x201e: // „
    case 0x00ab: // «
    case 0x300c: // 「
    case 0x300e: // 『
      return Face.Open;
    case 0x201d: // ”
    case 0x00bb: // »
    case 0x300d: // 」
    case 0x300f: // 』
      return Face.Close;
    case 0x22: // "
    case 0x201f: // ‟
      return Face.Either;
    default:
      return null;
  }
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
const isNewline = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2029;
/** Characters after which a straight mark opens a quote. */
const isOpeningContext = (c: number): boolean =>
  isSpace(c) || c === 0x28 || c === 0x5b || c === 0x7b || c === 0x2014 || c === 0x2013 || c === 0x2d || c === 0x3a || c === 0x2f || c === 0x201c || c === 0x2018;
const isLetter = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x1fff) || c >= 0x3040;
const isAlnum = (c: number): boolean => isLetter(c) || (c >= 0x30 && c <= 0x39);

/** Trim spaces (and newlines) inside [s, e). */
function trimmed(text: string, s: number, e: number): [number, number] {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return [s, e];
}

/** The quoted spans of `text[from, to)`, in order, not nested (a quote inside a quote is part of it). */
export function findQuoteSpans(text: string, from = 0, to = text.length): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1; // offset of the open double mark, or -1
  let openCode = 0;
  let wordsStart = 0;
  let paragraphs = 1;
  let pendingBreak = -1; // where the current paragraph ended while a quote was open
  let single = -1; // offset of an open top-level single mark
  let singleStraight = false;
  let singleBreak = -1; // where the paragraph ended while a single-quoted passage was open
  let singleParagraphs = 1;

  const emit = (openAt: number, s: number, e: number, closeEnd: number, closed: boolean, paras: number, isSingle: boolean): void => {
    const [a, b] = trimmed(text, s, e);
    if (b <= a) return;
    // Nothing but marks and punctuation inside: not a quote.
    let words = false;
    for (let k = a; k < b && !words; k++) words = isAlnum(text.charCodeAt(k));
    if (words) out.push({ start: a, end: b, openAt, closeEnd, closed, paragraphs: paras, single: isSingle });
  };

  let lastSpace = -1; // the latest whitespace seen, so a closing single mark knows at once whether words came between
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) lastSpace = i;
    if (isNewline(c)) {
      if (single >= 0 && singleBreak < 0) singleBreak = i;
      if (open >= 0 && pendingBreak < 0) pendingBreak = i;
      continue;
    }
    if (singleBreak >= 0 && !isSpace(c)) {
      // A single-quoted passage over paragraphs (British style) reopens each paragraph with ‘; anything
      // else means the first mark was no quote.
      if (c === 0x2018 || (c === 0x27 && singleStraight)) {
        singleBreak = -1;
        singleParagraphs++;
        continue;
      }
      single = -1;
      singleBreak = -1;
    }
    if (pendingBreak >= 0 && !isSpace(c)) {
      // First character of a new paragraph while a quote is open: an opening mark continues the quote.
      const f = doubleFace(c);
      if (f === Face.Open || f === Face.Either) {
        paragraphs++;
        pendingBreak = -1;
        continue;
      }
      emit(open, wordsStart, pendingBreak, pendingBreak, false, paragraphs, false);
      open = -1;
      pendingBreak = -1;
    }
    const face = doubleFace(c);
    if (face !== null) {
      const prev = i > from ? text.charCodeAt(i - 1) : 0x20;
      const next = i + 1 < to ? text.charCodeAt(i + 1) : 0x20;
      if (open < 0) {
        const opens = face === Face.Open || (face === Face.Either && (isOpeningContext(prev) || !isAlnum(prev)) && !isSpace(next));
        if (opens) {
          open = i;
          openCode = c;
          wordsStart = i + 1;
          paragraphs = 1;
          single = -1;
        }
        continue;
      }
      // A quote is open: a closing mark, or a straight mark that is not plainly opening, closes it;
      // German „…“ closes with the mark others open with.
      const closes =
        face === Face.Close ||
        (face === Face.Either && !(isSpace(prev) && !isSpace(next))) ||
        (face === Face.Open && openCode === 0x201e && c === 0x201c);
      if (closes) {
        emit(open, wordsStart, i, i + 1, true, paragraphs, false);
        open = -1;
        continue;
      }
      if (face === Face.Open || face === Face.Either) {
        // An opening mark inside an open quote in the same paragraph: the first one never closed.
        emit(open, wordsStart, i, i, false, paragraphs, false);
        open = i;
        openCode = c;
        wordsStart = i + 1;
        paragraphs = 1;
      }
      continue;
    }
    if (open >= 0) continue;
    // Top-level single marks: ‘…’ or '…' that open before a letter and close after a word, same paragraph.
    if (c === 0x2018 || c === 0x27 || c === 0x2019) {
      const prev = i > from ? text.charCodeAt(i - 1) : 0x20;
      const next = i + 1 < to ? text.charCodeAt(i + 1) : 0x20;
      if (single < 0) {
        if ((c === 0x2018 || c === 0x27) && (isOpeningContext(prev) || i === from) && isLetter(next)) {
          single = i;
          singleStraight = c === 0x27;
          singleParagraphs = 1;
        }
      } else if ((c === 0x2019 || (c === 0x27 && singleStraight)) && !isSpace(prev) && !isAlnum(next)) {
        // "officers’ union": a closing mark followed by a space then a lower-case word is a possessive
        // only when the quote would be a single word; require two words to call it a quote.
        if (lastSpace > single) {
          emit(single, single + 1, i, i + 1, true, singleParagraphs, true);
          single = -1;
        }
      }
    }
  }
  if (open >= 0) {
    const end = pendingBreak >= 0 ? pendingBreak : to;
    emit(open, wordsStart, end, end, false, paragraphs, false);
  }
  return out;
}
