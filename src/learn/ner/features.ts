/**
 * The entity recogniser's features. Every feature is a row of a hashed weight table (one weight per tag
 * in the row), computed by mixing integers: the token's form hash from the lexicon, its letter-case
 * class, its induced facts (cluster, capitalisation rate, cues) and list flags, and its position.
 *
 * Most features depend only on one token (its form and case) and where it sits relative to the token
 * being tagged (offset −2…+2): they are "local" and their summed weights are cached per (form, case,
 * offset), so tagging costs a handful of cache reads per token. The rest depend on the sentence
 * (first word, headline, the neighbouring pair of forms) and are looked up each time.
 */
import { LEXICON } from '../../text/lexicon.js';
import { fmix, hashString } from '../../text/hash.js';
import { TokenKind, type TokenTable } from '../../text/tokens.js';
import { listFlags, ListFlag } from './lists.js';
import { infoCap, infoCluster, infoCues, infoType, lookupInfo, type WordInfo } from './wordinfo.js';

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Tag = (typeof TAGS)[number];
export const T = TAGS.length;
export const TAG_INDEX: ReadonlyMap<string, number> = new Map(TAGS.map((t, i) => [t, i]));

/** How far on each side a token's local features reach. */
export const WINDOW = 2;
export const OFFSETS = 2 * WINDOW + 1;

/** Letter-case classes. */
export const enum Case {
  Lower = 0,
  Title = 1,
  Upper = 2,
  Initial = 3,
  Mixed = 4,
  Number = 5,
  Punct = 6,
  Other = 7,
}
export const CASES = 8;

export function caseOf(text: string, start: number, end: number, kind: number): number {
  if (kind === TokenKind.Number) return Case.Number;
  if (kind === TokenKind.Punct) return Case.Punct;
  if (kind !== TokenKind.Word) return Case.Other;
  let upper = 0;
  let lower = 0;
  let letters = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      letters++;
    } else if (c >= 97 && c <= 122) {
      lower++;
      letters++;
    } else if (c > 127) {
      const ch = text[i]!;
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      if (lo !== up) {
        letters++;
        if (ch === up) upper++;
        else lower++;
      }
    }
  }
  if (letters === 0) return Case.Other;
  const first = text[start]!;
  const firstUpper = first !== first.toLowerCase() && first === first.toUpperCase();
  if (firstUpper) {
    if (upper === 1 && letters === 1) return Case.Initial;
    if (lower === 0) return Case.Upper;
    return Case.Title;
  }
  return upper > 0 ? Case.Mixed : Case.Lower;
}

export const isCapital = (c: number): boolean => c === Case.Title || c === Case.Upper || c === Case.Initial;

/** Feature templates. */
const enum F {
  Word = 1,
  Case,
  WordCase,
  Suffix3,
  Suffix2,
  Prefix3,
  Cluster,
  ClusterCase,
  CapRate,
  Cue,
  List,
  Length,
  Punctuation,
  Bias,
  Pad,
  First,
  FirstCap,
  Headline,
  HeadlineCap,
  Pair,
  CaseTrigram,
  PrevWordCase,
  DocCase,
  TypeShare,
}

function mix(template: number, offset: number, value: number): number {
  return fmix(Math.imul(template * 16 + offset + 7, 0x9e3779b1) ^ fmix(value ^ 0x5bd1e995));
}

/** The facts about one token form that local features use (computed once per form and case). */
export interface TokenFacts {
  wordHash: number;
  caseClass: number;
  info: number;
  list: number;
  form: string;
}

export function tokenFacts(id: number, caseClass: number, words: WordInfo): TokenFacts {
  if (id < 0) return { wordHash: 0x3c6ef372, caseClass, info: 0, list: 0, form: '' };
  const wordHash = LEXICON.wordHash[id]!;
  const form = LEXICON.form(id);
  return { wordHash, caseClass, info: lookupInfo(words, wordHash), list: listFlags(form), form };
}

/**
 * The local features of a token seen from `offset` tokens away (offset = its position minus the
 * tagged token's), as unmasked hashes; the model masks them to its table size.
 */
