/**
 * Tokens as a struct of arrays (spaCy's TokenC, without one object per token).
 * Every token is a [start, end) range of the original text.
 */

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
}

// One pass, one alternation, no nested unbounded quantifier that can backtrack (tested on adversarial input).
// Order matters: URL and e-mail before words, so their pieces are never features.
const TOKEN = new RegExp(
  [
    String.raw`(https?:\/\/[^\s<>"'\u201c\u201d]+|www\.[^\s<>"'\u201c\u201d]+)`, // 1 url
    String.raw`([\p{L}\p{N}_+\-]+(?:\.[\p{L}\p{N}_+\-]+)*@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)`, // 2 email
    String.raw`(\p{N}+(?:[.,:/]\p{N}+)*(?:%|st|nd|rd|th|s)?)`, // 3 number
    String.raw`(\p{L}[\p{L}\p{M}\p{N}]*(?:['\u2019\-.][\p{L}\p{M}\p{N}]+)*)`, // 4 word
    String.raw`(\s+)`, // 5 space
    String.raw`([\p{P}])`, // 6 punctuation
    String.raw`([^])`, // 7 anything else, one code unit at a time
  ].join('|'),
  'uy',
);

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
  if (/[^\x00-\x7f]/.test(out)) {
    out = out.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u2010-\u2014]/g, '-').normalize('NFKC');
  }
  return out;
}

export function tokenize(text: string): TokenTable {
  const cap = Math.max(16, text.length >> 2);
  let start: Int32Array<ArrayBuffer> = new Int32Array(cap);
  let end: Int32Array<ArrayBuffer> = new Int32Array(cap);
  let kind = new Uint8Array(cap);
  const norm: string[] = [];
  let n = 0;
  const push = (s: number, e: number, k: TokenKind, form: string): void => {
    if (n === start.length) {
      const grow = start.length * 2;
      start = grow32(start, grow);
      end = grow32(end, grow);
      const k2 = new Uint8Array(grow);
      k2.set(kind);
      kind = k2;
    }
    start[n] = s;
    end[n] = e;
    kind[n] = k;
    norm.push(form);
    n++;
  };

  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text)) !== null) {
    const s = m.index;
    let e = TOKEN.lastIndex;
    if (m[1] !== undefined) {
      // A URL does not own the punctuation that ends the sentence around it.
      while (e > s + 1 && /[.,;:!?)\]]/.test(text[e - 1]!)) e--;
      TOKEN.lastIndex = e;
      push(s, e, TokenKind.Url, text.slice(s, e).toLowerCase());
    } else if (m[2] !== undefined) push(s, e, TokenKind.Email, m[2].toLowerCase());
    else if (m[3] !== undefined) push(s, e, TokenKind.Number, m[3].toLowerCase());
    else if (m[4] !== undefined) {
      const word = m[4];
      // Keep the period of an abbreviation or an initialism ("U.S.", "Dr.", "J."), not a sentence's.
      if (text.charCodeAt(e) === 46 /* . */) {
        const lower = word.toLowerCase();
        if (word.includes('.') || ABBREVIATIONS.has(lower) || (word.length === 1 && isUpper(word))) {
          e++;
          TOKEN.lastIndex = e;
        }
      }
      push(s, e, TokenKind.Word, normalise(text.slice(s, e)));
    } else if (m[5] !== undefined) {
      continue;
    } else if (m[6] !== undefined) push(s, e, TokenKind.Punct, normalise(m[6]));
    else {
      // Keep surrogate pairs (emoji) together.
      const c = text.charCodeAt(s);
      if (c >= 0xd800 && c <= 0xdbff && e < text.length) {
        e++;
        TOKEN.lastIndex = e;
      }
      push(s, e, TokenKind.Symbol, text.slice(s, e));
    }
  }
  return { length: n, start: start.subarray(0, n), end: end.subarray(0, n), kind: kind.subarray(0, n), norm };
}

function grow32(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

export function isUpper(s: string): boolean {
  return s !== s.toLowerCase() && s === s.toUpperCase();
}
