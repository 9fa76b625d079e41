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
import { infoCap, infoCluster, infoCues, lookupInfo, type WordInfo } from './wordinfo.js';

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

/** A sentence to tag: tokens [from, to) of a token table over `text`. */
export interface SentenceView {
  text: string;
  tokens: TokenTable;
  from: number;
  to: number;
  inTitle: boolean;
  /** Per token of the table: how its form is written elsewhere in the document (see `documentCases`). */
  docCase?: Uint8Array;
}

/**
 * For every token, how the same form is written elsewhere in the document: bit 1 when it is capitalised
 * inside a body sentence (not first, not in a headline), bit 2 when it is lower-case somewhere. A name at
 * the start of a sentence or in a headline is known by its other mentions.
 */
export function documentCases(text: string, tokens: TokenTable, sentences: readonly { tokenStart: number; tokenEnd: number; inTitle: boolean }[]): Uint8Array {
  const n = tokens.length;
  const own = new Uint8Array(n);
  const counts = new Map<number, number>();
  for (const s of sentences) {
    const view: SentenceView = { text, tokens, from: s.tokenStart, to: s.tokenEnd, inTitle: s.inTitle };
    const { cases, headline } = sentenceCases(view);
    for (let k = 0; k < cases.length; k++) {
      const i = s.tokenStart + k;
      const c = cases[k]!;
      const id = tokens.ids[i]!;
      if (id < 0) continue;
      let flag = 0;
      if (c === Case.Lower) flag = 2;
      else if (isCapital(c) && !headline && !startsSentence(view, cases, k)) flag = 1;
      if (flag === 0) continue;
      own[i] = flag;
      // Counts of capitalised (low 16 bits) and lower-case (high bits) uses.
      counts.set(id, (counts.get(id) ?? 0) + (flag === 1 ? 1 : 65536));
    }
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const id = tokens.ids[i]!;
    if (id < 0) continue;
    const c = counts.get(id);
    if (c === undefined) continue;
    const cap = (c & 65535) - (own[i] === 1 ? 1 : 0);
    const lower = (c >>> 16) - (own[i] === 2 ? 1 : 0);
    out[i] = (cap > 0 ? 1 : 0) | (lower > 0 ? 2 : 0);
  }
  return out;
}

/** Per-token case classes of a sentence, and whether the sentence reads as a headline. */
export function sentenceCases(s: SentenceView): { cases: Uint8Array; headline: boolean } {
  const n = s.to - s.from;
  const cases = new Uint8Array(n);
  let words = 0;
  let capWords = 0;
  for (let k = 0; k < n; k++) {
    const i = s.from + k;
    const c = caseOf(s.text, s.tokens.start[i]!, s.tokens.end[i]!, s.tokens.kind[i]!);
    cases[k] = c;
    if (c <= Case.Mixed) {
      words++;
      if (isCapital(c)) capWords++;
    }
  }
  // Title Case or capitals throughout: capitals say little about names (function words are lower-case
  // even in Title Case, so the share is counted over all words).
  const headline = s.inTitle || (words >= 3 && capWords / words >= 0.6);
  return { cases, headline };
}

/**
 * The sentence-dependent features of token k of the sentence (as unmasked hashes). `facts(k)` gives a
 * token's facts; `first` says whether token k starts the sentence (or follows an opening quote or colon).
 */
export function contextFeatures(
  s: SentenceView,
  cases: Uint8Array,
  headline: boolean,
  k: number,
  capRate: number,
  out: number[],
): void {
  const n = s.to - s.from;
  const cls = cases[k]!;
  const ids = s.tokens.ids;
  const i = s.from + k;
  for (let r = -WINDOW; r <= WINDOW; r++) {
    const j = k + r;
    if (j < 0 || j >= n) out.push(mix(F.Pad, r + WINDOW, j < 0 ? 1 : 2));
  }
  const first = startsSentence(s, cases, k);
  if (first) {
    out.push(mix(F.First, 0, cls));
    if (isCapital(cls)) out.push(mix(F.FirstCap, 0, capRate));
  }
  if (headline) {
    out.push(mix(F.Headline, 0, cls));
    if (isCapital(cls)) out.push(mix(F.HeadlineCap, 0, capRate));
  }
  const prevId = k > 0 ? ids[i - 1]! : -2;
  const nextId = k + 1 < n ? ids[i + 1]! : -2;
  const cur = ids[i]!;
  const h = (id: number): number => (id >= 0 ? LEXICON.wordHash[id]! : id);
  if (isCapital(cls) || (k > 0 && isCapital(cases[k - 1]!))) out.push(mix(F.Pair, 0, fmix(h(prevId) * 31 + h(cur))));
  if (isCapital(cls) || (k + 1 < n && isCapital(cases[k + 1]!))) out.push(mix(F.Pair, 1, fmix(h(cur) * 31 + h(nextId))));
  const pc = k > 0 ? cases[k - 1]! : 8;
  const nc = k + 1 < n ? cases[k + 1]! : 8;
  out.push(mix(F.CaseTrigram, 0, (pc * 9 + cls) * 9 + nc));
  out.push(mix(F.PrevWordCase, 0, h(prevId) ^ Math.imul(cls + 1, 0x165667b1)));
  if (s.docCase !== undefined) {
    const d = s.docCase[i]!;
    out.push(mix(F.DocCase, 0, (d * 8 + cls) * 2 + (first || headline ? 1 : 0)));
    if (k > 0) out.push(mix(F.DocCase, 1, (s.docCase[i - 1]! * 8 + cases[k - 1]!) * 8 + cls));
    if (k + 1 < n) out.push(mix(F.DocCase, 2, (s.docCase[i + 1]! * 8 + cases[k + 1]!) * 8 + cls));
  }
}

/** True for the first token of a sentence and the first after an opening quote, a colon or a dash. */
export function startsSentence(s: SentenceView, cases: Uint8Array, k: number): boolean {
  if (k === 0) return true;
  if (cases[k - 1] !== Case.Punct) return false;
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
