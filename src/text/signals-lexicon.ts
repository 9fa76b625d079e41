/**
 * Word-list measures of a Doc for the credibility checklist, each with its evidence: loaded or emotional
 * language, hedging, first- and second-person address (outside quotations), capitals and ! ? marks in the
 * headline. Every measure gives a count and the token ranges it found, so a report can highlight them
 * (token t spans doc.text[tokens.start[t], tokens.end[t])). Artefact tokens (datelines, bylines, URLs) are
 * skipped. Readability is in readability.ts; signal-measures.ts gathers them all for one Doc.
 *
 * The lists are ours and deliberately narrow: a word that is ordinary in straight news ("attack",
 * "disaster", "blast", "destroyed" as in "fire destroyed homes", "alleged" as in "the alleged attacker")
 * is left out ("may be", "could have", "losers", "sheep", "exposed", "rage" too), so a hit means the writer chose a charged or vague word, not that the news was bad.
 * style.ts keeps its own, broader lists for the reliability model (whose features must not change).
 */
import type { Doc } from './doc.js';
import { titleTokenEnd } from './doc.js';
import { LEXICON } from './lexicon.js';
import { findQuoteSpans } from './quote-spans.js';
import { TokenKind } from './tokens.js';

/** Hits of one measure: hit k covers tokens [tokens[k], ends[k]). */
export interface Hits {
  count: number;
  tokens: number[];
  ends: number[];
}

/** A token range of the Doc, [start, end). */
export interface TokenRange {
  start: number;
  end: number;
}

export type InQuote = (tokenIndex: number) => boolean;

// Single words and phrases (space-separated token forms, as `tokens.norm` has them: lower case, ’ → ').
export const LOADED_TERMS: readonly string[] = [
  // outrage and disgust
  'shocking', 'outrageous', 'disgusting', 'disgraceful', 'despicable', 'deplorable', 'appalling', 'sickening',
  'vile', 'evil', 'horrifying', 'horrific', 'atrocious', 'abhorrent', 'repugnant', 'revolting',
  // attack verbs of headline-ese
  'slams', 'eviscerates', 'eviscerated', 'obliterates', 'annihilates', 'demolishes', 'trashes', 'shreds',
  'humiliates', 'humiliated', 'humiliating', 'rips into', 'lashes out', 'tears into', 'goes off on',
  // insults
  'idiot', 'idiots', 'idiotic', 'moron', 'morons', 'moronic', 'stupid', 'pathetic', 'lunatic', 'lunatics',
  'clown', 'clowns', 'thug', 'thugs', 'scumbag', 'scumbags', 'traitor', 'traitors',
  'treasonous', 'coward', 'cowardly', 'hypocrite', 'hypocrites', 'hypocritical', 'liar', 'liars', 'crook', 'crooked',
  'sleazy', 'creepy', 'deranged', 'unhinged', 'hysterical', 'snowflake', 'snowflakes', 'libtard', 'libtards',
  'sheeple', 'feminazi', 'feminazis',
  // hyperbole and wonder
  'insane', 'crazy', 'unbelievable', 'incredible', 'amazing', 'stunning', 'jaw-dropping', 'mind-blowing',
  'bombshell', 'epic', 'miracle', 'miraculous', 'heartbreaking', 'heartwarming', 'terrifying', 'nightmare',
  'meltdown', 'freaks out', 'freak out', 'tirade', 'rant', 'rants', 'savage', 'savagely', 'brutally',
  'absurd', 'ridiculous', 'ludicrous', 'laughable', 'nonsense', 'terrible', 'horrible', 'awful',
  'furious', 'fury', 'enraged', 'livid', 'outraged',
  // conspiratorial framing
  'fake news', 'mainstream media', 'deep state', 'cover-up', 'cover up', 'globalists', 'globalist',
  'they don\'t want you to know', 'the truth about',
];

export const HEDGE_TERMS: readonly string[] = [
  'reportedly', 'allegedly', 'apparently', 'supposedly', 'purportedly', 'ostensibly', 'seemingly',
  'rumored', 'rumoured', 'rumor', 'rumors', 'rumour', 'rumours', 'unconfirmed', 'unverified', 'speculation',
  'may have', 'might have',
  'sources say', 'sources said', 'a source said', 'a source says', 'sources told', 'a source told', 'sources close to',
  'a source close to', 'an insider', 'insiders say', 'insiders said', 'an insider said', 'an insider says',
  'it is believed', 'it is claimed', 'it is said', 'it is thought', 'it is understood', 'it is alleged',
  'is believed to', 'are believed to', 'is said to', 'are said to', 'is thought to', 'are thought to',
  'reports suggest', 'according to reports', 'according to sources', 'according to an insider', 'it appears', 'it seems',
  'some say', 'people are saying', 'many believe', 'rumor has it', 'rumour has it', 'word is',
];

