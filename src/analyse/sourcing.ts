/**
 * The sourcing analyser: quotes and reported speech with their speakers, each source once with how it
 * is cited (named person, organisation, document, anonymous) and what the article says about reaching
 * it ("could not be reached for comment"), and the entities section.
 */
import type { EntityMention } from '../article/entity.js';
import type { Entity, Quote, Source, SourceKind, SourceNoteKind, SourcingSection, Span } from '../article/report.js';
import type { Doc } from '../text/doc.js';
import { FormSet } from '../text/lexicon.js';
import { TokenKind } from '../text/tokens.js';
import { findAttributions, type Attribution, type TokenRange } from './attribution.js';
import {
  ANONYMOUS_HEADS,
  DETERMINERS,
  DOCUMENT_HEADS,
  INSTITUTION_HEADS,
  PERSON_DESCRIPTIONS,
  PRONOUNS_OTHER,
  PRONOUNS_PERSON,
} from './attribution-words.js';
import { clusterEntities, nextPerson, type Entities } from './entities.js';

export interface SourcingResult {
  sourcing: SourcingSection;
  entities: Entity[];
  /** 1 for each token inside a direct quote (marks included), for analysers that skip quoted words. */
  quoted: Uint8Array;
}

/** Phrases that say a source was asked and did not answer, or is kept unnamed. */
const NOTE_PATTERNS: readonly [RegExp, SourceNoteKind][] = [
  [/\b(?:could ?not|couldn[’']t|cannot|can[’']t|was not|were not) (?:immediately )?(?:be )?(?:reached|contacted)\b/giu, 'not reached'],
  [/\b(?:declined|refused|did not want|didn[’']t want) to (?:comment|respond|elaborate|discuss|answer)\b|\bno comment\b/giu, 'declined to comment'],
  [/\b(?:did not|didn[’']t|has not|hasn[’']t|have not|haven[’']t) (?:immediately )?(?:respond|reply|return|answer)\b/giu, 'did not respond'],
  [/\b(?:declined|refused|asked not|did not want|didn[’']t want) to be (?:named|identified)\b|\b(?:on|under) (?:the )?condition (?:of|that they not be named|of not being named)\b|\bspeaking anonymously\b|\bunnamed\b/giu, 'not named'],
];

/** The words every note phrase contains one of. */
const NOTE_TRIGGERS = new FormSet(new Set('reached contacted comment respond reply return answer elaborate discuss named identified condition anonymously unnamed'.split(' ')));

const ORGANISATION_WORDS = /^(?:inc|corp|co|ltd|llc|plc|group|party|council|ministry|department|agency|university|college|institute|association|foundation|committee|commission|bank|court|police|army|company|news|times|post|press|network|service|office|organization|organisation|union|league|club|fund)$/;

export function analyseSourcing(doc: Doc, mentions: readonly EntityMention[]): SourcingResult {
  const attributions = findAttributions(doc);
  const quotedTokens = new Uint8Array(doc.tokens.length);
  for (const a of attributions) {
    if (!a.direct) continue;
    let t = firstTokenAt(doc, a.start);
    for (; t < doc.tokens.length && doc.tokens.start[t]! < a.end; t++) quotedTokens[t] = 1;
  }
  const entities = clusterEntities(doc, mentions, quotedTokens);
  for (const a of attributions) if (a.direct && !a.speaker && firstPerson(doc, a)) a.speaker = lastPersonBefore(doc, entities, quotedTokens, a.start) ?? undefined;
  const book = new SourceBook(doc, entities);

  const quotes: Quote[] = attributions.map((a) => {
    const q: Quote = { start: a.start, end: a.end, direct: a.direct };
    if (a.cue) q.cue = { ...spanOf(doc, a.cue), text: textOf(doc, a.cue) };
    if (a.speaker) {
      q.speaker = { ...spanOf(doc, a.speaker), text: textOf(doc, a.speaker) };
      q.source = book.attribute(a);
    }
    if (a.unclosed) q.unclosed = true;
    return q;
  });

  // The phrases are looked for only around the words they end on: a regular expression over the whole
  // text would cost more than everything else here.
  const seen = new Set<number>();
  for (let t = 0; t < doc.tokens.length; t++) {
    if (!NOTE_TRIGGERS.hasToken(doc.tokens, t) || doc.tokens.start[t]! < doc.bodyStart) continue;
    const from = Math.max(doc.bodyStart, doc.tokens.start[t]! - 60);
    const window = doc.text.slice(from, doc.tokens.end[t]! + 30);
    for (const [re, note] of NOTE_PATTERNS) {
      re.lastIndex = 0;
      for (let m = re.exec(window); m !== null; m = re.exec(window)) {
        const start = from + m.index;
        if (seen.has(start)) continue;
        seen.add(start);
        book.note(firstTokenAt(doc, start), { start, end: start + m[0].length, note });
      }
    }
  }

  const { sources, remap } = book.finish();
  for (const q of quotes) if (q.source !== undefined) q.source = remap[q.source]!;
  return { sourcing: { quotes, sources }, entities: entitySection(doc, entities), quoted: quotedTokens };
}

const FIRST_PERSON = new Set(['i', "i'm", "i've", "i'd", "i'll", 'me', 'my', 'myself']);

/** A quote in the first person singular: somebody's own words. */
function firstPerson(doc: Doc, a: { start: number; end: number }): boolean {
  for (let t = firstTokenAt(doc, a.start); t < doc.tokens.length && doc.tokens.start[t]! < a.end; t++) {
    if (FIRST_PERSON.has(doc.tokens.norm[t]!)) return true;
  }
  return false;
}

/**
 * A quote in the first person that nothing attributes ("After a week Shen decided to leave. ¶ “I decided
 * the best thing …”") is the words of the person the text last named or referred to, within the
 * sentences before it (about 80 words).
 */
function lastPersonBefore(doc: Doc, entities: Entities, quoted: Uint8Array, offset: number): TokenRange | null {
  const from = firstTokenAt(doc, offset);
  for (let t = from - 1; t >= 0 && from - t <= 100; t--) {
    if (quoted[t] === 1) continue;
    const c = entities.clusterOfToken[t]!;
    if (c >= 0 && entities.clusters[c]!.type === 'PER') {
      let start = t;
      while (start > 0 && entities.clusterOfToken[start - 1] === c) start--;
      return { tokenStart: start, tokenEnd: t + 1 };
    }
    if (entities.referentOfToken[t]! >= 0) return { tokenStart: t, tokenEnd: t + 1 };
  }
  return null;
}

function firstTokenAt(doc: Doc, offset: number): number {
  const st = doc.tokens.start;
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (st[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function spanOf(doc: Doc, r: TokenRange): Span {
  return { start: doc.tokens.start[r.tokenStart]!, end: doc.tokens.end[r.tokenEnd - 1]! };
}

function textOf(doc: Doc, r: TokenRange): string {
  const s = spanOf(doc, r);
  return doc.text.slice(s.start, s.end).replace(/\s+/g, ' ');
}

interface Resolved {
  key: string;
  name: string;
  kind: SourceKind;
  entity?: number;
  role?: string;
}

class SourceBook {
  private readonly sources: Source[] = [];
  private readonly byKey = new Map<string, number>();
  /** Each person's role as their names give it (null: none), worked out once. */
  private readonly roles = new Map<number, string | null>();
  /** The source (index into `sources`) whose speaker mention covers a token; -1 for none. */
  private readonly ownerOfToken: Int32Array;

  constructor(
    private readonly doc: Doc,
    private readonly entities: Entities,
  ) {
    this.ownerOfToken = new Int32Array(doc.tokens.length).fill(-1);
  }

  attribute(a: Attribution): number {
    const speaker = a.speaker!;
    const r = this.resolve(speaker);
    const i = this.source(r);
    const s = this.sources[i]!;
    if (a.direct) s.quotes++;
    else s.attributions++;
    if (this.ownerOfToken[speaker.tokenStart] !== i) {
      s.mentions.push(spanOf(this.doc, speaker));
      for (let t = speaker.tokenStart; t < speaker.tokenEnd; t++) this.ownerOfToken[t] = i;
    }
    return i;
  }

  note(at: number, note: { start: number; end: number; note: SourceNoteKind }): void {
    // The subject the note is about: the phrase just before it in its sentence ("Tajik police could not…",
    // "officials who declined to be named").
    const doc = this.doc;
    const owner = this.ownerOfToken[firstTokenAt(doc, note.start)] ?? -1;
    const within = owner >= 0 ? this.sources[owner] : undefined;
    if (within !== undefined) {
      if (note.note === 'not named' && within.kind !== 'person') within.kind = 'anonymous';
      if (!within.notes.some((n) => n.start === note.start)) within.notes.push(note);
      return;
    }
    let end = at;
    if (end > 0 && doc.tokens.norm[end - 1] === 'who') end--;
    let start = end;
    while (start > 0 && end - start < 8) {
      const t = start - 1;
      const k = doc.tokens.kind[t];
      if (k === TokenKind.Punct || k === TokenKind.Symbol || doc.tokens.norm[t] === 'and' || doc.tokens.norm[t] === 'but') break;
      if (doc.text.slice(doc.tokens.end[t]!, doc.tokens.start[t + 1]!).includes('\n')) break;
      start = t;
    }
    if (start === end) return;
    const r = this.resolve({ tokenStart: start, tokenEnd: end });
    if (note.note === 'not named' && r.kind !== 'person') r.kind = 'anonymous';
    const s = this.sources[this.source(r)]!;
    if (note.note === 'not named' && s.kind !== 'person') s.kind = 'anonymous';
    if (!s.notes.some((n) => n.start === note.start)) s.notes.push(note);
  }

  private source(r: Resolved): number {
    let i = this.byKey.get(r.key);
    if (i === undefined) {
      i = this.sources.length;
      this.sources.push({
        name: r.name,
        kind: r.kind,
        ...(r.role !== undefined ? { role: r.role } : {}),
        ...(r.entity !== undefined ? { entity: r.entity } : {}),
        quotes: 0,
        attributions: 0,
        mentions: [],
        notes: [],
      });
      this.byKey.set(r.key, i);
    } else if (r.role !== undefined && this.sources[i]!.role === undefined) {
      this.sources[i]!.role = r.role;
    }
    return i;
  }

  /** Who a speaker phrase names. */
  private resolve(p: TokenRange): Resolved {
    const { doc, entities } = this;
    const { clusters, clusterOfToken, referentOfToken } = entities;
    const words: string[] = [];
    for (let t = p.tokenStart; t < p.tokenEnd; t++) words.push(doc.tokens.norm[t]!);
    // "he's" / "she'd": the pronoun.
    if (words.length === 1) words[0] = words[0]!.replace(/'(s|d|re|ll)$/, '');
    const text = textOf(doc, p);

    // A recognised person in the phrase (the last one: "Putin's spokesman Dmitry Peskov"), else an organisation.
    let person = -1;
    let org = -1;
    // Only the head of the phrase names the speaker: "The conservative Zolnour, who is in Ayatollah Ali
    // Khamenei's inner circle" is Zolnour.
    let headEnd = p.tokenEnd;
    for (let t = p.tokenStart + 1; t < p.tokenEnd; t++) {
      const w = doc.tokens.norm[t]!;
      if (w === ',' || w === 'who' || w === 'which' || w === '(') {
        headEnd = t;
        break;
      }
    }
    const scan = (from: number, to: number): void => {
      for (let t = from; t < to; t++) {
        const c = clusterOfToken[t]!;
        if (c < 0) continue;
        if (clusters[c]!.type === 'PER') person = c;
        else if (clusters[c]!.type === 'ORG' && org < 0) org = c;
      }
    };
    scan(p.tokenStart, headEnd);
    // "the man's attorney, Lopa Blumenthal, told": the name is in the apposition, unless the head holds a
    // name of its own the recogniser missed ("The conservative Zolnour, who is in … Khamenei's circle").
    if (person < 0 && org < 0 && headEnd < p.tokenEnd && this.capitalisedWords({ tokenStart: p.tokenStart, tokenEnd: headEnd }) === 0) scan(headEnd, p.tokenEnd);
    const head = headWord(words);
    if (person >= 0) return this.person(person, p);
    if (words.length === 1 && PRONOUNS_PERSON.has(words[0]!)) {
      let c = referentOfToken[p.tokenStart]!;
      if (c < 0) c = nextPerson(entities, p.tokenEnd, 80);
      if (c >= 0) return this.person(c, p);
      return { key: 'unresolved:' + words[0], name: text, kind: 'unresolved' };
    }
    if (words.length === 1 && PRONOUNS_OTHER.has(words[0]!)) return { key: 'unresolved:' + words[0], name: text, kind: 'unresolved' };
    if (org >= 0) {
      // "Tajik police": the organisation's name is only a modifier of the institution that spoke.
      const orgEnd = clusters[org]!.names.find((m) => m.tokenStart >= p.tokenStart && m.tokenEnd <= p.tokenEnd)?.tokenEnd ?? p.tokenEnd;
      if (orgEnd < p.tokenEnd && head !== undefined && INSTITUTION_HEADS.has(head)) {
        const name = text.replace(/^the\s+/i, '');
        return { key: 'organisation:' + name.toLowerCase(), name, kind: 'organisation', entity: org };
      }
      const role = head !== undefined && !ORGANISATION_WORDS.test(head) && (ANONYMOUS_HEADS.has(head) || PERSON_DESCRIPTIONS.has(head)) ? head : undefined;
      return { key: 'entity:' + org, name: clusters[org]!.name, kind: 'organisation', entity: org, ...(role ? { role } : {}) };
    }
    // "the 40-year-old", "the colonel": the person last named.
    if (words[0] === 'the' && words.length <= 4 && head !== undefined && (PERSON_DESCRIPTIONS.has(head) || /year-old$/.test(head)) && !/s$/.test(head)) {
      let last = -1;
      for (let t = p.tokenStart - 1; t >= 0 && last < 0 && p.tokenStart - t < 400; t--) {
        const c = clusterOfToken[t]!;
        if (c >= 0 && clusters[c]!.type === 'PER') last = c;
      }
      if (last >= 0) return this.person(last, p);
    }
    const key = words.filter((w) => !DETERMINERS.has(w)).join(' ');
    if (head !== undefined && DOCUMENT_HEADS.has(head)) return { key: 'document:' + key, name: text, kind: 'document' };
    if (head !== undefined && INSTITUTION_HEADS.has(head)) return { key: 'organisation:' + key, name: text, kind: 'organisation' };
    const capitalised = this.capitalisedWords(p);
    if (capitalised > 0 && (head === undefined || !ANONYMOUS_HEADS.has(head))) {
      // A name the recogniser missed: two or three capitalised words read as a person, more as an organisation.
      const kind: SourceKind = capitalised <= 3 && capitalised === words.length ? 'person' : 'organisation';
      return { key: kind + ':' + key, name: text, kind };
    }
    return { key: 'anonymous:' + key, name: text, kind: 'anonymous' };
  }

  private person(c: number, p: TokenRange): Resolved {
    const role = this.roleOf(c, p);
    return { key: 'entity:' + c, name: this.entities.clusters[c]!.name, kind: 'person', entity: c, ...(role ? { role } : {}) };
  }

  /** Capitalised words, not counting a common word capitalised only because it starts the sentence ("One mom"). */
  private capitalisedWords(p: TokenRange): number {
    let n = 0;
    for (let t = p.tokenStart; t < p.tokenEnd; t++) {
      const ch = this.doc.text.charCodeAt(this.doc.tokens.start[t]!);
      if (!(ch >= 0x41 && ch <= 0x5a && this.doc.tokens.kind[t] === TokenKind.Word)) continue;
      const w = this.doc.tokens.norm[t]!;
      if ((DETERMINERS.has(w) || ANONYMOUS_HEADS.has(w)) && this.startsSentence(t)) continue;
      n++;
    }
    return n;
  }

  private startsSentence(t: number): boolean {
    if (t === 0) return true;
    const prev = this.doc.tokens.norm[t - 1]!;
    return prev === '.' || prev === '!' || prev === '?' || this.doc.text.slice(this.doc.tokens.end[t - 1]!, this.doc.tokens.start[t]!).includes('\n');
  }

  /**
   * The person's role: title words before the first full mention ("Government spokeswoman Rosario
   * Murillo", "Colonel Gulmurod Khalimov"), else an apposition after a mention (", a 40-year-old native
   * of …,").
   */
  private roleOf(c: number, speaker: TokenRange): string | undefined {
    // What the names themselves give is worked out once per person; only the speaker's own apposition varies.
    let fromNames = this.roles.get(c);
    if (fromNames === undefined) {
      fromNames = this.roleFromNames(c) ?? null;
      this.roles.set(c, fromNames);
    }
    return fromNames ?? this.apposition(speaker.tokenEnd);
  }

  private roleFromNames(c: number): string | undefined {
    const { doc, entities } = this;
    const names = entities.clusters[c]!.names;
    for (const m of names) {
      let k = m.tokenStart;
      while (k > 0 && m.tokenStart - k < 4) {
        const t = k - 1;
        const w = doc.tokens.norm[t]!;
        if (doc.tokens.kind[t] !== TokenKind.Word || DETERMINERS.has(w)) break;
        const ch = doc.text.charCodeAt(doc.tokens.start[t]!);
        const cap = ch >= 0x41 && ch <= 0x5a;
        const other = entities.clusterOfToken[t]!;
        if (!(cap || PERSON_DESCRIPTIONS.has(w)) || (other >= 0 && entities.clusters[other]!.type === 'PER')) break;
        if (doc.text.slice(doc.tokens.end[t]!, doc.tokens.start[t + 1]!).includes('\n')) break;
        k = t;
      }
      // A lone capitalised word that only starts its sentence ("Then Smith") is no title; "Police Colonel" is.
      const sentenceStartOnly = m.tokenStart - k === 1 && !PERSON_DESCRIPTIONS.has(doc.tokens.norm[k]!) && this.sentenceStarts().has(k);
      if (k < m.tokenStart && !sentenceStartOnly) return doc.text.slice(doc.tokens.start[k]!, doc.tokens.end[m.tokenStart - 1]!);
    }
    for (const m of names) {
      const role = this.apposition(m.tokenEnd);
      if (role !== undefined) return role;
    }
    return undefined;
  }

  /** ", a 40-year-old native of Dushanbe," right after token `t`. */
  private apposition(t: number): string | undefined {
    const { doc } = this;
    if (!(t + 1 < doc.tokens.length && doc.tokens.norm[t] === ',' && /^(a|an|the)$/.test(doc.tokens.norm[t + 1]!))) return undefined;
    let e = t + 1;
    // Hyphens and apostrophes stay inside ("a 40-year-old native of …").
    while (e < doc.tokens.length && e - t < 16 && (doc.tokens.kind[e] !== TokenKind.Punct || /^[-'’]$/.test(doc.tokens.norm[e]!))) e++;
    return e - t >= 3 ? doc.text.slice(doc.tokens.start[t + 1]!, doc.tokens.end[e - 1]!) : undefined;
  }

  private starts: Set<number> | undefined;
  private sentenceStarts(): Set<number> {
    return (this.starts ??= new Set(this.doc.sentences.map((s) => s.tokenStart)));
  }

  finish(): { sources: Source[]; remap: number[] } {
    const order = this.sources.map((_, i) => i).sort((a, b) => {
      const sa = this.sources[a]!;
      const sb = this.sources[b]!;
      return sb.quotes + sb.attributions - (sa.quotes + sa.attributions) || a - b;
    });
    const remap: number[] = new Array(order.length);
    order.forEach((old, i) => (remap[old] = i));
    return { sources: order.map((i) => this.sources[i]!), remap };
  }
}


/** The head noun of a speaker phrase: the last word before "who", "of", "for", "with"… */
function headWord(words: readonly string[]): string | undefined {
  let end = words.length;
  for (let i = 1; i < words.length; i++) {
    if (/^(who|that|which|of|for|with|from|by|at|in|on|familiar|close|involved|told)$/.test(words[i]!)) {
      end = i;
      break;
    }
  }
  for (let i = end - 1; i >= 0; i--) if (/\p{L}/u.test(words[i]!)) return words[i]!.replace(/['’]s$/u, '');
  return undefined;
}

function entitySection(doc: Doc, entities: Entities): Entity[] {
  const out: Entity[] = entities.clusters.map((c) => {
    const mentions: Span[] = c.names.map((m) => ({ start: m.start, end: m.end }));
    for (const t of c.pronouns) mentions.push({ start: doc.tokens.start[t]!, end: doc.tokens.end[t]! });
    mentions.sort((a, b) => a.start - b.start);
    return { name: c.name, type: c.type, count: mentions.length, first: mentions[0]!.start, mentions };
  });
  return out;
}
