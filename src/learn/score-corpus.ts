/**
 * Scoring a corpus with a reliability model: each article is read into a Doc, counted and scored on the
 * thread that read it, over worker threads. Only the texts go out and one probability per article comes
 * back; the model's two large arrays travel as shared memory, so every chunk shares them instead of
 * copying them.
 */
import { makeDoc } from '../text/doc.js';
import { inChunks, type ChunkRun } from '../parallel/pool.js';
import type { Text } from './featurise.js';
import { pUnreliable, type ReliabilityModel } from './reliability.js';

const CHUNK = 256;

/** P(unreliable) of each text, in order: what a worker's 'score' job runs. */
export function scoreChunk(texts: readonly Text[], model: ReliabilityModel): Float64Array {
  const p = new Float64Array(texts.length);
  texts.forEach((t, i) => (p[i] = pUnreliable(model, makeDoc(t))));
  return p;
}

const sharedCopies = new WeakMap<ReliabilityModel, ReliabilityModel>();

function sharedFloat32(a: Float32Array): Float32Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = new Float32Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** The model with its weights and IDF in shared memory (made once per model). */
function sharedModel(model: ReliabilityModel): ReliabilityModel {
  let copy = sharedCopies.get(model);
  if (copy === undefined) {
    copy = { ...model, weights: sharedFloat32(model.weights), idf: model.idf === undefined ? undefined : sharedFloat32(model.idf) };
    sharedCopies.set(model, copy);
  }
  return copy;
}

/** P(unreliable) of every text, in order; over `threads` worker threads when that is worth it. */
export async function scoreTexts(model: ReliabilityModel, texts: readonly Text[], run: ChunkRun = {}): Promise<Float64Array> {
  // Only the texts and the model's shared arrays travel; `sharedModel` is made once per model.
  const chunks = await inChunks(texts, CHUNK, (chunk) => scoreChunk(chunk, model), (chunk) => ({ kind: 'score', texts: chunk, model: sharedModel(model) }), run);
  const out = new Float64Array(texts.length);
  chunks.forEach((p, k) => out.set(p, k * CHUNK));
  return out;
}
