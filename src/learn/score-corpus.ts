/**
 * Scoring a corpus with a reliability model: each article is read into a Doc, counted and scored on the
 * thread that read it, over worker threads. Only the texts go out and one probability per article comes
 * back; the model's large arrays travel as shared memory, so every chunk shares them instead of copying
 * them, and are read through one interleaved table of IDF and weights (`corpusColumns`).
 */
import { makeDoc } from '../text/doc.js';
import { inChunks, type ChunkRun } from '../parallel/pool.js';
import type { Text } from './featurise.js';
import { corpusColumns, pUnreliable, type ReliabilityModel } from './reliability.js';
import type { ScoreColumns } from '../text/features.js';

const CHUNK = 256;

/** P(unreliable) of each text, in order: what a worker's 'score' job runs. */
export function scoreChunk(texts: readonly Text[], model: ReliabilityModel, columns?: ScoreColumns): Float64Array {
  const p = new Float64Array(texts.length);
  texts.forEach((t, i) => (p[i] = pUnreliable(model, makeDoc(t), columns)));
  return p;
}

/** What every chunk of a corpus is scored with: the model with its arrays in shared memory, and its corpus columns. */
interface Scoring {
  model: ReliabilityModel;
  columns: ScoreColumns;
}

const scorings = new WeakMap<ReliabilityModel, Scoring>();

function sharedFloat32(a: Float32Array): Float32Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = new Float32Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** Made once per model; every chunk shares it instead of copying it. */
function scoringOf(model: ReliabilityModel): Scoring {
  let s = scorings.get(model);
  if (s === undefined) {
    const copy = { ...model, weights: sharedFloat32(model.weights), idf: model.idf === undefined ? undefined : sharedFloat32(model.idf) };
    s = { model: copy, columns: corpusColumns(model) };
    scorings.set(model, s);
  }
  return s;
}

/**
 * P(unreliable) of every text, in order; over `threads` worker threads when that is worth it. Only the
 * texts and the shared scoring travel. A corpus of a chunk or less is scored with the model's own
 * arrays: the interleaved columns cost a pass over every column to make.
 */
export async function scoreTexts(model: ReliabilityModel, texts: readonly Text[], run: ChunkRun = {}): Promise<Float64Array> {
  const scoring = texts.length > CHUNK ? scoringOf(model) : undefined;
  const chunks = await inChunks(
    texts,
    CHUNK,
    (chunk) => scoreChunk(chunk, model, scoring?.columns),
    (chunk) => ({ kind: 'score', texts: chunk, ...scoringOf(model) }),
    run,
  );
  const out = new Float64Array(texts.length);
  chunks.forEach((p, k) => out.set(p, k * CHUNK));
  return out;
}
