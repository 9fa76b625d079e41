/**
 * Labelled sentences for the entity recogniser: JSON lines {"tokens": [...], "tags": [...]} in IOB2
 * (plain or gzipped), and their alignment to a Doc. A pre-tokenised sentence becomes a Doc by joining
 * its tokens with spaces; the Doc's own tokens are tagged (the product path) and mapped back to the
 * gold tokens, so evaluation runs exactly what `recogniseEntities` runs.
 */
import { InputError, UsageError } from '../../article/errors.js';
import { ENTITY_TYPES, type EntityType } from '../../article/entity.js';
import { makeDoc, type Doc } from '../../text/doc.js';
import { readFileText } from '../../text/file-text.js';
import { TAG_INDEX } from './features.js';

export interface IobSentence {
  tokens: string[];
  tags: string[];
  /** The record's group (an article): its "doc", else the part of its "id" before "#"; null when neither. */
  group: string | null;
  /** True when the group comes from a "doc" field (an article number, as Wikigold's). */
  hasDoc: boolean;
  line: number;
}

const TYPES = new Set<string>(ENTITY_TYPES);

/** One line, or the problem with it. */
export function parseIobLine(text: string, file: string, line: number): IobSentence | InputError {
  const bad = (message: string, field?: string): InputError => new InputError('E_FIELD', message, field === undefined ? { file, line } : { file, line, field });
  let r: unknown;
  try {
    r = JSON.parse(text);
  } catch {
    return new InputError('E_PARSE', 'not valid JSON', { file, line });
  }
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return bad('expected a JSON object {"tokens": [...], "tags": [...]}');
  const o = r as Record<string, unknown>;
  if (!Array.isArray(o.tokens)) return bad('expected an array of strings', 'tokens');
  if (!Array.isArray(o.tags)) return bad('expected an array of IOB2 tags', 'tags');
  if (o.tokens.length !== o.tags.length) return bad(`${o.tokens.length} tokens but ${o.tags.length} tags`, 'tags');
  for (let i = 0; i < o.tokens.length; i++) {
    const t = o.tokens[i];
    if (typeof t !== 'string' || t.trim() === '') return bad(`token ${i} is ${typeof t === 'string' ? 'empty' : 'not a string'}`, 'tokens');
  }
  for (let i = 0; i < o.tags.length; i++) {
    const g = o.tags[i];
    if (typeof g !== 'string' || (g !== 'O' && !/^[BI]-[A-Z]+$/.test(g)) || (g !== 'O' && !TYPES.has(g.slice(2)))) {
      return bad(`tag ${i} is ${JSON.stringify(g)}; expected O or B-/I- with PER, ORG, LOC or MISC`, 'tags');
    }
  }
  const id = typeof o.id === 'string' && o.id.includes('#') ? o.id.slice(0, o.id.lastIndexOf('#')) : null;
  const group = o.doc === undefined || o.doc === null ? id : String(o.doc);
  return { tokens: o.tokens as string[], tags: o.tags as string[], group, hasDoc: o.doc !== undefined && o.doc !== null, line };
}

/** Every good line of a file; bad lines go to `onError` (with file and line) and are skipped. */
export function readIobFile(path: string, onError: (e: InputError) => void): IobSentence[] {
  const file = readFileText(path);
  if (file instanceof InputError) throw new UsageError(file.code, file.message, file.where);
  const lines = file.text.split('\n');
  const out: IobSentence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    if (text === '') continue;
    const r = parseIobLine(text, path, i + 1);
    if (r instanceof InputError) onError(r);
    else out.push(r);
  }
  return out;
}

/** A gold entity over gold tokens [start, end). */
export interface Span {
  start: number;
  end: number;
  type: EntityType;
}

/** Entities of an IOB2 sequence (an I-X that does not continue an X starts one, as conlleval reads it). */
export function spansOf(tags: readonly string[]): Span[] {
  const out: Span[] = [];
  let cur: Span | null = null;
  for (let i = 0; i < tags.length; i++) {
    const g = tags[i]!;
    if (g === 'O') {
      cur = null;
      continue;
    }
    const type = g.slice(2) as EntityType;
    if (g.startsWith('B-') || cur === null || cur.type !== type) {
      cur = { start: i, end: i + 1, type };
      out.push(cur);
    } else cur.end = i + 1;
  }
  return out;
}

/** Consecutive sentences of one article, in file order (a sentence without a group stands alone). */
export function groupSentences(sentences: readonly IobSentence[]): IobSentence[][] {
  const out: IobSentence[][] = [];
  let prev: string | null = null;
  for (const s of sentences) {
    if (s.group !== null && s.group === prev) out[out.length - 1]!.push(s);
    else out.push([s]);
    prev = s.group;
  }
  return out;
}

/** Labelled sentences as one Doc (an article's sentences, a paragraph each): gold tags per Doc token, and each Doc token's gold token. */
export interface AlignedSentence {
  doc: Doc;
  /** Tag index (features.TAGS) per Doc token. */
  gold: Uint8Array;
  /** Gold token index per Doc token, counted over the group's sentences in order. */
  goldToken: Int32Array;
  /** Gold entities over the same numbering. */
  spans: Span[];
}

export function align(group: IobSentence | readonly IobSentence[]): AlignedSentence {
  const sentences = Array.isArray(group) ? (group as readonly IobSentence[]) : [group as IobSentence];
  // Whitespace inside a token would split it: replaced by "_" (same length, so offsets hold).
  const parts: string[] = [];
  const tags: string[] = [];
  const startOf: number[] = [];
  const spans: Span[] = [];
  let body = '';
  for (const s of sentences) {
    if (body !== '') body += '\n\n';
    for (const sp of spansOf(s.tags)) spans.push({ start: sp.start + parts.length, end: sp.end + parts.length, type: sp.type });
    s.tokens.forEach((t, k) => {
      if (k > 0) body += ' ';
      startOf.push(body.length);
      const part = t.replace(/\s/g, '_');
      parts.push(part);
      tags.push(s.tags[k]!);
      body += part;
    });
  }
  const doc = makeDoc({ title: '', body });
  const n = doc.tokens.length;
  const gold = new Uint8Array(n);
  const goldToken = new Int32Array(n);
  let k = 0;
  let prevGold = -1;
  for (let i = 0; i < n; i++) {
    const st = doc.tokens.start[i]!;
    while (k + 1 < parts.length && startOf[k + 1]! <= st) k++;
    goldToken[i] = k;
    const g = tags[k]!;
    if (g === 'O') gold[i] = 0;
    else {
      const type = g.slice(2);
      // B only on the first Doc token of a B- gold token, or where an I- does not continue its type.
      const continues = prevGold >= 0 && (k === prevGold || !g.startsWith('B-')) && tags[prevGold] !== 'O' && tags[prevGold]!.slice(2) === type && (k === prevGold || k === prevGold + 1);
      gold[i] = TAG_INDEX.get(`${continues ? 'I' : 'B'}-${type}`)!;
    }
    prevGold = k;
  }
  return { doc, gold, goldToken, spans };
}