export function localFeatures(f: TokenFacts, offset: number, out: number[]): void {
  const r = offset + WINDOW;
  const cls = f.caseClass;
  const cap = isCapital(cls) ? 1 : 0;
  out.push(mix(F.Word, r, f.wordHash));
  out.push(mix(F.Case, r, cls));
  const cluster = infoCluster(f.info);
  if (cluster >= 0) out.push(mix(F.ClusterCase, r, cluster * 8 + cls));
  out.push(mix(F.CapRate, r, infoCap(f.info) * 8 + cls));
  let cues = infoCues(f.info);
  for (let b = 0; cues !== 0; b++, cues >>>= 1) if ((cues & 1) !== 0) out.push(mix(F.Cue, r, b * 2 + cap));
  let list = f.list;
  for (let b = 0; list !== 0; b++, list >>>= 1) if ((list & 1) !== 0) out.push(mix(F.List, r, b * 2 + cap));
  if (offset >= -1 && offset <= 1) {
    if (f.info >>> 18 !== 0) {
      for (let t = 0; t < 4; t++) {
        const b = infoType(f.info, t);
        if (b !== 0) out.push(mix(F.TypeShare, r, (t * 4 + b) * 2 + cap));
      }
    }
    out.push(mix(F.WordCase, r, f.wordHash ^ Math.imul(cls + 1, 0x27d4eb2d)));
    if (cluster >= 0) out.push(mix(F.Cluster, r, cluster));
  }
  if (offset === 0) {
    out.push(mix(F.Bias, r, 0));
    const form = f.form;
    const n = form.length;
    if (n >= 4) {
      out.push(mix(F.Suffix3, r, hashString(form.slice(n - 3)) * 8 + cls));
      out.push(mix(F.Prefix3, r, hashString(form.slice(0, 3)) * 8 + cls));
    }
    if (n >= 3) out.push(mix(F.Suffix2, r, hashString(form.slice(n - 2))));
    out.push(mix(F.Length, r, Math.min(n, 12) * 8 + cls));
    let p = 0;
    if (form.includes('-')) p |= 1;
    if (form.includes('.')) p |= 2;
    if (form.includes("'")) p |= 4;
    if (/\d/.test(form)) p |= 8;
    if (p !== 0) out.push(mix(F.Punctuation, r, p * 8 + cls));
  }
}

/** A sentence to tag: tokens [from, to) of a token table over `text`, with what its document says. */
export interface SentenceView {
  text: string;
  tokens: TokenTable;
  from: number;
  to: number;
  inTitle: boolean;
  /** Title Case or capitals throughout (a headline, or a body line written like one). */
  headline: boolean;
  /** Case class of every token of the table. */
  cases: Uint8Array;
  /** Per token of the table: how its form is written elsewhere in the document (see `sentenceViews`). */
  docCase: Uint8Array;
}

let stamp = new Int32Array(0);
let capCount = new Int32Array(0);
let lowerCount = new Int32Array(0);
let stampNow = 0;

/**
 * The sentences of a document ready to tag: every token's case class, whether each sentence reads as a
 * headline, and for every token how the same form is written elsewhere in the document (bit 1: capitalised
 * inside a body sentence, not first, not in a headline; bit 2: lower-case somewhere). A name at the start
 * of a sentence or in a headline is known by its other mentions.
 */
export function sentenceViews(text: string, tokens: TokenTable, sentences: readonly { tokenStart: number; tokenEnd: number; inTitle: boolean }[]): SentenceView[] {
  const n = tokens.length;
  const cases = new Uint8Array(n);
  const docCase = new Uint8Array(n);
  const own = new Uint8Array(n);
  const ids = tokens.ids;
  if (stamp.length < LEXICON.size + 1) {
    const size = Math.max(1024, (LEXICON.size + 1) * 2);
    stamp = new Int32Array(size);
    capCount = new Int32Array(size);
    lowerCount = new Int32Array(size);
    stampNow = 0;
  }
  stampNow++;
  const views: SentenceView[] = [];
  for (const s of sentences) {
    const view: SentenceView = { text, tokens, from: s.tokenStart, to: s.tokenEnd, inTitle: s.inTitle, headline: false, cases, docCase };
    let words = 0;
    let capWords = 0;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const c = caseOf(text, tokens.start[i]!, tokens.end[i]!, tokens.kind[i]!);
      cases[i] = c;
      if (c <= Case.Mixed) {
        words++;
        if (isCapital(c)) capWords++;
      }
    }
    // Title Case or capitals throughout: capitals say little about names (function words are lower-case
    // even in Title Case, so the share is counted over all words).
    view.headline = s.inTitle || (words >= 3 && capWords / words >= 0.6);
    views.push(view);
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const c = cases[i]!;
      const id = ids[i]!;
      if (id < 0 || id >= stamp.length) continue;
      let flag = 0;
      if (c === Case.Lower) flag = 2;
      else if (isCapital(c) && !view.headline && !startsSentence(view, i - s.tokenStart)) flag = 1;
      if (flag === 0) continue;
      own[i] = flag;
      if (stamp[id] !== stampNow) {
        stamp[id] = stampNow;
        capCount[id] = 0;
        lowerCount[id] = 0;
      }
      if (flag === 1) capCount[id]!++;
      else lowerCount[id]!++;
    }
  }
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (id < 0 || id >= stamp.length || stamp[id] !== stampNow) continue;
    const cap = capCount[id]! - (own[i] === 1 ? 1 : 0);
    const lower = lowerCount[id]! - (own[i] === 2 ? 1 : 0);
    docCase[i] = (cap > 0 ? 1 : 0) | (lower > 0 ? 2 : 0);
  }
  return views;
}

/**
 * Context features whose values come from a small set ("dense"): their weights are copied into a small
 * table once per model, so tagging reads them without hashing. [template, offset, number of values].
 */
