/**
 * `credence claims worthiness-eval`: how a check-worthiness model does on labelled sentences it has not
 * seen: precision, recall and F1 of the check-worthy class at the model's threshold, ROC-AUC, and, when
 * the records name their transcripts, the mean average precision over transcripts (CheckThat!'s measure).
 */
import { UsageError } from '../article/errors.js';
import { defaultWorthinessModel } from '../analyse/engine.js';
import { rankAuc } from '../learn/ranking.js';
import { loadWorthiness } from '../learn/worthiness/file.js';
import { meanAveragePrecision, positiveClass } from '../learn/worthiness/metrics.js';
import { scoreSpan, scoreTranscript, viewCalibration } from '../learn/worthiness/model.js';
import { makeDoc } from '../text/doc.js';
import { readWorthinessFile } from './claims-data.js';
import { EXIT, Problems, type Io } from './io.js';
import { progressFor } from './progress.js';

interface EvalFlags {
  model?: string;
  data: string;
  json?: boolean;
}

export interface WorthinessFigures {
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number | null;
  map?: number;
}

export async function claimsWorthinessEval(io: Io, flags: EvalFlags): Promise<number> {
  const modelPath = flags.model ?? defaultWorthinessModel();
  const { model, card } = loadWorthiness(modelPath);
  const problems = new Problems(io);
  const progress = progressFor(io);
  const data = readWorthinessFile(flags.data, problems);
  const rows = data.records;
  if (rows.length === 0) throw new UsageError('E_EMPTY', `no labelled sentences in ${flags.data}`);
  if (card.trainingData.some((d) => d.sha256 === data.sha256)) {
    problems.note(`warning: ${flags.data} is part of this model's training data; these figures are not held-out`);
  }
  const y = rows.map((r) => r.y);
  // Lines of transcripts are read as the model read its transcripts, single sentences as it read those.
  const transcripts = rows.every((r) => r.debate !== null);
  const view = transcripts ? 'transcripts' : 'sentences';
  const p = new Array<number>(rows.length);
  if (transcripts) {
    // Each transcript is scored whole, its lines in speaking order: the context stage reads neighbours and speakers.
    const by = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const list = by.get(r.debate!);
      if (list === undefined) by.set(r.debate!, [i]);
      else list.push(i);
    });
    let done = 0;
    for (const members of by.values()) {
      progress.update('scoring', done, rows.length);
      members.sort((a, b) => rows[a]!.position - rows[b]!.position || a - b);
      const scores = scoreTranscript(model, members.map((i) => ({ doc: makeDoc({ title: '', body: rows[i]!.text }), speaker: rows[i]!.speaker })));
      members.forEach((i, k) => (p[i] = scores[k]!.p));
      done += members.length;
    }
  } else {
    rows.forEach((r, i) => {
      if (i % 2000 === 0) progress.update('scoring', i, rows.length);
      const doc = makeDoc({ title: '', body: r.text });
      p[i] = scoreSpan(model, doc, 0, doc.tokens.length, view).p;
    });
  }
  progress.stop();
  const { threshold } = viewCalibration(model, view);
  const m = positiveClass(y, p, threshold);
  const figures: WorthinessFigures = { precision: m.precision, recall: m.recall, f1: m.f1, rocAuc: rankAuc(y, p) };
  let lists = 0;
  if (transcripts) {
    const map = meanAveragePrecision(y, p, rows.map((r) => r.debate!));
    lists = map.lists;
    if (map.map !== null) figures.map = map.map;
  } else if (rows.some((r) => r.debate !== null)) {
    problems.note('warning: no MAP: only some records name their transcript ("debate")');
  }
  const positives = y.filter((v) => v === 1).length;
  if (flags.json === true) io.stdout.write(JSON.stringify(figures) + '\n');
  else {
    const f = (x: number | null): string => (x === null ? 'n/a (one class only)' : x.toFixed(3));
    const lines = [
      `model: ${modelPath}`,
      `sentences: ${rows.length} (${positives} check-worthy)`,
      `precision (check-worthy)  ${f(figures.precision)}`,
      `recall (check-worthy)     ${f(figures.recall)}`,
      `F1 (check-worthy)         ${f(figures.f1)}`,
      `ROC-AUC                   ${f(figures.rocAuc)}`,
    ];
    if (figures.map !== undefined) lines.push(`MAP over ${lists} transcripts ${f(figures.map)}`);
    lines.push(`(read as ${view}: check-worthy when the calibrated score is at least ${threshold.toFixed(3)}, the model's threshold)`, '');
    io.stdout.write(lines.join('\n'));
  }
  if (problems.skipped > 0) problems.note(`${problems.skipped} line${problems.skipped === 1 ? '' : 's'} skipped (listed above)`);
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}
