/**
 * Token forms interned once per process: each distinct form gets an id, and what features need of it
 * (its hash in each namespace, whether it is a function word, its character n-grams) is computed once
 * and then read from arrays. Ids are a cache, never a feature: hashes depend only on the form, so the
 * lexicon can be dropped at any time without changing a single feature value.
 */
import { hashPair, hashString } from './hash.js';

export const SEED = { word: 0x5bd1e995, title: 0x1b873593, char: 0x27d4eb2d, shape: 0x165667b1 } as const;

/** Beyond this many forms the lexicon starts afresh, so a corpus of millions cannot grow it without bound. */
const LIMIT = 1 << 20;

export const FUNCTION_WORDS = new Set(
  (
    'a about above after again against all also although am among an and another any anyone anything are around as at ' +
    'be because been before being below between both but by can could did do does doing down during each either enough ' +
    'even ever every few for from further had has have having he her here hers herself him himself his how however i if ' +
    'in into is it its itself just least less many may me might mine more most much must my myself neither never no nobody ' +
    'none nor not nothing now of off often on once one only or other others our ours ourselves out over own per perhaps ' +
    'quite rather same several shall she should since so some someone something still such than that the their theirs them ' +
    'themselves then there these they this those though through thus till to too toward towards under unless until up upon ' +
    'us very via was we well were what whatever when whenever where whether which while who whoever whom whose why will ' +
    'with within without would yet you your yours yourself yourselves ' +
    "don't doesn't didn't can't won't isn't aren't wasn't weren't it's i'm i've i'd i'll you're you've we're they're he's she's that's there's " +
    'said says say told according reportedly allegedly apparently really actually totally absolutely literally ' +
    'mr mrs ms dr'
  ).split(' '),
);

export class Lexicon {
  private ids = new Map<string, number>();
  private forms: string[] = [];
  /** Bumped when the lexicon starts afresh: ids of an older generation mean nothing. */
  generation = 0;
  // ASCII forms also sit in an open-addressing table keyed by an FNV hash of their lower-cased
  // characters, so the tokenizer can find a word's id straight from the text, without a substring.
  private asciiSlots = new Int32Array(1 << 16).fill(-1);
  private asciiHashes = new Int32Array(1 << 16);
  private asciiCount = 0;
  // The characters of every ASCII form, end to end, so a lookup compares against contiguous memory
  // instead of chasing a string object per probe.
  private pool = new Uint16Array(1 << 18);
  private poolUsed = 0;
  private formStart: Int32Array<ArrayBuffer> = new Int32Array(4096);
  private formLength: Int32Array<ArrayBuffer> = new Int32Array(4096);
  wordHash: Int32Array<ArrayBuffer> = new Int32Array(4096);
  titleHash: Int32Array<ArrayBuffer> = new Int32Array(4096);
  /** Hash of the form in the writing-pattern namespace; used for function words and punctuation. */
  shapeHash: Int32Array<ArrayBuffer> = new Int32Array(4096);
  functionWord = new Uint8Array(4096);
  private chars = new Map<number, (Int32Array | undefined)[]>();

  get size(): number {
    return this.forms.length;
  }

  /** Starts afresh once the lexicon holds `limit` forms; ids of the older generation become invalid. */
  trim(limit = LIMIT): void {
    if (this.forms.length < limit) return;
    this.ids = new Map();
    this.forms = [];
    this.chars = new Map();
    this.asciiSlots = new Int32Array(1 << 16).fill(-1);
    this.asciiHashes = new Int32Array(1 << 16);
    this.asciiCount = 0;
    this.poolUsed = 0;
    this.generation++;
  }

  form(id: number): string {
    return this.forms[id]!;
  }

  id(form: string): number {
    const known = this.ids.get(form);
    if (known !== undefined) return known;
    // A fresh copy: `form` may be a view into a whole article (see lowerCopy).
    return this.add(Buffer.from(form, 'utf16le').toString('utf16le'), isAscii(form) ? fnv(form, 0, form.length) : undefined);
  }

  /**
   * The id of the lower-cased form of `text[start, end)`, all of whose characters are ASCII; the form is
   * only sliced out of the text the first time it is seen.
   */
  asciiId(text: string, start: number, end: number): number {
    const h = fnv(text, start, end);
    return this.asciiIdHashed(text, start, end, h);
  }

  /**
   * `asciiId` for a range already hashed with `asciiHash` (from `asciiHash`, whose null says: not all ASCII, use `id`): the
   * tokenizer checks and hashes a word in one pass.
   */
  asciiIdHashed(text: string, start: number, end: number, h: number): number {
    const mask = this.asciiSlots.length - 1;
    const len = end - start;
    for (let s = slotOf(h, mask); ; s = (s + 1) & mask) {
      const id = this.asciiSlots[s]!;
      if (id < 0) break;
      if (this.asciiHashes[s] === h && this.matches(id, text, start, len)) return id;
    }
    return this.add(lowerCopy(text, start, end), h);
  }

