/**
 * Tokens as a struct of arrays (spaCy's TokenC, without one object per token).
 * Every token is a [start, end) range of the original text.
 */
import { asciiHash, LEXICON } from './lexicon.js';

export const enum TokenKind {
  Word = 0,
  Number = 1,
  Punct = 2,
  Url = 3,
  Email = 4,
  Symbol = 5,
}

export interface TokenTable {
  readonly length: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly kind: Uint8Array;
  /** Lower-cased, typographic apostrophes and dashes folded: the form features are made from. */
  readonly norm: readonly string[];
  /** Each token's form as an id in the process's lexicon (`LEXICON`) of `lexiconGeneration`; -1 for URLs and e-mails. */
  readonly ids: Int32Array;
  readonly lexiconGeneration: number;
}

/** Words that keep their final period ("Mr.", "Jan.", "e.g."). */
export const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm maj gov sen rep rev hon pres supt insp ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'inc ltd co corp bros dept univ assn est approx vs etc al fig no nos vol pp ed eds ave blvd rd hwy ' +
    'ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev ' +
    'okla ore pa tenn tex va vt wash wis wyo'
  ).split(' '),
);

function normalise(s: string): string {
  let out = s.toLowerCase();
  if (!isAscii(out)) {
    out = out.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u2010-\u2014]/g, '-').normalize('NFKC');
  }
  return out;
}

export function tokenize(text: string): TokenTable {
  const len = text.length;
  const cap = Math.max(16, len >> 2);
  let start: Int32Array<ArrayBuffer> = new Int32Array(cap);
  let end: Int32Array<ArrayBuffer> = new Int32Array(cap);
  let ids: Int32Array<ArrayBuffer> = new Int32Array(cap);
  let kind = new Uint8Array(cap);
  const norm: string[] = [];
  let n = 0;
  LEXICON.trim();
  const reserve = (): void => {
    if (n < start.length) return;
    const grow = start.length * 2;
    start = grow32(start, grow);
    end = grow32(end, grow);
    ids = grow32(ids, grow);
    const k2 = new Uint8Array(grow);
    k2.set(kind);
    kind = k2;
  };
  const push = (s: number, e: number, k: TokenKind, form: string): void => {
    reserve();
    start[n] = s;
    end[n] = e;
    kind[n] = k;
    ids[n] = -1;
    norm.push(form);
    n++;
  };
  /** A token whose form is its lower-cased, folded text: found in (or added to) the lexicon. */
  const pushLexical = (s: number, e: number, k: TokenKind): void => {
    reserve();
    const h = asciiHash(text, s, e);
    const id = h !== null ? LEXICON.asciiIdHashed(text, s, e, h) : LEXICON.id(normalise(text.slice(s, e)));
    start[n] = s;
    end[n] = e;
    kind[n] = k;
    ids[n] = id;
    norm.push(LEXICON.form(id));
    n++;
  };

  // Most articles have no URL and no e-mail address: then no word start needs the scans for them.
  const mayHaveUrl = MAY_HAVE_URL.test(text);
  const mayHaveEmail = text.includes('@');
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    const cls = charClass(c);
    if (cls === SPACE) {
      i++;
      continue;
    }
    if ((mayHaveUrl || mayHaveEmail) && (cls === LETTER || cls === DIGIT)) {
      const url = mayHaveUrl ? urlEnd(text, i) : i;
      if (url > i) {
        push(i, url, TokenKind.Url, text.slice(i, url).toLowerCase());
        i = url;
        continue;
      }
      const email = mayHaveEmail && mayBeEmail(text, i) ? emailEnd(text, i) : i;
      if (email > i) {
        push(i, email, TokenKind.Email, text.slice(i, email).toLowerCase());
        i = email;
        continue;
      }
    }
    if (cls === DIGIT) {
      const e = numberEnd(text, i);
      pushLexical(i, e, TokenKind.Number);
      i = e;
      continue;
    }
    if (cls === LETTER) {
      let e = wordEnd(text, i);
      // Keep the period of an abbreviation or an initialism ("U.S.", "Dr.", "J."), not a sentence's.
      if (text.charCodeAt(e) === 46 /* . */) {
        const word = text.slice(i, e);
        if (word.includes('.') || (word.length === 1 && isUpper(word)) || ABBREVIATIONS.has(word.toLowerCase())) e++;
      }
      pushLexical(i, e, TokenKind.Word);
      i = e;
      continue;
    }
    // Punctuation, symbols, emoji: one character (a surrogate pair stays whole).
    let e = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && e < len) e++;
    if (cls === PUNCT) pushLexical(i, e, TokenKind.Punct);
    else {
      push(i, e, TokenKind.Symbol, text.slice(i, e));
      ids[n - 1] = LEXICON.id(norm[n - 1]!);
    }
    i = e;
  }
  return {
    length: n,
    start: start.subarray(0, n),
    end: end.subarray(0, n),
    kind: kind.subarray(0, n),
    norm,
    ids: ids.subarray(0, n),
    lexiconGeneration: LEXICON.generation,
  };
}

