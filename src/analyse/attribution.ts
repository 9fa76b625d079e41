/**
 * Who said what: attributes each quoted span to the phrase that names its speaker, and finds reported
 * speech without quotation marks ("X said that …", "according to X, …", "…, police said"). Rules over the
 * Doc's tokens, no model: every loop is bounded by a small window of tokens around a cue, so the time is
 * linear in the text.
 */
import type { Doc } from '../text/doc.js';
import { FormSet } from '../text/lexicon.js';
import { findQuoteSpans, type QuoteSpan } from '../text/quote-spans.js';
import { TokenKind } from '../text/tokens.js';
import { NP_STOPS, AFTER_NP_STOPS, DETERMINERS, DOCUMENT_HEADS, QUOTE_CUES, REPORT_CUES, TELL_CUES } from './attribution-words.js';

export interface TokenRange {
  tokenStart: number;
  tokenEnd: number;
}

export interface Attribution {
  /** What was said: the quoted words, or the reported clause. */
  start: number;
  end: number;
  direct: boolean;
  unclosed: boolean;
  /** The cue's tokens ("said", "told", "according to"). */
  cue?: TokenRange;
  /** The speaker phrase's tokens nearest the quote. */
  speaker?: TokenRange;
  /** A direct quote ending in a comma or stop right before its cue ("“No,” she said"). */
  framed?: boolean;
}

/** Words that may sit between a speaker and the cue ("he also said", "she has told"). */
const BETWEEN = new Set(
  'always often never also later then again further previously earlier once still has have had is was were are will would could can did does do may might reportedly allegedly recently repeatedly quickly has been was being'.split(' '),
);
/** Words a speaker phrase cannot end on, nor start with. */
const FUNCTION_WORDS = new Set(
  'a an the this that these those and or but so to of in on at by for with from as than then had has have was were is are be been being did do does will would could should can may might not also just only even still later when while after before if because although though since until where which what who whom whose late early'.split(' '),
);
/** Days, months and other time words: never a speaker ("said Friday", "This past March"). */
const TIME_WORDS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december today yesterday tonight once past last week month year morning evening afternoon night earlier later recently'.split(' '),
);
/** "falsely", "hilariously": an adverb, not a speaker (lower-case words in -ly; "Kelly" stays a name). */
function isAdverb(ctx: Context, t: number): boolean {
  const w = ctx.norm(t);
  if (DISCOURSE_WORDS.has(w)) return true;
  if (!(w.length > 4 && w.endsWith('ly'))) return false;
  // A capitalised one opens its sentence ("Separately, …"); names in -ly ("Kelly", "Beverly") do not end so.
  return !ctx.isCapital(t) || /(ately|ally|ously|ently|ingly|edly|antly|ively|fully)$/.test(w);
}
/** Sentence adverbs that open a sentence before its subject ("However, a source said …"). */
const DISCOURSE_WORDS = new Set('however meanwhile moreover furthermore additionally instead indeed still yet also nonetheless nevertheless otherwise likewise similarly besides then now thus hence'.split(' '));
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', "he's", "she's", "they're", "he'd", "she'd"]);
const PREPOSITIONS = new Set('in on at during after before for with by from since about under over into through'.split(' '));
const WINDOW = 14;
/** Words after which a cue word is a noun. */
const NOUN_MARKERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'this', 'that', 'these', 'those', 'no', 'any', 'whose']);
/** Words of "is said to have", "was quoted as", skipped between a speaker and the cue. */
const HEARSAY = new Set(['said', 'to', 'quoted', 'as', 'reported', 'believed', 'understood', 'known']);
/** "…, saying "…"": cues whose speaker is the subject of the sentence. */
const PARTICIPLES = new Set('saying adding telling writing noting explaining warning insisting arguing claiming declaring announcing stating accusing calling describing urging blaming admitting revealing suggesting condemning'.split(' '));

export function findAttributions(doc: Doc): Attribution[] {
  const ctx = new Context(doc);
  const candidates = directQuotes(ctx);
  const used = new Set<number>();
  for (const { at, inClause } of candidates) if (at.cue && !inClause) for (let t = at.cue.tokenStart; t < at.cue.tokenEnd; t++) used.add(t);
  const indirect = reportedSpeech(ctx, candidates.map((c) => c.at), used);
  // A quote with no cue of its own takes the speaker of reported speech around it ("X said the plan was
  // "a disaster"") or of the sentence just before it in its paragraph ("X said it was strange. "…"").
  for (const c of candidates) {
    if (c.at.speaker) continue;
    const k = lastStartingBy(indirect, c.at.start);
    const around = k >= 0 && c.at.end <= indirect[k]!.end + 2 ? indirect[k] : undefined;
    if (around) {
      c.at.speaker = around.speaker!;
      c.inClause = true;
      continue;
    }
    const first = ctx.tokenFrom(c.span.openAt);
    const prev = first > 0 ? ctx.sentenceOf[first - 1]! : -1;
    // The sentence before, in the same paragraph or ending the paragraph before when the quote opens its
    // own ("He explained parents should play a role.\n\n“It is obvious …”").
    const adjacent = prev >= 0 && (ctx.paragraphOf[first - 1] === ctx.paragraphOf[first] || (startsParagraph(ctx, first) && ctx.paragraphOf[first - 1] === ctx.paragraphOf[first]! - 1));
    if (adjacent) {
      const s = doc.sentences[prev]!;
      const k = lastStartingBy(indirect, s.start - 1) + 1;
      const before = k < indirect.length && indirect[k]!.end <= s.end ? indirect[k] : undefined;
      if (before) c.at.speaker = before.speaker!;
    }
  }
  const direct = candidates.filter((c) => isSpeech(ctx, c.span, c.at, c.inClause)).map((c) => c.at);
  const all = [...direct, ...indirect].sort((a, b) => a.start - b.start);
  // A quote still without a speaker goes on the last speaker of the two paragraphs before it: news keeps
  // quoting the person it last quoted until it names someone else.
  let last: Attribution | null = null;
  for (const a of all) {
    if (a.speaker) {
      last = a;
      continue;
    }
    if (!a.direct || last === null) continue;
    const here = ctx.paragraphOf[ctx.tokenFrom(a.start)] ?? 0;
    const there = ctx.paragraphOf[Math.max(0, ctx.tokenFrom(last.end) - 1)] ?? 0;
    if (here - there <= 2) a.speaker = last.speaker!;
  }
  return all;
}