  private add(form: string, asciiHash: number | undefined): number {
    const id = this.forms.length;
    if (id === this.wordHash.length) this.grow();
    this.forms.push(form);
    this.ids.set(form, id);
    this.wordHash[id] = hashString(form, SEED.word);
    this.titleHash[id] = hashString(form, SEED.title);
    this.shapeHash[id] = hashString(form, SEED.shape);
    this.functionWord[id] = FUNCTION_WORDS.has(form) ? 1 : 0;
    if (asciiHash !== undefined) this.putAscii(asciiHash, id);
    return id;
  }

  private matches(id: number, text: string, start: number, len: number): boolean {
    if (this.formLength[id] !== len) return false;
    const from = this.formStart[id]!;
    const pool = this.pool;
    for (let i = 0; i < len; i++) {
      let c = text.charCodeAt(start + i);
      if (c >= 65 && c <= 90) c |= 32;
      if (pool[from + i] !== c) return false;
    }
    return true;
  }

  private putAscii(h: number, id: number): void {
    const form = this.forms[id]!;
    if (this.poolUsed + form.length > this.pool.length) {
      const bigger = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + form.length));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    this.formStart[id] = this.poolUsed;
    this.formLength[id] = form.length;
    for (let i = 0; i < form.length; i++) this.pool[this.poolUsed + i] = form.charCodeAt(i);
    this.poolUsed += form.length;
    if (++this.asciiCount * 2 > this.asciiSlots.length) {
      const old = this.asciiSlots;
      const oldHashes = this.asciiHashes;
      this.asciiSlots = new Int32Array(old.length * 2).fill(-1);
      this.asciiHashes = new Int32Array(old.length * 2);
      for (let s = 0; s < old.length; s++) if (old[s]! >= 0) this.place(oldHashes[s]!, old[s]!);
    }
    this.place(h, id);
  }

  private place(h: number, id: number): void {
    const mask = this.asciiSlots.length - 1;
    let s = slotOf(h, mask);
    while (this.asciiSlots[s]! >= 0) s = (s + 1) & mask;
    this.asciiSlots[s] = id;
    this.asciiHashes[s] = h;
  }

  /** Hashes of the character n-grams (lengths min..max) of " form " (fastText's subwords). */
  charGrams(id: number, min: number, max: number): Int32Array {
    const key = min * 100 + max;
    let table = this.chars.get(key);
    if (table === undefined) {
      table = [];
      this.chars.set(key, table);
    }
    const hit = table[id];
    if (hit !== undefined) return hit;
    const padded = ' ' + this.forms[id]! + ' ';
    const len = padded.length;
    const out: number[] = [];
    for (let i = 0; i < len; i++) {
      let h: number = SEED.char;
      for (let n = 1; n <= max && i + n <= len; n++) {
        h = hashPair(h, padded.charCodeAt(i + n - 1));
        if (n >= min) out.push(h | 0);
      }
    }
    const grams = Int32Array.from(out);
    table[id] = grams;
    return grams;
  }

  private grow(): void {
    const size = this.wordHash.length * 2;
    const g32 = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.wordHash = g32(this.wordHash);
    this.formStart = g32(this.formStart);
    this.formLength = g32(this.formLength);
    this.titleHash = g32(this.titleHash);
    this.shapeHash = g32(this.shapeHash);
    const f = new Uint8Array(size);
    f.set(this.functionWord);
    this.functionWord = f;
  }
}

function slotOf(h: number, mask: number): number {
  return (h ^ (h >>> 15)) & mask;
}

/** `fnv` of `text[start, end)`, or null when a character is not ASCII. */
export function asciiHash(text: string, start: number, end: number): number | null {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c > 127) return null;
    if (c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/** FNV-1a over the lower-cased (ASCII) characters of `text[start, end)`. */
function fnv(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/**
 * The lower-cased ASCII text of `text[start, end)` as a string of its own: a plain slice would be a view
 * that keeps the whole article alive for as long as the lexicon keeps the form.
 */
function lowerCopy(text: string, start: number, end: number): string {
  const codes = new Array<number>(end - start);
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    codes[i - start] = c >= 65 && c <= 90 ? c | 32 : c;
  }
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** The process's lexicon, shared by the tokenizer and the features. */
export const LEXICON = new Lexicon();

/**
 * Membership of the lexicon's forms in a fixed set of words, decided once per form and then read by id: a
 * per-token test without hashing the token's string again.
 */
export class FormSet {
  /** 0: not decided yet, 1: not in the set, 2: in it; valid for the lexicon's generation `generation`. */
  private flags = new Uint8Array(1024);
  private generation = -1;

  constructor(private readonly words: ReadonlySet<string>) {}

  /** Whether token `t` of a token table is one of the words. */
  hasToken(tokens: { readonly ids: Int32Array; readonly norm: readonly string[]; readonly lexiconGeneration: number }, t: number): boolean {
    const id = tokens.ids[t]!;
    if (id < 0 || tokens.lexiconGeneration !== LEXICON.generation) return this.words.has(tokens.norm[t]!);
    if (this.generation !== LEXICON.generation) {
      this.flags.fill(0);
      this.generation = LEXICON.generation;
    }
    if (id >= this.flags.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.flags.length * 2));
      grown.set(this.flags);
      this.flags = grown;
    }
    let f = this.flags[id]!;
    if (f === 0) this.flags[id] = f = this.words.has(tokens.norm[t]!) ? 2 : 1;
    return f === 2;
  }
}
