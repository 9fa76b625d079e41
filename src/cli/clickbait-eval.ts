/**
 * `credence clickbait eval`: how a clickbait model does on labelled headlines it has not seen: accuracy,
 * precision, recall and F1 of the clickbait class at the calibrated 0.5 decision, and ROC-AUC.
 */
import { UsageError } from '../article/errors.js';
import { defaultClickbaitModel } from '../analyse/engine.js';
import { loadClickbait } from '../learn/clickbait/file.js';
import { clickbaitFigures } from '../learn/clickbait/metrics.js';
import { scoreHeadline } from '../learn/clickbait/model.js';
import { readHeadlineFile } from './clickbait-data.js';
import { EXIT, Problems, type Io } from './io.js';
import { progressFor } from './progress.js';

interface EvalFlags {
  model?: string;
  data: string;
  json?: boolean;
}


export async function clickbaitEval(io: Io, flags: EvalFlags): Promise<number> {
  const modelPath = flags.model ?? defaultClickbaitModel();
  const { model, card } = loadClickbait(modelPath);
  const problems = new Problems(io);
  const progress = progressFor(io);
  const data = readHeadlineFile(flags.data, problems);
  const rows = data.records;
  if (rows.length === 0) throw new UsageError('E_EMPTY', `no labelled headlines in ${flags.data}`);
  if (card.trainingData.some((d) => d.sha256 === data.sha256)) {
    problems.note(`warning: ${flags.data} is a training file of this model; unless it holds only held-out rows these figures are not held-out`);
  }
  const p = rows.map((r, i) => {
    if (i % 4000 === 0) progress.update('scoring', i, rows.length);
    return scoreHeadline(model, r.title);
  });
  progress.stop();
  const m = clickbaitFigures(rows.map((r) => r.y), p);
  if (flags.json === true) {
    io.stdout.write(JSON.stringify({ n: m.n, clickbait: m.positives, accuracy: m.accuracy, precision: m.precision, recall: m.recall, f1: m.f1, rocAuc: m.rocAuc }) + '\n');
  } else {
    const f = (x: number | null): string => (x === null ? 'n/a (one class only)' : x.toFixed(3));
    io.stdout.write(
      [
        `model: ${modelPath}`,
        `headlines: ${m.n} (${m.positives} clickbait)`,
        `accuracy               ${f(m.accuracy)}`,
        `precision (clickbait)  ${f(m.precision)}`,
        `recall (clickbait)     ${f(m.recall)}`,
        `F1 (clickbait)         ${f(m.f1)}`,
        `ROC-AUC                ${f(m.rocAuc)}`,
        '(clickbait when the calibrated probability is at least 0.5)',
        '',
      ].join('\n'),
    );
  }
  if (problems.skipped > 0) problems.note(`${problems.skipped} line${problems.skipped === 1 ? '' : 's'} skipped (listed above)`);
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}