const SPACE = 1;
const LETTER = 2;
const DIGIT = 3;
const PUNCT = 4;
const OTHER = 5;

const classCache = new Uint8Array(65536);
const LETTER_RE = /[\p{L}\p{M}]/u;
const DIGIT_RE = /\p{N}/u;
const SPACE_RE = /\s/u;
const PUNCT_RE = /\p{P}/u;

function charClass(c: number): number {
  let k = classCache[c]!;
  if (k !== 0) return k;
  if (c >= 0xd800 && c <= 0xdfff) k = OTHER;
  else {
    const ch = String.fromCharCode(c);
    k = SPACE_RE.test(ch) ? SPACE : LETTER_RE.test(ch) ? LETTER : DIGIT_RE.test(ch) ? DIGIT : PUNCT_RE.test(ch) ? PUNCT : OTHER;
  }
  classCache[c] = k;
  return k;
}

function isWordChar(c: number): boolean {
  const k = charClass(c);
  return k === LETTER || k === DIGIT;
}

/** Letters and digits, joined by single apostrophes, hyphens (also U+2010, U+2011) or periods ("don't", "COVID-19", "U.S"). */
function wordEnd(text: string, i: number): number {
  const len = text.length;
  let e = i + 1;
  for (;;) {
    while (e < len && isWordChar(text.charCodeAt(e))) e++;
    const j = text.charCodeAt(e);
    if ((j === 39 || j === 0x2019 || j === 45 || j === 0x2010 || j === 0x2011 || j === 46) && e + 1 < len && isWordChar(text.charCodeAt(e + 1))) {
      e += 2;
      continue;
    }
    return e;
  }
}

/** Digits joined by , . : / ("3.5", "1,000", "9/11"), then an optional % or ordinal/plural suffix. */
function numberEnd(text: string, i: number): number {
  const len = text.length;
  let e = i + 1;
  for (;;) {
    while (e < len && charClass(text.charCodeAt(e)) === DIGIT) e++;
    const j = text.charCodeAt(e);
    if ((j === 44 || j === 46 || j === 58 || j === 47) && e + 1 < len && charClass(text.charCodeAt(e + 1)) === DIGIT) {
      e += 2;
      continue;
    }
    break;
  }
  if (text.charCodeAt(e) === 37 /* % */) return e + 1;
  const two = text.slice(e, e + 2).toLowerCase();
  if ((two === 'st' || two === 'nd' || two === 'rd' || two === 'th') && !isWordChar(text.charCodeAt(e + 2))) return e + 2;
  if ((text.charCodeAt(e) | 32) === 115 /* s */ && !isWordChar(text.charCodeAt(e + 1))) return e + 1;
  return e;
}

const MAY_HAVE_URL = /https?:\/\/|www\./i;
const URL_STOP = /[\s<>"'\u201c\u201d\u2018\u2019]/;

function urlEnd(text: string, i: number): number {
  const c = text.charCodeAt(i) | 32;
  if (c !== 104 /* h */ && c !== 119 /* w */) return i;
  const head = text.slice(i, i + 8).toLowerCase();
  if (!head.startsWith('http://') && !head.startsWith('https://') && !head.startsWith('www.')) return i;
  let e = i + 4;
  while (e < text.length && !URL_STOP.test(text[e]!)) e++;
  // A URL does not own the punctuation that ends the sentence around it, nor a bracket it did not open
  // ("(see https://example.org/a_(b))" keeps "a_(b)").
  let round = 0;
  let square = 0;
  for (let k = i; k < e; k++) {
    const ch = text[k];
    if (ch === '(') round++;
    else if (ch === ')') round--;
    else if (ch === '[') square++;
    else if (ch === ']') square--;
  }
  while (e > i + 1) {
    const last = text[e - 1]!;
    if ('.,;:!?'.includes(last)) e--;
    else if (last === ')' && round < 0) {
      round++;
      e--;
    } else if (last === ']' && square < 0) {
      square++;
      e--;
    } else break;
  }
  return e;
}

/** Cheap test before the real scan: an e-mail's local part reaches an "@" within 64 characters. */
function mayBeEmail(text: string, i: number): boolean {
  const limit = Math.min(text.length, i + 64);
  for (let e = i; e < limit; e++) {
    const c = text.charCodeAt(e);
    if (c === 64) return e > i;
    if (!isLocalPart(c)) return false;
  }
  return false;
}

function isLocalPart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45
  );
}

const LOCAL_PART = /[A-Za-z0-9._%+\-]/;
const DOMAIN = /^@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+/;

function emailEnd(text: string, i: number): number {
  let e = i;
  const limit = Math.min(text.length, i + 64);
  while (e < limit && LOCAL_PART.test(text[e]!)) e++;
  if (text.charCodeAt(e) !== 64 /* @ */ || e === i) return i;
  const m = DOMAIN.exec(text.slice(e, e + 256));
  if (m === null) return i;
  let end = e + m[0].length;
  while (text.charCodeAt(end - 1) === 46) end--;
  return end;
}

function grow32(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

export function isUpper(s: string): boolean {
  return s !== s.toLowerCase() && s === s.toUpperCase();
}
