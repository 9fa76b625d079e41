/**
 * Word vectors for the claim matcher: one unit vector per stem (the store's word forms, terms.ts),
 * trained by src/learn/vectors/ppmi.ts and bundled as models/wordvectors.cdm (`npm run
 * train:vectors`), with each word's nearest neighbours. Stored as int8 with one scale per word (4
 * bytes of file per 4 dimensions); loaded once, on the first match of a process, never at start-up.
 * The matcher reads the neighbour lists only; the vectors themselves are unpacked on first use.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModel, loadModel, requireArray, saveModel, type ModelContainer } from '../learn/model-file.js';
import { UsageError } from '../article/errors.js';

export const VECTORS_KIND = 'wordvectors';

export interface VectorsHeader {
  layout: 1;
  dimensions: number;
  /** Nearest neighbours stored per word. */
  neighbours: number;
  /** The stems, space-separated, in row order. */
  words: string;
  /** How they were made: settings, corpora, counts. */
  made: Record<string, unknown>;
}

/** Each word's nearest other words, best first: `k` rows and cosines per word. */
export interface Neighbours {
  k: number;
  rows: Int32Array;
  cosines: Float32Array;
}

export class WordVectors {
  readonly index = new Map<string, number>();
  private dense: Float32Array | undefined;
  constructor(
    readonly words: readonly string[],
    readonly dimensions: number,
    /** The vectors, or a function making them (the matcher never needs them: it reads the neighbours). */
    data: Float32Array | (() => Float32Array),
    readonly neighbours: Neighbours,
  ) {
    words.forEach((w, i) => this.index.set(w, i));
    if (typeof data === 'function') this.makeDense = data;
    else this.dense = data;
  }
  private makeDense: (() => Float32Array) | undefined;

  /** words.length × dimensions, row-major, rows of unit length (or zero). */
  get data(): Float32Array {
    if (this.dense === undefined) this.dense = this.makeDense!();
    return this.dense;
  }

  /** The row of `word`, or -1. */
  row(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /** Cosine of two rows (both unit length). */
  cosine(a: number, b: number): number {
    const d = this.dimensions;
    const x = this.data;
    let s = 0;
    for (let i = 0, p = a * d, q = b * d; i < d; i++) s += x[p + i]! * x[q + i]!;
    return s;
  }

  /** The vector of a word, or undefined. */
  vector(word: string): Float32Array | undefined {
    const r = this.row(word);
    return r < 0 ? undefined : this.data.subarray(r * this.dimensions, (r + 1) * this.dimensions);
  }

  /** The stored nearest words of `word`, best first. */
  nearest(word: string): { word: string; cosine: number }[] {
    const r = this.row(word);
    if (r < 0) return [];
    const { k, rows, cosines } = this.neighbours;
    const out: { word: string; cosine: number }[] = [];
    for (let i = r * k; i < (r + 1) * k; i++) if (rows[i]! >= 0) out.push({ word: this.words[rows[i]!]!, cosine: cosines[i]! });
    return out;
  }
}

/** Values in [-1, 1] as int8 (×127), four to an i32 (the container's smallest type). */
function packInt8(values: ArrayLike<number>, scale: (i: number) => number): Int32Array {
  const padded = Math.ceil(values.length / 4) * 4;
  const bytes = new Int8Array(padded);
  for (let i = 0; i < values.length; i++) {
    const s = scale(i);
    bytes[i] = s === 0 ? 0 : Math.max(-127, Math.min(127, Math.round(values[i]! / s)));
  }
  return new Int32Array(bytes.buffer, 0, padded / 4);
}

function int8View(packed: Int32Array, length: number): Int8Array {
  return new Int8Array(packed.buffer, packed.byteOffset, length);
}

/** int8 rows with one scale each; neighbour rows as i32, their cosines as int8 (±0.004). */
export function encodeVectors(words: readonly string[], dimensions: number, data: Float32Array, neighbours: Neighbours, made: Record<string, unknown>): ModelContainer<VectorsHeader> {
  if (words.some((w) => w === '' || /\s/.test(w))) throw new Error('a word with a space cannot be stored');
  const n = words.length;
  const scale = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let max = 0;
    for (let c = 0; c < dimensions; c++) max = Math.max(max, Math.abs(data[i * dimensions + c]!));
    scale[i] = max / 127;
  }
  return {
    kind: VECTORS_KIND,
    header: { layout: 1, dimensions, neighbours: neighbours.k, words: words.join(' '), made },
    arrays: {
      q: packInt8(data.subarray(0, n * dimensions), (i) => scale[Math.floor(i / dimensions)]!),
      scale,
      neighbourRows: neighbours.rows,
      neighbourCosines: packInt8(neighbours.cosines, () => 1 / 127),
    },
  };
}

export function saveWordVectors(path: string, words: readonly string[], dimensions: number, data: Float32Array, neighbours: Neighbours, made: Record<string, unknown>): void {
  saveModel(path, encodeVectors(words, dimensions, data, neighbours, made));
}

function fromContainer(m: ModelContainer<unknown>, file: string): WordVectors {
  const h = m.header as Partial<VectorsHeader>;
  if (h.layout !== 1 || typeof h.dimensions !== 'number' || typeof h.neighbours !== 'number' || typeof h.words !== 'string') {
    throw new UsageError('E_MODEL', 'not a usable Credence model: word vectors of an unknown layout', { file });
  }
  const words = h.words === '' ? [] : h.words.split(' ');
  const d = h.dimensions;
  const k = h.neighbours;
  const n = words.length;
  const scale = requireArray(m, 'scale', 'f32', file, n);
  const packed = requireArray(m, 'q', 'i32', file, Math.ceil((n * d) / 4));
  const rows = requireArray(m, 'neighbourRows', 'i32', file, n * k);
  const cosPacked = requireArray(m, 'neighbourCosines', 'i32', file, Math.ceil((n * k) / 4));
  const cos8 = int8View(cosPacked, n * k);
  const cosines = new Float32Array(n * k);
  for (let i = 0; i < n * k; i++) cosines[i] = cos8[i]! / 127;
  const dense = () => {
    const q = int8View(packed, n * d);
    const data = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const s = scale[i]!;
      let norm = 0;
      for (let c = 0; c < d; c++) {
        const x = q[i * d + c]! * s;
        data[i * d + c] = x;
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (let c = 0; c < d; c++) data[i * d + c]! /= norm;
    }
    return data;
  };
  return new WordVectors(words, d, dense, { k, rows, cosines });
}

export function loadWordVectors(path: string): WordVectors {
  return fromContainer(loadModel(path, VECTORS_KIND), path);
}

export function decodeWordVectors(bytes: Buffer, file = '(bytes)'): WordVectors {
  return fromContainer(decodeModel(bytes, VECTORS_KIND, file), file);
}

/** models/wordvectors.cdm of this package, found from this module's place (dist/store, dist-bundle/cli or src/store). */
export function bundledVectorsPath(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'models', 'wordvectors.cdm');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

let bundled: WordVectors | undefined;

/** The bundled vectors, loaded on first use (the re-ranker was fitted with them: matching needs them). */
export function bundledVectors(): WordVectors {
  if (bundled === undefined) {
    const path = bundledVectorsPath();
    if (path === undefined) throw new UsageError('E_MODEL', 'the bundled word vectors models/wordvectors.cdm are missing: rebuild them with npm run train:vectors');
    bundled = loadWordVectors(path);
  }
  return bundled;
}