const DENSE: readonly [F, number, number][] = [
  [F.Pad, 0, 10],
  [F.First, 0, 8],
  [F.FirstCap, 0, 8],
  [F.Headline, 0, 8],
  [F.HeadlineCap, 0, 8],
  [F.CaseTrigram, 0, 729],
  [F.DocCase, 0, 64],
  [F.DocCase, 1, 256],
  [F.DocCase, 2, 256],
];
const DENSE_BASE: number[] = [];
/** The hash of every dense code (code = base of its template + value). */
export const DENSE_HASH: Int32Array = (() => {
  const out: number[] = [];
  for (const [f, offset, size] of DENSE) {
    DENSE_BASE.push(out.length);
    for (let v = 0; v < size; v++) out.push(mix(f, offset, v) | 0);
  }
  return Int32Array.from(out);
})();
const [PAD, FIRST, FIRST_CAP, HEADLINE, HEADLINE_CAP, CASE3, DOC0, DOC1, DOC2] = DENSE_BASE as [number, number, number, number, number, number, number, number, number];

/**
 * The sentence-dependent features of token k of the sentence: dense codes into `dense`, hashed features
 * (unmasked) into `hashed` (each at least CONTEXT_MAX long); returns how many of each (dense | hashed << 8).
 */
export const CONTEXT_MAX = 16;

export function contextFeatures(s: SentenceView, k: number, capRate: number, dense: Int32Array, hashed: Int32Array): number {
  let nd = 0;
  let nh = 0;
  const n = s.to - s.from;
  const i = s.from + k;
  const cases = s.cases;
  const cls = cases[i]!;
  const ids = s.tokens.ids;
  if (k < WINDOW) for (let r = -WINDOW; r < -k; r++) dense[nd++] = PAD + (r + WINDOW) * 2;
  if (k + WINDOW >= n) for (let r = n - k; r <= WINDOW; r++) dense[nd++] = PAD + (r + WINDOW) * 2 + 1;
  const first = startsSentence(s, k);
  const cap = isCapital(cls);
  if (first) {
    dense[nd++] = FIRST + cls;
    if (cap) dense[nd++] = FIRST_CAP + capRate;
  }
  if (s.headline) {
    dense[nd++] = HEADLINE + cls;
    if (cap) dense[nd++] = HEADLINE_CAP + capRate;
  }
  const pc = k > 0 ? cases[i - 1]! : 8;
  const nc = k + 1 < n ? cases[i + 1]! : 8;
  dense[nd++] = CASE3 + (pc * 9 + cls) * 9 + nc;
  const d = s.docCase;
  dense[nd++] = DOC0 + (d[i]! * 8 + cls) * 2 + (first || s.headline ? 1 : 0);
  if (k > 0) dense[nd++] = DOC1 + (d[i - 1]! * 8 + pc) * 8 + cls;
  if (k + 1 < n) dense[nd++] = DOC2 + (d[i + 1]! * 8 + nc) * 8 + cls;

  const prevId = k > 0 ? ids[i - 1]! : -2;
  const nextId = k + 1 < n ? ids[i + 1]! : -2;
  const cur = ids[i]!;
  const wh = LEXICON.wordHash;
  const hp = prevId >= 0 ? wh[prevId]! : prevId;
  const hc = cur >= 0 ? wh[cur]! : cur;
  const hn = nextId >= 0 ? wh[nextId]! : nextId;
  if (cap || (k > 0 && isCapital(pc))) hashed[nh++] = mix(F.Pair, 0, fmix(Math.imul(hp, 31) + hc));
  if (cap || (k + 1 < n && isCapital(nc))) hashed[nh++] = mix(F.Pair, 1, fmix(Math.imul(hc, 31) + hn));
  hashed[nh++] = mix(F.PrevWordCase, 0, hp ^ Math.imul(cls + 1, 0x165667b1));
  return nd | (nh << 8);
}

/** True for the first token of a sentence and the first after an opening quote, a colon or a dash. */
export function startsSentence(s: SentenceView, k: number): boolean {
  if (k === 0) return true;
  if (s.cases[s.from + k - 1] !== Case.Punct) return false;
  const p = s.tokens.norm[s.from + k - 1]!;
  if (p === '"' || p === '“' || p === ':' || p === '(' || p === '-' || p === '—' || p === '–' || p === "'" || p === '‘') return true;
  return k === 1 && (p === '•' || p === '*');
}

/** The capitalisation-rate bucket of a token's facts. */
export const capRateOf = (f: TokenFacts): number => infoCap(f.info);

/** Tags that may follow each tag (I-X only after B-X or I-X). */
export function allowed(prev: number, next: number): boolean {
  if (next === 0 || (next & 1) === 1) return true; // O and B-X follow anything
  return prev === next || prev === next - 1;
}
export const allowedFirst = (t: number): boolean => t === 0 || (t & 1) === 1;

export { ListFlag };