interface Candidate {
  span: QuoteSpan;
  at: Attribution;
  /** Inside a clause of reported speech: a fragment of the speaker's words. */
  inClause: boolean;
}

/** Index of the last span (in a list sorted by start) that starts at or before `offset`; -1 if none. */
function lastStartingBy(spans: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

class Context {
  readonly text: string;
  readonly n: number;
  /** Quote depth per token: 1 inside a direct quote (marks included). */
  readonly quoted: Uint8Array;
  readonly sentenceOf: Int32Array;
  /** Paragraph number per token (a new line starts a paragraph). */
  readonly paragraphOf: Int32Array;
  spans: QuoteSpan[] = [];

  constructor(readonly doc: Doc) {
    const { tokens, text } = doc;
    this.text = text;
    this.n = tokens.length;
    this.quoted = new Uint8Array(this.n);
    this.sentenceOf = new Int32Array(this.n).fill(-1);
    doc.sentences.forEach((s, i) => {
      for (let t = s.tokenStart; t < s.tokenEnd; t++) this.sentenceOf[t] = i;
    });
    // Paragraph number per token: any line break between two tokens starts a new paragraph ("\n" and
    // "\n\n" alike count one).
    this.paragraphOf = new Int32Array(this.n);
    let p = 0;
    for (let t = 1; t < this.n; t++) {
      const from = tokens.end[t - 1]!;
      const to = tokens.start[t]!;
      for (let k = from; k < to; k++) {
        const c = text.charCodeAt(k);
        if (c === 10 || c === 13) {
          p++;
          break;
        }
      }
      this.paragraphOf[t] = p;
    }
  }

  norm(t: number): string {
    return this.doc.tokens.norm[t]!;
  }
  kind(t: number): number {
    return this.doc.tokens.kind[t]!;
  }
  isCapital(t: number): boolean {
    const c = this.text.charCodeAt(this.doc.tokens.start[t]!);
    return c >= 0x41 && c <= 0x5a;
  }
  /** A punctuation token that ends a phrase (not a hyphen, apostrophe or period inside a name). */
  isBreak(t: number): boolean {
    if (this.kind(t) !== TokenKind.Punct && this.kind(t) !== TokenKind.Symbol) return false;
    const s = this.norm(t);
    return s !== '-' && s !== "'" && s !== '&';
  }
  isTerminal(t: number): boolean {
    const s = this.norm(t);
    return s === '.' || s === '!' || s === '?' || s === ';';
  }
  /** "Said Pauly D: …", "Writes Chang, …": an inverted cue that opens its sentence. */
  opensSentence(t: number): boolean {
    if (t === 0) return true;
    if (this.paragraphOf[t - 1] !== this.paragraphOf[t]) return true;
    return this.isTerminal(t - 1);
  }
  inTitle(t: number): boolean {
    return this.doc.tokens.start[t]! < this.doc.titleEnd;
  }
  /** First token starting at or after `offset`. */
  tokenFrom(offset: number): number {
    const st = this.doc.tokens.start;
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (st[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  isCue(t: number, cues: FormSet): TokenRange | null {
    const w = this.norm(t);
    if (w === 'according' && t + 1 < this.n && this.norm(t + 1) === 'to') return { tokenStart: t, tokenEnd: t + 2 };
    if (!cues.hasToken(this.doc.tokens, t)) return null;
    // Cues are verbs: lower-case (except in a headline written in Title Case), and not after an article
    // or a possessive ("the comment", "his claims", "a statement").
    if (this.kind(t) !== TokenKind.Word || (this.isCapital(t) && !this.inTitle(t) && !this.opensSentence(t))) return null;
    if (t > 0 && NOUN_MARKERS.has(this.norm(t - 1))) return null;
    // "the simple note:", "a brief comment": a cue that is also a noun, after a determiner and a word.
    if (t > 1 && NOUN_LIKE_CUES.has(w) && NOUN_MARKERS.has(this.norm(t - 2)) && !BETWEEN.has(this.norm(t - 1))) return null;
    // "called for their deportation": a demand, not speech.
    if ((w === 'called' || w === 'call' || w === 'calls' || w === 'calling') && t + 1 < this.n && this.norm(t + 1) === 'for') return null;
    // "opens it to reveal a board game": an infinitive says what is meant to happen, not what was said
    // ("she went on to say", "continued to insist" did say it).
    if (t > 1 && this.norm(t - 1) === 'to' && !SAID_AFTER_TO.has(this.norm(t - 2))) return null;
    return { tokenStart: t, tokenEnd: t + 1 };
  }
}

/** The speaker phrase ending just before token `cue` (skipping "also", "has"…), going left to `limit`. */
function phraseBefore(ctx: Context, cue: number, limit: number, toComma: boolean): TokenRange | null {
  let end = cue;
  // "she went on to say", "he continued to insist".
  if (end - 2 >= limit && ctx.norm(end - 1) === 'to' && SAID_AFTER_TO.has(ctx.norm(end - 2))) {
    end -= 2;
    if (ctx.norm(end) === 'on' && end - 1 >= limit && /^(went|goes|go|going)$/.test(ctx.norm(end - 1))) end--;
  }
  // "he also said", "she has told", "the judge is said to have warned".
  while (end - 1 >= limit && end > cue - 5 && (BETWEEN.has(ctx.norm(end - 1)) || HEARSAY.has(ctx.norm(end - 1)))) end--;
  // "Obama smiled and said": the subject of the first verb.
  if (end - 2 > limit && ctx.norm(end - 1) === 'and' && ctx.kind(end - 2) === TokenKind.Word && !ctx.isCapital(end - 2) && !FUNCTION_WORDS.has(ctx.norm(end - 2))) end -= 2;
  // "Worker Jiang Li Lung, 22, said" / "Khalimov, a 40-year-old native of Dushanbe, said": step over the apposition.
  if (end - 1 > limit && ctx.norm(end - 1) === ',') {
    let k = end - 2;
    while (k > limit && end - k <= 12 && ctx.norm(k) !== ',' && !ctx.isBreak(k)) k--;
    if (!(k > limit && ctx.norm(k) === ',' && end - 2 - k >= 1)) return null;
    const whole = end - 1;
    const name = phraseBefore(ctx, k, limit, toComma);
    if (name) return { tokenStart: name.tokenStart, tokenEnd: whole };
    // "An adviser to … (Ineter), Wilfried Strauch, said": the phrase before does not parse; the name does.
    return ctx.isCapital(k + 1) ? { tokenStart: k + 1, tokenEnd: whole } : null;
  }
  let start = end;
  while (start - 1 >= limit && end - (start - 1) <= 12) {
    const t = start - 1;
    if (ctx.isBreak(t) || ctx.quoted[t] === 1) break;
    const w = ctx.norm(t);
    if (!toComma && NP_STOPS.has(w)) break;
    if (toComma && (w === 'and' || w === 'but' || w === 'then' || w === 'so')) break;
    start = t;
  }
  if (start === end || end - start > 12) return null;
  // "In a statement on Tuesday the company said": drop a leading prepositional phrase.
  if (PREPOSITIONS.has(ctx.norm(start))) {
    let k = end - 1;
    while (k > start && !DETERMINERS.has(ctx.norm(k)) && !ctx.isCapital(k)) k--;
    while (k > start + 1 && ctx.isCapital(k - 1) && !PREPOSITIONS.has(ctx.norm(k - 1))) k--;
    if (k === start) return null;
    start = k;
  }
  // A speaker is a noun phrase: not just determiners ("The claims" is not a speaker of "claims").
  let noun = false;
  for (let t = start; t < end && !noun; t++) noun = ctx.kind(t) === TokenKind.Word && !DETERMINERS.has(ctx.norm(t));
  return noun ? { tokenStart: start, tokenEnd: end } : null;
}

/**
 * A speaker phrase as a noun phrase: no leading conjunction or preposition, no trailing function word,
 * and when a subject pronoun sits inside ("when asked his name he"), the pronoun.
 */
function cleanSpeaker(ctx: Context, r: TokenRange | null | undefined): TokenRange | null {
  if (!r) return null;
  let { tokenStart: a, tokenEnd: b } = r;
  for (let t = b - 1; t > a; t--) {
    if (SUBJECT_PRONOUNS.has(ctx.norm(t))) {
      a = t;
      break;
    }
  }
  // "about him": a prepositional phrase is not a speaker.
  if (PREPOSITIONS.has(ctx.norm(a))) return null;
  const notNoun = (t: number): boolean => FUNCTION_WORDS.has(ctx.norm(t)) || isAdverb(ctx, t) || TIME_WORDS.has(ctx.norm(t));
  while (a < b && notNoun(a) && !/^(a|an|the|this|these|those)$/.test(ctx.norm(a))) a++;
  while (b > a && (notNoun(b - 1) || ctx.isBreak(b - 1))) b--;
  if (b <= a) return null;
  if (b - a === 1 && /^(it|this|that|there|which|what|who|it's|that's|there's|note)$/.test(ctx.norm(a))) return null;
  let noun = false;
  for (let t = a; t < b && !noun; t++) noun = ctx.kind(t) === TokenKind.Word && !FUNCTION_WORDS.has(ctx.norm(t));
  return noun ? { tokenStart: a, tokenEnd: b } : null;
}

/** The speaker phrase right after an inverted cue ("said Khalimov, a 40-year-old"). */
function phraseAfter(ctx: Context, from: number, limit: number): TokenRange | null {
  let end = from;
  while (end < limit && end - from < 10) {
    if (ctx.isBreak(end) || ctx.quoted[end] === 1) break;
    if (AFTER_NP_STOPS.has(ctx.norm(end)) && end > from) break;
    end++;
  }
  return end > from ? { tokenStart: from, tokenEnd: end } : null;
}

function directQuotes(ctx: Context): Candidate[] {
  const { doc } = ctx;
  const spans = findQuoteSpans(doc.text);
  ctx.spans = spans;
  const out: Candidate[] = [];
  for (const q of spans) {
    const a = ctx.tokenFrom(q.openAt);
    const b = ctx.tokenFrom(q.closeEnd);
    for (let t = a; t < b; t++) ctx.quoted[t] = 1;
  }
  let prev: { at: Attribution; lastParagraph: number; sentence: number } | null = null;
  for (let i = 0; i < spans.length; i++) {
    const q = spans[i]!;
    const attribution: Attribution = { start: q.start, end: q.end, direct: true, unclosed: !q.closed };
    const nextOpen = i + 1 < spans.length ? ctx.tokenFrom(spans[i + 1]!.openAt) : ctx.n;
    const firstIn = ctx.tokenFrom(q.openAt);
    const after = ctx.tokenFrom(q.closeEnd);
    const paragraph = ctx.paragraphOf[Math.min(firstIn, ctx.n - 1)] ?? 0;
    const lastParagraph = after > 0 ? ctx.paragraphOf[Math.min(after - 1, ctx.n - 1)]! : paragraph;
    let afterwards = speakerAfter(ctx, after, nextOpen, lastParagraph, startsParagraph(ctx, firstIn));
    // "X said: “…” Y told the Post: “…”": a quote its speaker introduces with a colon is theirs.
    const before = afterwards === null || (firstIn > 0 && ctx.norm(firstIn - 1) === ':') ? speakerBefore(ctx, firstIn - 1, paragraph) : null;
    if (afterwards !== null && before?.speaker) afterwards = null;
    const found = afterwards ?? before;
    // "“No,” she said": a quote closed by its own attribution is speech, however short or capitalised.
    attribution.framed = afterwards !== null && /[,.!?]$/.test(doc.text.slice(q.start, q.end));
    const speaker = cleanSpeaker(ctx, found?.speaker);
    if (found) attribution.cue = found.cue;
    if (found && speaker) {
      attribution.speaker = speaker;
    } else if (found && prev?.at.speaker && prev.sentence === ctx.sentenceOf[firstIn]) {
      // "he called her "crazy," said she has a "low I.Q."": the same speaker as the quote before.
      attribution.speaker = prev.at.speaker;
    } else if (prev?.at.speaker && (prev.lastParagraph === paragraph || (prev.lastParagraph === paragraph - 1 && startsParagraph(ctx, firstIn)))) {
      // A second quote in the same paragraph, or a paragraph that is only a quote: the same speaker.
      attribution.speaker = prev.at.speaker;
    }
    // A quote inside a reported clause shares its cue with the clause, which is reported speech too.
    out.push({ span: q, at: attribution, inClause: found !== null && 'reported' in found });
    if (isSpeech(ctx, q, attribution, false)) prev = { at: attribution, lastParagraph, sentence: ctx.sentenceOf[firstIn]! };
  }
  return out;
}

function startsParagraph(ctx: Context, t: number): boolean {
  return t === 0 || ctx.paragraphOf[t - 1] !== ctx.paragraphOf[t];
}

const AUTHORSHIP = new Set(['attributed', 'written', 'signed', 'issued', 'posted', 'released', 'sent']);

/**
 * "said the statement, which was attributed to Foley's mother, Diane Foley": the author a document
 * is attributed to right after it speaks for it (the name of an apposition when there is one).
 */
function documentAuthor(ctx: Context, speaker: TokenRange, limit: number): TokenRange | null {
  if (!DOCUMENT_HEADS.has(ctx.norm(speaker.tokenEnd - 1))) return null;
  let t = speaker.tokenEnd;
  if (t < limit && ctx.norm(t) === ',') t++;
  if (t + 1 < limit && (ctx.norm(t) === 'which' || ctx.norm(t) === 'that') && /^(was|is|were|had been)$/.test(ctx.norm(t + 1))) t += 2;
  if (!(t + 1 < limit && AUTHORSHIP.has(ctx.norm(t)) && (ctx.norm(t + 1) === 'to' || ctx.norm(t + 1) === 'by'))) return null;
  const author = phraseAfter(ctx, t + 2, limit);
  if (author === null) return null;
  // "… to Foley's mother, Diane Foley.": the name in apposition.
  const e = author.tokenEnd;
  if (e + 1 < limit && ctx.norm(e) === ',' && ctx.isCapital(e + 1)) {
    const name = phraseAfter(ctx, e + 1, limit);
    if (name !== null && (name.tokenEnd >= limit || ctx.isBreak(name.tokenEnd))) return name;
  }
  return cleanSpeaker(ctx, author);
}

/** "…," he said / "…," said Khalimov / "…," the 40-year-old told reporters. */
function speakerAfter(ctx: Context, from: number, limit: number, paragraph: number, opensParagraph: boolean): { cue: TokenRange; speaker: TokenRange } | null {
  let t = from;
  const stop = Math.min(limit, from + WINDOW);
  while (t < stop && (ctx.norm(t) === ',' || ctx.norm(t) === '—' || ctx.norm(t) === '–' || ctx.norm(t) === '-')) t++;
  if (t >= stop) return null;
  if (ctx.paragraphOf[t] !== paragraph) return signature(ctx, from, stop, opensParagraph);
  if (PREPOSITIONS.has(ctx.norm(t)) || AFTER_NP_STOPS.has(ctx.norm(t)) || CONJUNCTIONS.has(ctx.norm(t))) return null;
  // "“… what to do.” She recalls …": a new sentence, not an attribution.
  const endsQuote = ctx.text.slice(Math.max(0, ctx.doc.tokens.start[from]! - 3), ctx.doc.tokens.start[from]!);
  if (/[.!?]\s*["”’']?\s*$/.test(endsQuote) && ctx.isCapital(t) && SUBJECT_PRONOUNS.has(ctx.norm(t))) return null;
  const inverted = ctx.isCue(t, QUOTE_CUE_FORMS);
  if (inverted) {
    const speaker = phraseAfter(ctx, inverted.tokenEnd, stop);
    // "said Khalimov, …" / "said the minister." — but not "said she has …", where a clause follows.
    const next = speaker ? speaker.tokenEnd : inverted.tokenEnd;
    const ends = next >= ctx.n || ctx.isBreak(next) || AFTER_NP_STOPS.has(ctx.norm(next));
    // "said she has …": a pronoun followed by more words is the subject of a reported clause.
    if (speaker && speaker.tokenEnd - speaker.tokenStart > 1 && SUBJECT_PRONOUNS.has(ctx.norm(speaker.tokenStart))) return null;
    if (speaker && ends) return { cue: inverted, speaker: documentAuthor(ctx, speaker, limit) ?? speaker };
    return null;
  }
  const far = Math.min(limit, from + 30);
  for (let k = t; k < far && k - t <= 26; k++) {
    if (ctx.paragraphOf[k] !== paragraph || ctx.quoted[k] === 1 || (ctx.isBreak(k) && ctx.norm(k) !== ',')) return null;
    if (k > t && NP_STOPS.has(ctx.norm(k)) && !QUOTE_CUES.has(ctx.norm(k))) return null;
    const cue = ctx.isCue(k, QUOTE_CUE_FORMS);
    // "…” and, according to The Telegraph, X replied": what "according to" names comes after it.
    if (cue && ctx.norm(k) === 'according') return null;
    if (cue && k > t) {
      let end = k;
      while (end > t + 1 && BETWEEN.has(ctx.norm(end - 1))) end--;
      if (ctx.norm(end - 1) === ',') end--;
      if (end <= t) return null;
      // Without an apposition a speaker phrase is short ("the 40-year-old", "Treasurer Bob Crane"): longer
      // runs hold a verb of their own ("Big Bank Hank then made another …").
      let firstComma = t;
      while (firstComma < end && ctx.norm(firstComma) !== ',') firstComma++;
      if (firstComma - t > 7) return null;
      // "the man's attorney, Lopa Blumenthal, told": the whole phrase, appositions and all; a long one
      // ("Saeed Ghasseminejad, a research fellow at …, a … institute, told") keeps its head.
      if (end - t > 12) {
        let comma = t;
        while (comma < end && ctx.norm(comma) !== ',') comma++;
        if (comma - t > 12 || comma === t) return null;
        end = comma;
      }
      return { cue, speaker: { tokenStart: t, tokenEnd: end } };
    }
  }
  return null;
}

/**
 * A quote signed on the next line: "…" / "--Mike Ditka" (a dash, a name, nothing else on the line). Only a
 * quote that opens its paragraph is signed so: one that ends a sentence of its own is followed by the
 * article's byline at most.
 */
function signature(ctx: Context, from: number, stop: number, opensParagraph: boolean): { cue: TokenRange; speaker: TokenRange } | null {
  if (!opensParagraph) return null;
  let t = from;
  const dash = t;
  while (t < stop && /^[-—–]$/.test(ctx.norm(t))) t++;
  if (t === dash || t >= stop) return null;
  const line = ctx.paragraphOf[t]!;
  let e = t;
  while (e < stop && ctx.paragraphOf[e] === line && e - t < 6 && ctx.kind(e) === TokenKind.Word && ctx.isCapital(e)) e++;
  const lineEnds = e >= ctx.n || ctx.paragraphOf[e] !== line || ctx.norm(e) === ',';
  return e > t && lineEnds ? { cue: { tokenStart: dash, tokenEnd: t }, speaker: { tokenStart: t, tokenEnd: e } } : null;
}

/** X said: "…" / X told Reuters, "…" / according to X, "…" / X called it "a disaster". */
function speakerBefore(ctx: Context, last: number, paragraph: number): { cue: TokenRange; speaker: TokenRange | null; reported?: true } | null {
  if (last < 0) return null;
  // "Rosenbaum said in a statement:" and the quote in a paragraph of its own.
  if (ctx.paragraphOf[last] !== paragraph && ctx.norm(last) === ':') paragraph = ctx.paragraphOf[last]!;
  const sentence = ctx.sentenceOf[last]!;
  const s0 = ctx.doc.sentences[sentence]!;
  // A colon introduces speech from further back ("he said, to loud cheers in the audience: "…"").
  const reach = ctx.norm(last) === ':' || ctx.norm(last) === ',' ? 12 : 6;
  for (let k = last; k >= 0 && last - k <= reach; k--) {
    // Past the sentence: no cue; a name and a colon may still open the paragraph (below).
    if (ctx.paragraphOf[k] !== paragraph || ctx.sentenceOf[k] !== sentence || ctx.quoted[k] === 1 || ctx.isTerminal(k)) break;
    if (ctx.norm(k) === 'to' && k > 0 && ctx.norm(k - 1) === 'according') {
      const speaker = phraseAfter(ctx, k + 1, last + 1);
      return speaker ? { cue: { tokenStart: k - 1, tokenEnd: k + 1 }, speaker } : null;
    }
    const cue = ctx.isCue(k, QUOTE_CUE_FORMS);
    if (cue) return speakerOfCue(ctx, cue, s0.tokenStart, last);
  }
  // "Ganguly … wrote in the Hindustan Times in August that “…”", "one official noting that the
  // administration has urged agencies “…”": a quote inside a reported clause has its cue further back.
  for (let k = last, seenThat = false; k >= s0.tokenStart && last - k <= 25; k--) {
    if (ctx.paragraphOf[k] !== paragraph || ctx.quoted[k] === 1 || ctx.isTerminal(k) || ctx.norm(k) === ':') break;
    if (ctx.norm(k) === 'that') seenThat = true;
    const cue = seenThat && last - k > reach ? ctx.isCue(k, QUOTE_CUE_FORMS) : null;
    if (cue && !negated(ctx, k)) {
      const found = speakerOfCue(ctx, cue, s0.tokenStart, last);
      return found === null ? null : { ...found, reported: true };
    }
  }
  // "Babić: "…"" / "Senad Mehmedbasic, gynaecologist from Sarajevo: "…"": a name and a colon open the paragraph.
  if (ctx.norm(last) === ':') {
    let p0 = last;
    while (p0 > 0 && last - p0 <= 9 && !startsParagraph(ctx, p0)) p0--;
    if (startsParagraph(ctx, p0) && last - p0 <= 9 && last > p0 && ctx.isCapital(p0)) {
      let end = last;
      for (let k = p0 + 1; k < last; k++)
        if (ctx.norm(k) === ',') {
          end = k;
          break;
        }
      // A name: capitalised words only ("Scratched onto a wooden post is the simple note:" is not one).
      let name = end - p0 <= 4;
      for (let k = p0; k < end && name; k++) name = ctx.kind(k) === TokenKind.Word ? ctx.isCapital(k) : ctx.norm(k) === '.' || ctx.norm(k) === '-';
      if (name) return { cue: { tokenStart: last, tokenEnd: last + 1 }, speaker: { tokenStart: p0, tokenEnd: end } };
    }
  }
  return null;
}

/** Who speaks through a cue found before a quote (`last`: the token before the quote). */
function speakerOfCue(ctx: Context, cue: TokenRange, limit: number, last: number): { cue: TokenRange; speaker: TokenRange | null } | null {
  const k = cue.tokenStart;
  // "their reps gave a joint statement which read, …": the speaker is who gave the document.
  if (k - 2 > limit && (ctx.norm(k - 1) === 'which' || ctx.norm(k - 1) === 'that') && DOCUMENT_HEADS.has(ctx.norm(k - 2))) {
    let d = k - 3;
    while (d > limit && k - 3 - d < 4 && !DETERMINERS.has(ctx.norm(d))) d--;
    if (d > limit && DETERMINERS.has(ctx.norm(d))) {
      const giver = phraseBefore(ctx, d - 1, limit, false);
      if (giver) return { cue, speaker: giver };
    }
  }
  // "Dragana, who has described him as …": the speaker is who "who" stands for.
  let w = k - 1;
  while (w > limit && BETWEEN.has(ctx.norm(w))) w--;
  if (w - 1 > limit && ctx.norm(w) === 'who' && ctx.norm(w - 1) === ',') {
    const antecedent = cleanSpeaker(ctx, nameBefore(ctx, w - 1, limit)) ?? phraseBefore(ctx, w - 1, limit, false);
    if (antecedent) return { cue, speaker: antecedent };
  }
  const speaker = PARTICIPLES.has(ctx.norm(k))
    ? (cleanSpeaker(ctx, nameBefore(ctx, k, limit)) ??
      withSubject(ctx, k, limit) ??
      clauseSpeaker(ctx, k, limit) ??
      cleanSpeaker(ctx, sentenceSubject(ctx, limit, k)) ??
      subjectBefore(ctx, k, limit))
    : (phraseBefore(ctx, k, limit, false) ?? sentenceSubject(ctx, limit, k));
  if (speaker) return { cue, speaker };
  // "…, claiming they are "…"": what follows a participle is what was said, not who said it.
  if (PARTICIPLES.has(ctx.norm(k))) return { cue, speaker: null };
  const after = phraseAfter(ctx, cue.tokenEnd, last + 1);
  return after ? { cue, speaker: after } : null;
}

/** "Brzezinski saying …": a name (capitalised words) or a pronoun right before the cue. */
function nameBefore(ctx: Context, cue: number, limit: number): TokenRange | null {
  const t = cue - 1;
  if (t < limit) return null;
  if (SUBJECT_PRONOUNS.has(ctx.norm(t))) return { tokenStart: t, tokenEnd: cue };
  let k = cue;
  while (k - 1 >= limit && cue - k < 4 && ctx.kind(k - 1) === TokenKind.Word && ctx.isCapital(k - 1)) k--;
  // "wrote a response to JustBrenda explaining …": a name after a preposition is not the subject.
  if (k - 1 >= limit && OBJECT_PREPOSITIONS.has(ctx.norm(k - 1))) return null;
  return k < cue ? { tokenStart: k, tokenEnd: cue } : null;
}

/** "with a source telling PEOPLE …", "a call from a worried resident saying …", "quotes the model saying …": the noun phrase before the participle. */
function withSubject(ctx: Context, participle: number, limit: number): TokenRange | null {
  for (let k = participle - 1; k >= limit && participle - k <= 5; k--) {
    if (ctx.isBreak(k) || ctx.quoted[k] === 1) return null;
    if (NP_BEFORE_PARTICIPLE.has(ctx.norm(k))) return k + 1 < participle ? cleanSpeaker(ctx, { tokenStart: k + 1, tokenEnd: participle }) : null;
  }
  return null;
}

/**
 * "“…,” says the insider, noting …" / "Police said …, adding …": a participle after a comma continues
 * the clause before it, and its speaker is that clause's.
 */
function clauseSpeaker(ctx: Context, participle: number, limit: number): TokenRange | null {
  if (participle - 1 < limit || ctx.norm(participle - 1) !== ',') return null;
  for (let k = participle - 2; k >= limit && participle - k <= 30; k--) {
    if (ctx.quoted[k] === 1) continue;
    if (ctx.isTerminal(k)) return null;
    const cue = ctx.isCue(k, QUOTE_CUE_FORMS);
    // "When asked for …" is not the clause's speech.
    if (cue === null || PARTICIPLES.has(ctx.norm(k)) || (k > limit && SUBORDINATORS.has(ctx.norm(k - 1)))) continue;
    const before = phraseBefore(ctx, k, limit, false);
    if (before !== null && ctx.quoted[before.tokenEnd - 1] !== 1) return before;
    return cleanSpeaker(ctx, phraseAfter(ctx, cue.tokenEnd, participle - 1));
  }
  return null;
}

/** "…, saying "…"": the speaker is the sentence's subject, when it opens with a name or a pronoun. */
function sentenceSubject(ctx: Context, from: number, to: number): TokenRange | null {
  let k = from;
  // "But he …", "Still, she …": a leading conjunction or discourse word is not the subject.
  while (k < to && (ctx.isBreak(k) || CONJUNCTIONS.has(ctx.norm(k)) || DISCOURSE_WORDS.has(ctx.norm(k)))) k++;
  if (k >= to) return null;
  if (SUBJECT_PRONOUNS.has(ctx.norm(k))) return { tokenStart: k, tokenEnd: k + 1 };
  // "Asked whether …, Obama said": a sentence that opens with a participle has its subject later.
  if (/(ed|ing)$/.test(ctx.norm(k))) return null;
  let e = k;
  while (e < to && e - k < 5 && ctx.isCapital(e) && ctx.kind(e) === TokenKind.Word) e++;
  return e > k ? { tokenStart: k, tokenEnd: e } : null;
}

const CONJUNCTIONS = new Set(['but', 'and', 'so', 'or', 'yet']);
const QUOTE_CUE_FORMS = new FormSet(QUOTE_CUES);
const REPORT_CUE_FORMS = new FormSet(REPORT_CUES);
const OBJECT_PREPOSITIONS = new Set(['to', 'for', 'at', 'about', 'against', 'of', 'on', 'by']);
const NOUN_LIKE_CUES = new Set('note comment remark reply tweet claim report call post'.split(' '));
const SAID_AFTER_TO = new Set(['on', 'continued', 'continues', 'proceeded', 'proceeds', 'went', 'goes']);
/** Words after which a noun phrase is the subject of the participle that follows it ("with a source telling", "quotes the model saying"). */
const NP_BEFORE_PARTICIPLE = new Set(['with', 'from', 'quotes', 'quoted', 'quoting', 'cites', 'cited', 'citing', 'reports', 'reported', 'report']);
const SUBORDINATORS = new Set('when if as after before while once upon unless until because'.split(' '));

/**
 * "she was fired … after saying …", "Lin refused to provide them, claiming …": the nearest subject before
 * the participle in its sentence: a subject pronoun, or a name followed by its verb.
 */
function subjectBefore(ctx: Context, participle: number, limit: number): TokenRange | null {
  for (let k = participle - 1; k >= limit && participle - k <= 20; k--) {
    if (ctx.quoted[k] === 1) continue;
    if (SUBJECT_PRONOUNS.has(ctx.norm(k))) return { tokenStart: k, tokenEnd: k + 1 };
    const next = k + 1;
    if (!ctx.isCapital(k) || ctx.kind(k) !== TokenKind.Word || next >= participle || ctx.isCapital(next)) continue;
    if (ctx.kind(next) !== TokenKind.Word || FUNCTION_WORDS.has(ctx.norm(next)) || PREPOSITIONS.has(ctx.norm(next)) || NP_STOPS.has(ctx.norm(next))) continue;
    let start = k;
    while (start - 1 >= limit && k - start < 3 && ctx.isCapital(start - 1) && ctx.kind(start - 1) === TokenKind.Word) start--;
    return cleanSpeaker(ctx, { tokenStart: start, tokenEnd: next });
  }
  return null;
}

/**
 * A quoted span is someone's words when it is attributed and not a lone word, or runs to several words
 * and reads as speech. Scare quotes and quoted terms ("so-called “experts”") are not.
 */
function isSpeech(ctx: Context, q: QuoteSpan, a: Attribution, inClause: boolean): boolean {
  let words = 1;
  let capitalised = 0;
  let small = 0;
  let terminal = false;
  for (let k = q.start; k < q.end && words <= 14; k++) {
    const c = ctx.text.charCodeAt(k);
    const atWord = k === q.start || ctx.text.charCodeAt(k - 1) === 0x20 || ctx.text.charCodeAt(k - 1) === 0x0a;
    if (atWord && c !== 0x20 && c !== 0x0a) {
      if (k > q.start) words++;
      if (c >= 0x41 && c <= 0x5a) capitalised++;
      else if (/^(?:a|an|the|of|and|or|to|in|on|for|at|by|with|from)\b/.test(ctx.text.slice(k, k + 5))) small++;
    }
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2c) terminal = true;
  }
  // Titles and names in quotation marks ("A Message to America", "El Chucky"): every word capitalised
  // but the small ones, and no punctuation of speech.
  const trailing = ctx.text.charCodeAt(q.end - 1);
  const nameLike = !terminal || (words <= 3 && (trailing === 0x2c || trailing === 0x2e) && !/[.,!?]/.test(ctx.text.slice(q.start, q.end - 1)));
  if (words <= 12 && nameLike && capitalised + small === words && capitalised >= 1 && a.framed !== true) return false;
  if (a.cue) return true;
  if (inClause) return words >= 2;
  if (a.speaker) return words >= 2;
  return words >= 6 && !q.single;
}

/** Reported speech: "X said (that) …", "…, X said", "according to X, …". */
function reportedSpeech(ctx: Context, direct: readonly Attribution[], used: ReadonlySet<number>): Attribution[] {
  // `direct` holds every quoted span, speech or not.
  const { doc } = ctx;
  const out: Attribution[] = [];
  for (const s of doc.sentences) {
    let segStart = s.tokenStart;
    // Skip tokens inside quotes; the sentence's last token may be its full stop.
    let end = s.tokenEnd;
    while (end > s.tokenStart && (ctx.isBreak(end - 1) || ctx.quoted[end - 1] === 1) && !isWordy(ctx, end - 1)) end--;
    for (let t = s.tokenStart; t < end; t++) {
      if (ctx.quoted[t] === 1 || used.has(t)) continue;
      const cue = ctx.isCue(t, REPORT_CUE_FORMS);
      if (!cue) continue;
      const found = cue.tokenEnd - cue.tokenStart === 2 ? accordingTo(ctx, cue, segStart, end) : reportedAround(ctx, cue, segStart, end);
      if (!found) continue;
      const speaker = cleanSpeaker(ctx, found.attribution.speaker);
      if (!speaker) continue;
      found.attribution.speaker = speaker;
      out.push(found.attribution);
      segStart = found.next;
      t = Math.max(t, found.next - 1);
    }
  }
  // Drop a reported clause that is all inside one direct quote.
  // `direct` is in text order and its spans do not overlap: only the last one starting by a clause can hold it.
  return out.filter((a) => {
    const k = lastStartingBy(direct, a.start);
    return !(k >= 0 && a.end <= direct[k]!.end);
  });
}

function isWordy(ctx: Context, t: number): boolean {
  return ctx.kind(t) === TokenKind.Word || ctx.kind(t) === TokenKind.Number;
}

function clause(ctx: Context, from: number, to: number): { start: number; end: number } | null {
  while (from < to && (ctx.isBreak(from) || ctx.norm(from) === 'and' || ctx.norm(from) === 'but' || ctx.norm(from) === 'that')) from++;
  while (to > from && ctx.isBreak(to - 1) && ctx.quoted[to - 1] !== 1) to--;
  let words = 0;
  for (let k = from; k < to; k++) if (isWordy(ctx, k)) words++;
  if (words < 3) return null;
  return { start: ctx.doc.tokens.start[from]!, end: ctx.doc.tokens.end[to - 1]! };
}

function accordingTo(ctx: Context, cue: TokenRange, segStart: number, end: number): { attribution: Attribution; next: number } | null {
  const speaker = phraseAfter(ctx, cue.tokenEnd, end);
  if (!speaker) return null;
  // "According to X, …" or "…, according to X."
  let content: { start: number; end: number } | null;
  let next: number;
  if (cue.tokenStart - segStart <= 1) {
    let k = speaker.tokenEnd;
    while (k < end && !(ctx.norm(k) === ',')) k++;
    content = clause(ctx, k + 1, end);
    next = end;
  } else {
    content = clause(ctx, segStart, cue.tokenStart);
    next = speaker.tokenEnd;
  }
  if (!content) return null;
  return { attribution: { ...content, direct: false, unclosed: false, cue, speaker }, next };
}

/** Nouns as often as verbs: a cue only when "that" follows ("the study shows that …", not "TV shows"). */
const AMBIGUOUS = new Set('claims notes states reports report shows show shown finds find found adds'.split(' '));
/** Words that start an adjunct after a cue ("said Thursday", "told reporters last week"). */
const ADJUNCT_STARTS = new Set(
  'on in at during last this yesterday today tonight earlier later recently monday tuesday wednesday thursday friday saturday sunday adding according when while after before as of to'.split(' '),
);
const NEGATIONS = new Set(['not', "n't", 'never', 'no']);
/** Listeners after "told": "told reporters", "told the AP", "told CNN's Don Lemon". */
const LISTENERS = new Set('me us him her them you reporters journalists police investigators officers friends colleagues'.split(' '));

function negated(ctx: Context, c: number): boolean {
  for (let k = c - 1; k >= 0 && c - k <= 2; k--) {
    const w = ctx.norm(k);
    if (NEGATIONS.has(w) || w.endsWith("n't") || w.endsWith('n’t')) return true;
  }
  return false;
}

/** Tokens of the listener after a tell-verb ("told the Associated Press it was …"): where the clause starts. */
function skipListener(ctx: Context, from: number, end: number): number {
  if (from >= end) return from;
  if (LISTENERS.has(ctx.norm(from))) return from + 1;
  let k = from;
  if (ctx.norm(k) === 'the' || ctx.norm(k) === 'a') k++;
  const capitalStart = k;
  while (k < end && k - capitalStart < 6 && ctx.isCapital(k) && ctx.kind(k) === TokenKind.Word) k++;
  if (k > capitalStart) return k;
  if (k > from && k < end && ctx.kind(k) === TokenKind.Word) return k + 1;
  return from;
}

function reportedAround(ctx: Context, cue: TokenRange, segStart: number, end: number): { attribution: Attribution; next: number } | null {
  const c = cue.tokenStart;
  const w = ctx.norm(c);
  if (negated(ctx, c)) return null;
  if (AMBIGUOUS.has(w) && !(c + 1 < end && ctx.norm(c + 1) === 'that')) return null;
  let that = -1;
  for (let k = cue.tokenEnd; k < end && k - cue.tokenEnd <= 10; k++) {
    if (ctx.norm(k) === 'that') {
      that = k;
      break;
    }
    if (ctx.isBreak(k) && ctx.norm(k) !== ',') break;
  }
  // "…, X said (on Thursday / in a statement / told the Tajik service of Radio Liberty)." : the clause
  // before the comma is what was said, when little follows the cue.
  // What follows the cue in "…, X said ___": nothing, or adjuncts ("on Thursday", "in a statement", "told
  // the Tajik service of Radio Liberty"), never a clause of its own ("…, who asked not to be named, told
  // reporters the talks had ended").
  let rest = cue.tokenEnd;
  if (TELL_CUES.has(w)) rest = skipListener(ctx, rest, end);
  const adjunctsOnly = rest >= end || PREPOSITIONS.has(ctx.norm(rest)) || ADJUNCT_STARTS.has(ctx.norm(rest)) || ctx.isBreak(rest);
  let clauseEnd = end - cue.tokenEnd <= 9 && adjunctsOnly ? end : -1;
  // "…, he said in a letter, and …": the attribution ends at a comma before the next clause.
  for (let k = cue.tokenEnd; clauseEnd < 0 && k < end && k - cue.tokenEnd <= 7; k++) {
    if (ctx.norm(k) === ',' && k + 1 < end && /^(and|but|while|whereas)$/.test(ctx.norm(k + 1))) clauseEnd = k;
    else if (ctx.isBreak(k)) break;
  }
  if (that < 0 && clauseEnd >= 0) {
    let comma = -1;
    for (let k = c - 1; k > segStart && c - k <= 13; k--) {
      if (ctx.norm(k) === ',' && ctx.quoted[k] !== 1) {
        comma = k;
        break;
      }
      if (ctx.isBreak(k)) break;
    }
    if (comma > segStart) {
      const speaker = c === comma + 1 ? phraseAfter(ctx, cue.tokenEnd, end) : phraseBefore(ctx, c, comma + 1, true);
      const content = clause(ctx, segStart, comma);
      if (speaker && content) {
        let next = speaker.tokenEnd > c ? speaker.tokenEnd : cue.tokenEnd;
        while (next < end && ctx.norm(next) !== ',') next++;
        return { attribution: { ...content, direct: false, unclosed: false, cue, speaker }, next: Math.min(end, next + 1) };
      }
    }
  }
  // "X said (that) …": the speaker before the cue, what was said after it.
  const speaker = phraseBefore(ctx, c, segStart, false);
  if (!speaker) return null;
  let from: number;
  if (that >= 0) from = that + 1;
  else {
    from = TELL_CUES.has(w) ? skipListener(ctx, cue.tokenEnd, end) : cue.tokenEnd;
    if (from === cue.tokenEnd && TELL_CUES.has(w)) return null;
    if (from < end && (PREPOSITIONS.has(ctx.norm(from)) || ctx.isBreak(from) || ctx.quoted[from] === 1 || ctx.norm(from) === 'to')) return null;
  }
  // The clause runs to the sentence end, or to a second attribution ("…, but scientists said …").
  let stop = end;
  for (let k = from + 3; k < end; k++) {
    if (ctx.quoted[k] === 1) continue;
    const next = ctx.isCue(k, REPORT_CUE_FORMS);
    if (!next || AMBIGUOUS.has(ctx.norm(k))) continue;
    const p = phraseBefore(ctx, k, from, false);
    if (p && p.tokenStart > from && /^(,|but|and|while|whereas)$/.test(ctx.norm(p.tokenStart - 1))) {
      stop = p.tokenStart - 1;
      break;
    }
  }
  const content = clause(ctx, from, stop);
  if (!content) return null;
  return { attribution: { ...content, direct: false, unclosed: false, cue, speaker }, next: stop < end ? stop + 1 : end };
}
