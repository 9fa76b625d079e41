/** `credence eval-matrix`: train on each set and on all-but-one, test on every other set. */
import { UsageError } from '../article/errors.js';
import { featureRows, loadLabelled } from '../evaluate/labelled.js';
import { crossDatasetMatrix, type Cell, type Matrix } from '../evaluate/matrix.js';
import { mergeSettings, parseAssignment } from '../learn/overrides.js';
import { checkReliabilitySettings } from '../learn/reliability-checks.js';
import { DEFAULT_RELIABILITY } from '../learn/reliability.js';
import { EXIT, Problems, type Io } from './io.js';
import { readOptions, type DataFlags } from './options.js';
import { progressFor } from './progress.js';

interface MatrixFlags extends DataFlags {
  data: string[];
  set: string[];
  folds: string;
  json?: boolean;
}

/** Fewest articles of each class a set may bring to the matrix. */
const MIN_PER_CLASS = 5;

export async function evalMatrix(io: Io, flags: MatrixFlags): Promise<number> {
  if (flags.data.length < 2) throw new UsageError('E_USAGE', `eval-matrix needs two or more datasets (--data A --data B …); got ${flags.data.length}`);
  let settings = DEFAULT_RELIABILITY;
  for (const s of flags.set) settings = mergeSettings(settings, parseAssignment(s), `--set ${s}`);
  checkReliabilitySettings(settings, '--set');
  const folds = Number(flags.folds);
  if (!Number.isInteger(folds) || folds === 1 || folds < 0) throw new UsageError('E_USAGE', `--folds: expected 0 (no in-domain cells) or a whole number ≥ 2, got "${flags.folds}"`);
  const problems = new Problems(io);
  const progress = progressFor(io);
  const sets = await loadLabelled(flags.data, readOptions(flags), problems, (n) => progress.update('reading', n));
  const rows = await featureRows(sets, settings.features, settings.styleWeight !== 0, (done, all) => progress.update('features', done, all));
  // Every set trains a model and is split in folds: each needs articles of both classes, enough for that.
  const least = Math.max(MIN_PER_CLASS, folds);
  for (const name of flags.data) {
    const ys = rows.filter((r) => r.source === name).map((r) => r.y);
    const unreliable = ys.filter((y) => y === 1).length;
    if (Math.min(unreliable, ys.length - unreliable) < least) {
      progress.stop();
      throw new UsageError('E_EMPTY', `${name}: need at least ${least} labelled articles of each class for the matrix; got ${unreliable} unreliable and ${ys.length - unreliable} reliable`);
    }
  }
  let fits = 0;
  const total = sets.length * (2 + folds);
  const matrix = await crossDatasetMatrix(rows, flags.data, settings, folds, () => progress.update('fitting', ++fits, total));
  progress.stop();
  io.stdout.write(flags.json === true ? JSON.stringify(matrix) + '\n' : render(matrix));
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}

function render(m: Matrix): string {
  const names = m.sets;
  const short = names.map((_, i) => `[${i + 1}]`);
  const f = (c: Cell | undefined, key: 'rocAuc' | 'balancedAccuracy'): string => {
    if (c === undefined) return '—';
    const v = c[key];
    return v === null ? 'n/a' : v.toFixed(3);
  };
  const out: string[] = ['datasets:'];
  names.forEach((n, i) => out.push(`  ${short[i]} ${n}`));
  for (const key of ['rocAuc', 'balancedAccuracy'] as const) {
    out.push('', `${key === 'rocAuc' ? 'ROC-AUC' : 'balanced accuracy'} (rows: trained on, columns: tested on; diagonal: in-domain k-fold mean)`);
    out.push(['train \\ test', ...short].map((s) => s.padStart(12)).join(''));
    names.forEach((train, i) => {
      const cells = names.map((test) => f(m.single.find((c) => c.train === train && c.test === test), key));
      out.push([short[i]!, ...cells].map((s) => s.padStart(12)).join(''));
    });
    const loo = names.map((test) => f(m.leaveOneOut.find((c) => c.test === test), key));
    out.push(['all but col', ...loo].map((s) => s.padStart(12)).join(''));
  }
  return out.join('\n') + '\n';
}