export const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'ourselves', "i'm", "i've", "i'd", "i'll", "we're", "we've", "we'd", "we'll"]);
export const SECOND_PERSON = new Set(['you', 'your', 'yours', 'yourself', 'yourselves', "you're", "you've", "you'll", "you'd", 'ya']);

/** All-caps words of four letters or more that are names, not shouting. */
const ACRONYMS = new Set(
  'nato nasa fema opec covid unicef unesco naacp isis isil aids ncaa nascar fifa uefa nafta asean opec ebola sars mers osha dhec ieee iaea icann ucla lgbt lgbtq npr nypd lapd usda usaid wikileaks'.split(' '),
);

interface Phrase {
  words: string[];
}

/** first word → phrases starting with it, longest first. */
function index(terms: readonly string[]): Map<string, Phrase[]> {
  const map = new Map<string, Phrase[]>();
  for (const t of terms) {
    // The tokenizer splits "don't" as one word and "-" joins words ("jaw-dropping" is one token).
    const words = t.split(' ');
    const list = map.get(words[0]!) ?? [];
    list.push({ words });
    map.set(words[0]!, list);
  }
  for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  return map;
}

const LOADED = index(LOADED_TERMS);
const HEDGES = index(HEDGE_TERMS);

// What each token form is to these lists, cached by lexicon id (as readability caches syllables), so a
// scan reads one byte per token instead of hashing its form into every list.
const KNOWN = 1;
const STARTS_LOADED = 2;
const STARTS_HEDGE = 4;
const FIRST = 8;
const SECOND = 16;
let flagsById = new Uint8Array(1 << 16);
let flagsGeneration = -1;

function flagsOf(form: string): number {
  return (
    KNOWN |
    (LOADED.has(form) ? STARTS_LOADED : 0) |
    (HEDGES.has(form) ? STARTS_HEDGE : 0) |
    (FIRST_PERSON.has(form) ? FIRST : 0) |
    (SECOND_PERSON.has(form) ? SECOND : 0)
  );
}

function tokenFlags(doc: Doc, t: number): number {
  const { tokens } = doc;
  const id = tokens.ids[t]!;
  if (id < 0 || tokens.lexiconGeneration !== LEXICON.generation) return flagsOf(tokens.norm[t]!);
  if (flagsGeneration !== LEXICON.generation) {
    flagsById.fill(0);
    flagsGeneration = LEXICON.generation;
  }
  if (id >= flagsById.length) {
    const bigger = new Uint8Array(Math.max(flagsById.length * 2, id + 1));
    bigger.set(flagsById);
    flagsById = bigger;
  }
  let f = flagsById[id]!;
  if (f === 0) {
    f = flagsOf(tokens.norm[t]!);
    flagsById[id] = f;
  }
  return f;
}

/** The body's token range: from the first token at or after doc.bodyStart. */
export function bodyTokens(doc: Doc): TokenRange {
  let start = titleTokenEnd(doc);
  while (start < doc.tokens.length && doc.tokens.start[start]! < doc.bodyStart) start++;
  return { start, end: doc.tokens.length };
}

/** The headline's token range. */
export function titleTokens(doc: Doc): TokenRange {
  return { start: 0, end: titleTokenEnd(doc) };
}

function emptyHits(): Hits {
  return { count: 0, tokens: [], ends: [] };
}

function push(h: Hits, start: number, end: number): void {
  h.count++;
  h.tokens.push(start);
  h.ends.push(end);
}

/** Phrase matches over word and punctuation tokens (a phrase never spans a masked token). */
function matchPhrases(doc: Doc, range: TokenRange, phrases: Map<string, Phrase[]>, flag: number, inQuote?: InQuote): Hits {
  const { tokens } = doc;
  const hits = emptyHits();
  for (let t = range.start; t < range.end; t++) {
    if (doc.masked[t] === 1 || (tokenFlags(doc, t) & flag) === 0) continue;
    const candidates = phrases.get(tokens.norm[t]!);
    if (candidates === undefined) continue;
    if (inQuote?.(t) === true) continue;
    for (const p of candidates) {
      const n = p.words.length;
      if (t + n > range.end) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = doc.masked[t + k] !== 1 && tokens.norm[t + k] === p.words[k];
      if (!ok) continue;
      push(hits, t, t + n);
      t += n - 1;
      break;
    }
  }
  return hits;
}

/** Loaded or emotional words and phrases (default: in the body and the headline). */
export function loadedLanguage(doc: Doc, range: TokenRange = { start: 0, end: doc.tokens.length }, inQuote?: InQuote): Hits {
  return matchPhrases(doc, range, LOADED, STARTS_LOADED, inQuote);
}

