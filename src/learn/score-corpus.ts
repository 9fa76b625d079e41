/**
 * Scoring a corpus with a reliability model: each article is read into a Doc, counted and scored on the
 * thread that read it, over worker threads. Only the texts go out and one probability per article comes
 * back; the model's two large arrays travel as shared memory, so every chunk shares them instead of
 * copying them.
 */
import { makeDoc } from '../text/doc.js';
import { countFeatures } from '../text/features.js';
import { STYLE_FEATURES, styleFeatures } from '../text/style.js';
import { threadCount, WorkerPool } from '../parallel/pool.js';
import type { Text } from './featurise.js';
import { pUnreliableFromCounts, type ReliabilityModel } from './reliability.js';

const CHUNK = 256;
const NO_STYLE = new Float64Array(STYLE_FEATURES.length);

/** P(unreliable) of each text, in order: what a worker's 'score' job runs. */
export function scoreChunk(texts: readonly Text[], model: ReliabilityModel): Float64Array {
  const p = new Float64Array(texts.length);
  const style = model.settings.styleWeight !== 0;
  texts.forEach((t, i) => {
    const doc = makeDoc(t);
    p[i] = pUnreliableFromCounts(model, countFeatures(doc, model.settings.features), style ? styleFeatures(doc) : NO_STYLE);
  });
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
export async function scoreTexts(
  model: ReliabilityModel,
  texts: readonly Text[],
  run: { threads?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<Float64Array> {
  const out = new Float64Array(texts.length);
  const pool = texts.length >= 2 * CHUNK ? WorkerPool.shared(run.threads ?? threadCount()) : null;
  let done = 0;
  if (pool === null) {
    for (let from = 0; from < texts.length; from += CHUNK) {
      const chunk = texts.slice(from, from + CHUNK);
      out.set(scoreChunk(chunk, model), from);
      done += chunk.length;
      run.onProgress?.(done, texts.length);
    }
    return out;
  }
  const shared = sharedModel(model);
  const jobs: Promise<void>[] = [];
  for (let from = 0; from < texts.length; from += CHUNK) {
    const chunk = texts.slice(from, from + CHUNK).map((t) => ({ title: t.title, body: t.body }));
    jobs.push(
      pool.run<Float64Array>({ kind: 'score', texts: chunk, model: shared }).then((p) => {
        out.set(p, from);
        done += p.length;
        run.onProgress?.(done, texts.length);
      }),
    );
  }
  await Promise.all(jobs);
  return out;
}
