/** `credence eval`: how a model does on labelled articles, with every standard measure and optional plots. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../article/errors.js';
import { defaultReliabilityModel } from '../analyse/engine.js';
import { binaryMetrics, calibrationBins, rocCurve, type BinaryMetrics } from '../evaluate/metrics.js';
import { calibrationSvg, rocSvg } from '../evaluate/plots.js';
import { loadLabelled } from '../evaluate/labelled.js';
import { loadReliability } from '../learn/reliability-file.js';
import { scoreTexts } from '../learn/score-corpus.js';
import { EXIT, Problems, type Io } from './io.js';
import { readOptions, type DataFlags } from './options.js';
import { progressFor } from './progress.js';

interface EvalFlags extends DataFlags {
  data: string[];
  model?: string;
  json?: boolean;
  plots?: string;
}

export async function evaluate(io: Io, flags: EvalFlags): Promise<number> {
  const modelPath = flags.model ?? defaultReliabilityModel();
  const { model, card } = loadReliability(modelPath);
  if (flags.plots !== undefined) makePlotFolder(flags.plots);
  const problems = new Problems(io);
  const progress = progressFor(io);
  const sets = await loadLabelled(flags.data, readOptions(flags), problems, (n) => progress.update('reading', n));
  const rows = sets.flatMap((s) => s.articles);
  if (rows.length === 0) {
    progress.stop();
    throw new UsageError('E_EMPTY', `no labelled articles in ${flags.data.join(', ')}`);
  }
  const trained = new Set(card.trainingData.map((d) => d.sha256));
  for (const s of sets) {
    if (trained.has(s.record.sha256)) {
      problems.note(`warning: ${s.spec} is part of this model's training data; these figures are not held-out`);
    }
  }
  const p = Array.from(
    await scoreTexts(
      model,
      rows.map((r) => r.text),
      { onProgress: (done, total) => progress.update('scoring', done, total) },
    ),
  );
  progress.stop();
  const y = rows.map((r) => r.y);
  const m = binaryMetrics(y, p);
  if (flags.plots !== undefined) {
    const curve = rocCurve(y, p);
    if (curve !== null) writeFileSync(join(flags.plots, 'roc.svg'), rocSvg([{ name: card.name, points: curve }], { title: 'ROC curve' }));
    else problems.note(`warning: no ROC plot: the labelled articles are all of one class`);
    writeFileSync(
      join(flags.plots, 'calibration.svg'),
      calibrationSvg([{ name: card.name, bins: calibrationBins(y, p) }], { title: 'Reliability diagram' }),
    );
  }
  io.stdout.write(flags.json === true ? JSON.stringify(jsonOf(m)) + '\n' : textOf(m, modelPath));
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}

/** Before any work: the folder for the plots, made if needed, or a clear refusal. */
function makePlotFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(err));
    throw new UsageError('E_USAGE', `--plots ${dir}: cannot make the folder (${why})`);
  }
}

function jsonOf(m: BinaryMetrics) {
  return {
    n: m.n,
    accuracy: m.accuracy,
    balancedAccuracy: m.balancedAccuracy,
    rocAuc: m.rocAuc,
    f1: m.f1,
    macroF1: m.macroF1,
    perClass: m.perClass,
    brier: m.brier,
    ece: m.ece,
    confusion: m.confusion,
  };
}

function textOf(m: BinaryMetrics, model: string): string {
  const f = (x: number | null): string => (x === null ? 'n/a (one class only)' : x.toFixed(3));
  const { tn, fp, fn, tp } = m.confusion;
  const pc = m.perClass;
  return [
    `model: ${model}`,
    `articles: ${m.n}`,
    `accuracy           ${f(m.accuracy)}`,
    `balanced accuracy  ${f(m.balancedAccuracy)}`,
    `ROC-AUC            ${f(m.rocAuc)}`,
    `F1 (unreliable)    ${f(m.f1)}`,
    `Brier score        ${f(m.brier)}`,
    `ECE (10 bins)      ${f(m.ece)}`,
    '',
    'class        precision  recall  F1     support',
    `reliable     ${f(pc.reliable.precision)}      ${f(pc.reliable.recall)}   ${f(pc.reliable.f1)}  ${pc.reliable.support}`,
    `unreliable   ${f(pc.unreliable.precision)}      ${f(pc.unreliable.recall)}   ${f(pc.unreliable.f1)}  ${pc.unreliable.support}`,
    '',
    'confusion (rows: gold, columns: predicted at p ≥ 0.5)',
    `              reliable  unreliable`,
    `reliable      ${String(tn).padStart(8)}  ${String(fp).padStart(10)}`,
    `unreliable    ${String(fn).padStart(8)}  ${String(tp).padStart(10)}`,
    '',
  ].join('\n');
}
