/**
 * The worker-thread entry (see src/parallel/pool.ts): runs one job per message and answers with its
 * result, or with the error's message and stack.
 */
import { parentPort } from 'node:worker_threads';
import { featuriseChunk, transferList, type FeaturiseOptions, type Text } from './learn/featurise.js';
import type { CsrMatrix } from './learn/matrix.js';
import { writeShare, type DesignShare } from './learn/design-matrix.js';
import { fitRows, type ReliabilityModel, type ReliabilitySettings } from './learn/reliability.js';
import { scoreChunk } from './learn/score-corpus.js';
import type { ScoreColumns } from './text/features.js';
import type { Article } from './article/article.js';
import { createEngine, engineOptions, type AnalyzeOutcome, type Engine, type EngineSpec } from './analyse/engine.js';

type Job =
  | { kind: 'analyze'; spec: EngineSpec; articles: Article[] }
  | { kind: 'featurise'; texts: Text[]; opts: FeaturiseOptions }
  | { kind: 'score'; texts: Text[]; model: ReliabilityModel; columns: ScoreColumns }
  | { kind: 'design'; share: DesignShare }
  | { kind: 'fit'; X: CsrMatrix; which: Int32Array; y: Uint8Array; sw: Float64Array; sources: Int32Array; settings: ReliabilitySettings };

/** Engines this thread has loaded, by their spec: the models load once per thread. */
const engines = new Map<string, Engine>();

async function engineFor(spec: EngineSpec): Promise<Engine> {
  const key = JSON.stringify(spec);
  let engine = engines.get(key);
  if (engine === undefined) {
    let matchClaim;
    if (spec.db !== undefined) {
      const { Store } = await import('./store/store.js');
      const { claimMatcher } = await import('./analyse/matches.js');
      matchClaim = claimMatcher(Store.open(spec.db));
    }
    engine = createEngine(engineOptions(spec, matchClaim));
    engines.set(key, engine);
  }
  return engine;
}

parentPort?.on('message', async (job: Job) => {
  try {
    if (job.kind === 'analyze') {
      const engine = await engineFor(job.spec);
      const out: AnalyzeOutcome[] = job.articles.map((a) => {
        try {
          return { json: JSON.stringify(engine.analyze(a)) };
        } catch (err) {
          const e = err instanceof Error ? err : new Error(String(err));
          return { error: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}) };
        }
      });
      parentPort!.postMessage({ ok: true, value: out });
      return;
    }
    if (job.kind === 'featurise') {
      const packed = featuriseChunk(job.texts, job.opts);
      parentPort!.postMessage({ ok: true, value: packed }, transferList(packed));
      return;
    }
    if (job.kind === 'score') {
      const p = scoreChunk(job.texts, job.model, job.columns);
      parentPort!.postMessage({ ok: true, value: p }, [p.buffer as ArrayBuffer]);
      return;
    }
    if (job.kind === 'design') {
      const ends = writeShare(job.share);
      parentPort!.postMessage({ ok: true, value: ends }, [ends.buffer as ArrayBuffer]);
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
