/**
 * Entities: the recognised names of one article merged into the things they name ("Colonel Gulmurod
 * Khalimov", "Khalimov" and a later "he" are one person), with their mentions, counts and first offset.
 */
import type { EntityMention, EntityType } from '../article/entity.js';
import type { Doc } from '../text/doc.js';
import { TokenKind } from '../text/tokens.js';
import { FEMALE_NAMES, FEMALE_TITLES, MALE_NAMES, MALE_TITLES, PRONOUNS_PERSON } from './attribution-words.js';

export interface EntityCluster {
  type: EntityType;
  /** The fullest name given (the longest mention). */
  name: string;
  /** Name mentions, in text order. */
  names: EntityMention[];
  /** Pronouns resolved to this entity: token indexes. */
  pronouns: number[];
}

export interface Entities {
  clusters: EntityCluster[];
  /** Cluster index per token (-1: not part of a name). */
  clusterOfToken: Int32Array;
  /** Cluster index of the person a he/she/him/her token refers to (-1: not resolved or not a pronoun). */
  referentOfToken: Int32Array;
}

const POSSESSIVE = /['’]s$/u;

function nameWords(doc: Doc, m: EntityMention): string[] {
  const out: string[] = [];
  for (let t = m.tokenStart; t < m.tokenEnd; t++) {
    let w = doc.tokens.norm[t]!;
    if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
    if (doc.tokens.kind[t] !== TokenKind.Punct && w !== '') out.push(w);
  }
  return out;
}

function mentionText(doc: Doc, m: EntityMention): string {
  return doc.text.slice(m.start, m.end).replace(POSSESSIVE, '').replace(/\s+/g, ' ').trim();
}

/**
 * Merge mentions into entities. A person's shorter mention joins the person whose fuller name ends with
 * it or contains it ("Khalimov" → "Gulmurod Khalimov"); other types merge on the same words, without a
 * leading "the". Pronouns he/she/him/her outside quotes resolve to the person last named before them.
 */
export function clusterEntities(doc: Doc, mentions: readonly EntityMention[], quoted?: Uint8Array): Entities {
  const clusters: EntityCluster[] = [];
  const byKey = new Map<string, number>();
  const personWords: { words: string[]; cluster: number; lastUse: number }[] = [];
  /** Persons (indexes into personWords) whose name has a word: the candidates a new name can join. */
  const personsWith = new Map<string, number[]>();
  const clusterOfToken = new Int32Array(doc.tokens.length).fill(-1);

  const longest = (c: EntityCluster): EntityMention => c.names.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  for (const m of consistentTypes(doc, mentions)) {
    const words = nameWords(doc, m);
    if (words.length === 0) continue;
    if (words[0] === 'the' && words.length > 1) words.shift();
    let index = -1;
    if (m.type === 'PER') {
      // The most recently named person this name can be: the same words, a surname or first name of a
      // fuller name, or the fuller name's tail ("Gulmurod Khalimov" in "Colonel Gulmurod Khalimov").
      let best = -1;
      const short1 = words.length === 1;
      for (const k of personsWith.get(words[words.length - 1]!) ?? []) {
        const p = personWords[k]!;
        const [short, long] = p.words.length <= words.length ? [p.words, words] : [words, p.words];
        const same = short.length === 1 ? long.includes(short[0]!) : endsWith(long, short);
        if (same && (best < 0 || p.lastUse > personWords[best]!.lastUse)) best = k;
      }
      // A one-word name may be a first name ("Gulmurod"), not only a surname.
      if (best < 0 && short1) {
        for (const k of personsWith.get(words[0]!) ?? []) if (best < 0 || personWords[k]!.lastUse > personWords[best]!.lastUse) best = k;
      }
      if (best >= 0) {
        const p = personWords[best]!;
        index = p.cluster;
        p.lastUse = m.start;
        if (words.length > p.words.length) {
          for (const w of words) {
            if (p.words.includes(w)) continue;
            let list = personsWith.get(w);
            if (list === undefined) personsWith.set(w, (list = []));
            list.push(best);
          }
          p.words = words;
        }
      } else {
        index = clusters.length;
        clusters.push({ type: 'PER', name: '', names: [], pronouns: [] });
        personWords.push({ words, cluster: index, lastUse: m.start });
        const k = personWords.length - 1;
        for (const w of new Set(words)) {
          let list = personsWith.get(w);
          if (list === undefined) personsWith.set(w, (list = []));
          list.push(k);
        }
      }
    } else {
      const key = m.type + ':' + words.join(' ');
      index = byKey.get(key) ?? -1;
      if (index < 0) {
        index = clusters.length;
        clusters.push({ type: m.type, name: '', names: [], pronouns: [] });
        byKey.set(key, index);
      }
    }
    clusters[index]!.names.push(m);
    for (let t = m.tokenStart; t < m.tokenEnd; t++) clusterOfToken[t] = index;
  }
  for (const c of clusters) c.name = mentionText(doc, longest(c));

  // Pronouns: the person last named whose given name or title does not say otherwise ("she" skips a
  // David; "he" skips a Laura).
  const gender = clusters.map((c) => (c.type === 'PER' ? genderOf(doc, c) : 0));
  const referentOfToken = new Int32Array(doc.tokens.length).fill(-1);
  const recent: number[] = [];
  const bodyFrom = firstBodyToken(doc);
  for (let t = 0; t < doc.tokens.length; t++) {
    const c = clusterOfToken[t]!;
    if (c >= 0 && clusters[c]!.type === 'PER') {
      // A name inside a quote is the speaker talking about someone: "he said" after it is still the speaker.
      if (quoted?.[t] !== 1 && recent[0] !== c) {
        const at = recent.indexOf(c);
        if (at >= 0) recent.splice(at, 1);
        recent.unshift(c);
        if (recent.length > 6) recent.pop();
      }
      continue;
    }
    if (recent.length === 0 || t < bodyFrom || quoted?.[t] === 1) continue;
    let w = doc.tokens.norm[t]!;
    const c0 = w.charCodeAt(0);
    if ((c0 !== 104 && c0 !== 115) || w.length > 5) continue; // h…, s…: he, him, her, she, she's
    if (w.length > 3 && w.charCodeAt(w.length - 2) === 39) w = w.slice(0, -2);
    if (!PRONOUNS_PERSON.has(w)) continue;
    const wanted = w === 'he' || w === 'him' ? 1 : -1;
    const who = recent.find((k) => gender[k] !== -wanted) ?? recent[0]!;
    referentOfToken[t] = who;
    clusters[who]!.pronouns.push(t);
  }
  return { clusters, clusterOfToken, referentOfToken };
}

/**
 * One-word names the recogniser calls a person in one place and something else in another ("Tajik"
 * police, the "Tajik" capital) are not people: they take their most frequent other type.
 */
function consistentTypes(doc: Doc, mentions: readonly EntityMention[]): EntityMention[] {
  const types = new Map<string, Map<EntityType, number>>();
  for (const m of mentions) {
    if (m.tokenEnd - m.tokenStart !== 1) continue;
    const form = doc.tokens.norm[m.tokenStart]!.replace(POSSESSIVE, '');
    let t = types.get(form);
    if (t === undefined) types.set(form, (t = new Map()));
    t.set(m.type, (t.get(m.type) ?? 0) + 1);
  }
  return mentions.map((m) => {
    if (m.type !== 'PER' || m.tokenEnd - m.tokenStart !== 1) return m;
    const form = doc.tokens.norm[m.tokenStart]!.replace(POSSESSIVE, '');
    // "Tajiks" beside "Tajik" police: a people, not a person.
    const singular = form.endsWith('s') ? types.get(form.slice(0, -1)) : undefined;
    if (singular !== undefined && [...singular.keys()].some((k) => k !== 'PER')) return { ...m, type: 'MISC' as const };
    const t = types.get(form)!;
    let best: EntityType | null = null;
    for (const [type, n] of t) if (type !== 'PER' && (best === null || n > t.get(best)!)) best = type;
    return best === null ? m : { ...m, type: best };
  });
}

function endsWith(long: readonly string[], short: readonly string[]): boolean {
  const off = long.length - short.length;
  for (let i = 0; i < short.length; i++) if (long[off + i] !== short[i]) return false;
  return true;
}

/** 1 for a man, -1 for a woman, 0 when neither the given names nor a title before a name says. */
function genderOf(doc: Doc, c: EntityCluster): number {
  let vote = 0;
  for (const m of c.names) {
    const first = doc.tokens.norm[m.tokenStart]!;
    if (m.tokenEnd - m.tokenStart > 1 || c.names.length === 1) {
      if (MALE_NAMES.has(first)) vote++;
      else if (FEMALE_NAMES.has(first)) vote--;
    }
    if (m.tokenStart > 0) {
      const title = doc.tokens.norm[m.tokenStart - 1]!;
      if (MALE_TITLES.has(title)) vote++;
      else if (FEMALE_TITLES.has(title)) vote--;
    }
  }
  return Math.sign(vote);
}

function firstBodyToken(doc: Doc): number {
  for (const s of doc.sentences) if (!s.inTitle) return s.tokenStart;
  return doc.tokens.length;
}

/** The first person named after token `t` within `window` tokens (a lede's "he said" names him later). */
export function nextPerson(entities: Entities, t: number, window: number): number {
  const { clusterOfToken, clusters } = entities;
  for (let k = t + 1; k < clusterOfToken.length && k - t <= window; k++) {
    const c = clusterOfToken[k]!;
    if (c >= 0 && clusters[c]!.type === 'PER') return c;
  }
  return -1;
}
