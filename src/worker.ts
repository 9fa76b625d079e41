/**
 * The worker-thread entry (see src/parallel/pool.ts): runs one job per message and answers with its
 * result, or with the error's message and stack.
 */
import { parentPort } from 'node:worker_threads';
import { featuriseChunk, transferList, type FeaturiseOptions, type Text } from './learn/featurise.js';
import type { CsrMatrix } from './learn/matrix.js';
import { fitRows, type ReliabilitySettings } from './learn/reliability.js';

type Job =
  | { kind: 'featurise'; texts: Text[]; opts: FeaturiseOptions }
  | { kind: 'fit'; X: CsrMatrix; which: Int32Array; y: Uint8Array; sw: Float64Array; sources: Int32Array; settings: ReliabilitySettings };

parentPort?.on('message', (job: Job) => {
  try {
    if (job.kind === 'featurise') {
      const packed = featuriseChunk(job.texts, job.opts);
      parentPort!.postMessage({ ok: true, value: packed }, transferList(packed));
      return;
    }
    if (job.kind === 'fit') {
      const fitted = fitRows(job.X, job.which, job.y, job.sw, job.sources, job.settings);
      parentPort!.postMessage({ ok: true, value: fitted }, [fitted.w.buffer as ArrayBuffer]);
      return;
    }
    throw new Error(`unknown job kind ${String((job as { kind: unknown }).kind)}`);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort!.postMessage({ ok: false, error: e.message, stack: e.stack });
  }
});
