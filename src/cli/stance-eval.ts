/**
 * `credence stance eval`: a stance model on FNC-1 layout files — the official FNC-1 score, its maximum,
 * the relative score, macro-F1 over the four classes, per-class F1 and the confusion matrix. Every body
 * and headline is read once; each pair reuses them (StanceCache).
 */
import { UsageError } from '../article/errors.js';
import { defaultStanceModel } from '../analyse/engine.js';
import { readFnc1 } from '../evaluate/fnc1.js';
import { fileSha256, readStanceSides, scoreExamples, stanceExamples } from '../evaluate/stance-data.js';
import { fncFigures, formatConfusion, stanceMetrics, STANCES, type StanceMetrics } from '../evaluate/stance-metrics.js';
import { loadStance } from '../learn/stance/file.js';
import { EXIT, Problems, type Io } from './io.js';
import { progressFor } from './progress.js';

interface StanceEvalFlags {
  model?: string;
  bodies: string;
  stances: string;
  json?: boolean;
}

export async function stanceEval(io: Io, flags: StanceEvalFlags): Promise<number> {
  const modelPath = flags.model ?? defaultStanceModel();
  const { model, card } = loadStance(modelPath);
  const problems = new Problems(io);
  const progress = progressFor(io);
  const started = performance.now();
  const data = readFnc1(flags.bodies, flags.stances, (e) => problems.error(e), { requireStance: true });
  const examples = stanceExamples(data.pairs, readStanceSides(data, (done, total) => progress.update('reading', done, total)));
  if (examples.length === 0) {
    progress.stop();
    throw new UsageError('E_EMPTY', `no labelled pairs to score in ${flags.stances}${problems.skipped > 0 ? ` (${problems.skipped} rows skipped, listed above)` : ''}`);
  }
  const trained = card.trainingData.some((d) => d.stancesSha256 === fileSha256(flags.stances) || d.bodiesSha256 === fileSha256(flags.bodies));
  if (trained) problems.note(`warning: ${flags.stances} or ${flags.bodies} is part of this model's training data; these figures are not held-out`);

  const { gold, pred } = scoreExamples(model, examples, (done, total) => progress.update('scoring', done, total));
  progress.stop();
  const m = stanceMetrics(gold, pred);
  const seconds = (performance.now() - started) / 1000;
  io.stdout.write(flags.json === true ? JSON.stringify(fncFigures(m)) + '\n' : textOf(m, modelPath, seconds));
  if (problems.skipped > 0) problems.note(`scored ${examples.length} pairs; ${problems.skipped} row${problems.skipped === 1 ? '' : 's'} skipped (listed above)`);
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}

function textOf(m: StanceMetrics, model: string, seconds: number): string {
  const f = (x: number): string => x.toFixed(3);
  const rows = STANCES.map((s) => {
    const c = m.perClass[s];
    return `${s.padEnd(10)}  ${f(c.precision).padStart(9)}  ${f(c.recall).padStart(6)}  ${f(c.f1)}  ${String(c.support).padStart(7)}`;
  });
  return [
    `model: ${model}`,
    `pairs: ${m.n} (read and scored in ${seconds.toFixed(1)} s)`,
    `FNC-1 score     ${m.fncScore.toFixed(2)} of ${m.maxScore.toFixed(2)}`,
    `relative score  ${m.relativeScore.toFixed(2)} %`,
    `macro-F1        ${f(m.macroF1)}`,
    '',
    'class       precision  recall  F1     support',
    ...rows,
    '',
    'confusion (rows: gold, columns: predicted)',
    formatConfusion(m.confusion),
    '',
  ].join('\n');
}
