/**
 * Featurising a corpus: each article read once into a Doc, counted into hashed feature blocks, and
 * (when asked) measured for style and signed for near-duplicate grouping — spread over worker threads.
 * Docs never leave the thread that made them; only typed arrays travel, packed per chunk.
 */
import type { Article } from '../article/article.js';
import { makeDoc } from '../text/doc.js';
import { BLOCKS, countFeatures, type Block, type BlockCounts, type FeatureSettings, type SparseVector } from '../text/features.js';
import { minhashSignature, wordShingles } from '../text/minhash.js';
import { STYLE_FEATURES, styleFeatures } from '../text/style.js';
import { inChunks, type ChunkRun } from '../parallel/pool.js';

export type Text = Pick<Article, 'title' | 'body'>;

export interface FeaturiseOptions {
  features: FeatureSettings;
  style: boolean;
  signatures: boolean;
}

export interface Featurised {
  counts: BlockCounts[];
  /** Raw style measures per article (all zeros when style was not asked for). */
  raw: Float64Array[];
  /** MinHash signatures, when asked for. */
  signatures: Uint32Array[] | undefined;
}

const SIGNATURE = 64;
const CHUNK = 256;

/** One chunk's features as a few flat arrays: what a worker sends back (transferable, no per-article objects). */
export interface PackedChunk {
  n: number;
  blocks: { offsets: Int32Array; idx: Int32Array; val: Float32Array }[];
  raw: Float64Array | null;
  signatures: Uint32Array | null;
}

export function featuriseChunk(texts: readonly Text[], opts: FeaturiseOptions): PackedChunk {
  const n = texts.length;
  const per: BlockCounts[] = [];
  const raw = opts.style ? new Float64Array(n * STYLE_FEATURES.length) : null;
  const signatures = opts.signatures ? new Uint32Array(n * SIGNATURE) : null;
  texts.forEach((t, i) => {
    const doc = makeDoc(t);
    per.push(countFeatures(doc, opts.features));
    if (raw !== null) raw.set(styleFeatures(doc), i * STYLE_FEATURES.length);
    if (signatures !== null) signatures.set(minhashSignature(wordShingles(doc.tokens.norm), SIGNATURE), i * SIGNATURE);
  });
  // The counts live in shared memory: a worker can read them back (to write its share of a design
  // matrix) without a copy.
  const blocks = BLOCKS.map((b) => {
    const offsets = new Int32Array(n + 1);
    per.forEach((c, i) => (offsets[i + 1] = offsets[i]! + c[b].idx.length));
    const idx = new Int32Array(new SharedArrayBuffer(4 * offsets[n]!));
    const val = new Float32Array(new SharedArrayBuffer(4 * offsets[n]!));
    per.forEach((c, i) => {
      idx.set(c[b].idx, offsets[i]!);
      val.set(c[b].val, offsets[i]!);
    });
    return { offsets, idx, val };
  });
  return { n, blocks, raw, signatures };
}

export function transferList(p: PackedChunk): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const b of p.blocks) out.push(b.offsets.buffer as ArrayBuffer);
  if (p.raw !== null) out.push(p.raw.buffer as ArrayBuffer);
  if (p.signatures !== null) out.push(p.signatures.buffer as ArrayBuffer);
  return out;
}

const NO_STYLE = new Float64Array(STYLE_FEATURES.length);

function unpack(p: PackedChunk, into: Featurised): void {
  for (let i = 0; i < p.n; i++) {
    const c = {} as Record<Block, SparseVector>;
    BLOCKS.forEach((b, k) => {
      const { offsets, idx, val } = p.blocks[k]!;
      c[b] = { idx: idx.subarray(offsets[i]!, offsets[i + 1]!), val: val.subarray(offsets[i]!, offsets[i + 1]!) };
    });
    into.counts.push(c);
    into.raw.push(p.raw === null ? NO_STYLE : p.raw.subarray(i * STYLE_FEATURES.length, (i + 1) * STYLE_FEATURES.length));
    if (p.signatures !== null) into.signatures!.push(p.signatures.subarray(i * SIGNATURE, (i + 1) * SIGNATURE));
  }
}

/**
 * Every text featurised, in order; over `threads` worker threads when that is worth it. `onCounts`
 * hears of each chunk's counts as soon as they are made, in any order: a caller can tally them while
 * the rest of the corpus is still being featurised.
 */
export async function featurise(
  texts: readonly Text[],
  opts: FeaturiseOptions,
  run: ChunkRun = {},
  onCounts?: (counts: readonly BlockCounts[]) => void,
): Promise<Featurised> {
  const parts: Featurised[] = [];
  await inChunks(
    texts,
    CHUNK,
    (chunk) => featuriseChunk(chunk, opts),
    (chunk) => ({ kind: 'featurise', texts: chunk, opts }),
    run,
    (p, k) => {
      const part: Featurised = { counts: [], raw: [], signatures: opts.signatures ? [] : undefined };
      unpack(p, part);
      parts[k] = part;
      onCounts?.(part.counts);
    },
  );
  return {
    counts: parts.flatMap((p) => p.counts),
    raw: parts.flatMap((p) => p.raw),
    signatures: opts.signatures ? parts.flatMap((p) => p.signatures!) : undefined,
  };
}