/** Hedges and vague attributions: "reportedly", "sources say", "it is believed"... (default: the whole text). */
export function hedging(doc: Doc, range: TokenRange = { start: 0, end: doc.tokens.length }, inQuote?: InQuote): Hits {
  return matchPhrases(doc, range, HEDGES, STARTS_HEDGE, inQuote);
}

export interface PersonAddress {
  first: Hits;
  second: Hits;
}

/**
 * First-person (I, we, our...) and second-person (you, your...) words outside quotations: the writer
 * speaking, or speaking to the reader. "US" and "U.S." are the country, not "us". Default: the body.
 */
export function personAddress(doc: Doc, inQuote?: InQuote, range: TokenRange = bodyTokens(doc)): PersonAddress {
  const { tokens, text } = doc;
  const first = emptyHits();
  const second = emptyHits();
  for (let t = range.start; t < range.end; t++) {
    if (doc.masked[t] === 1) continue;
    const flags = tokenFlags(doc, t);
    if ((flags & (FIRST | SECOND)) === 0 || tokens.kind[t] !== TokenKind.Word) continue;
    const f = tokens.norm[t]!;
    const isFirst = (flags & FIRST) !== 0;
    if (f === 'us' && text.charCodeAt(tokens.start[t]!) === 85 /* U */ && text.charCodeAt(tokens.start[t]! + 1) === 83 /* S */) continue;
    if (inQuote?.(t) === true) continue;
    push(isFirst ? first : second, t, t + 1);
  }
  return { first, second };
}

export interface HeadlineCaps {
  /** Headline words of four letters or more. */
  words: number;
  /** Those written in capitals (acronyms like NATO aside). */
  caps: number;
  /** caps / words (0 without words). */
  share: number;
  tokens: number[];
}

/** Share of the headline's words (four letters or more) written in capitals: "SHOCKING", "HATE". */
export function headlineCaps(doc: Doc): HeadlineCaps {
  const { tokens, text } = doc;
  const end = titleTokenEnd(doc);
  let words = 0;
  const caps: number[] = [];
  for (let t = 0; t < end; t++) {
    if (doc.masked[t] === 1 || tokens.kind[t] !== TokenKind.Word) continue;
    const s = tokens.start[t]!;
    const e = tokens.end[t]!;
    let letters = 0;
    let upper = 0;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) {
        letters++;
        upper++;
      } else if (c >= 97 && c <= 122) letters++;
      else if (c > 127) {
        const ch = text[i]!;
        if (ch.toLowerCase() !== ch.toUpperCase()) {
          letters++;
          if (ch === ch.toUpperCase()) upper++;
        }
      }
    }
    if (letters < 4) continue;
    words++;
    if (upper === letters && !ACRONYMS.has(tokens.norm[t]!.replace(/[^a-z]/g, ''))) caps.push(t);
  }
  return { words, caps: caps.length, share: words === 0 ? 0 : caps.length / words, tokens: caps };
}

export interface HeadlineMarks {
  exclamation: Hits;
  question: Hits;
}

/** The ! and ? marks of the headline. */
export function headlineMarks(doc: Doc): HeadlineMarks {
  const { tokens } = doc;
  const end = titleTokenEnd(doc);
  const exclamation = emptyHits();
  const question = emptyHits();
  for (let t = 0; t < end; t++) {
    if (tokens.kind[t] !== TokenKind.Punct) continue;
    const f = tokens.norm[t]!;
    if (f === '!' || f === '！') push(exclamation, t, t + 1);
    else if (f === '?' || f === '？') push(question, t, t + 1);
  }
  return { exclamation, question };
}

/**
 * A quotation test for when the caller has none: a token is inside quotation marks when it starts inside
 * one of `findQuoteSpans(doc.text)` (curly, straight, guillemets; unclosed quotes end with their paragraph).
 */
export function quotationMarks(doc: Doc): InQuote {
  const { tokens } = doc;
  const inside = new Uint8Array(tokens.length);
  let t = 0;
  for (const q of findQuoteSpans(doc.text)) {
    while (t < tokens.length && tokens.start[t]! < q.start) t++;
    for (let u = t; u < tokens.length && tokens.start[u]! < q.end; u++) inside[u] = 1;
  }
  return (i) => inside[i] === 1;
}

/** Words in the body (or the range): the denominator for rates. */
export function bodyWords(doc: Doc, range: TokenRange = bodyTokens(doc)): number {
  let n = 0;
  for (let t = range.start; t < range.end; t++) if (doc.masked[t] !== 1 && doc.tokens.kind[t] === TokenKind.Word) n++;
  return n;
}

