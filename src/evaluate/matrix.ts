/**
 * The honest cross-dataset view: a model trained on each set alone and on all-but-one, tested on sets
 * it never saw; the diagonal is in-domain k-fold cross-validation with near-duplicates kept together.
 */
import { UsageError } from '../article/errors.js';
import { fitFromCounts, pUnreliableFromCounts, type ReliabilityModel, type ReliabilitySettings } from '../learn/reliability.js';
import type { FeatureRow } from './labelled.js';
import { stratifiedGroupKFold } from '../learn/split.js';
import { binaryMetrics, meanSd } from './metrics.js';

export interface Cell {
  train: string;
  test: string;
  n: number;
  rocAuc: number | null;
  balancedAccuracy: number;
  /** For k-fold cells: the spread over folds. */
  rocAucSd?: number | null;
  balancedAccuracySd?: number | null;
}

export interface Matrix {
  sets: string[];
  /** Train on one set, test on each other set; the diagonal is in-domain k-fold. */
  single: Cell[];
  /** Train on all sets but one, test on that one. */
  leaveOneOut: Cell[];
}

export type Row = FeatureRow;

async function fit(rows: readonly Row[], settings: ReliabilitySettings): Promise<ReliabilityModel> {
  return (await fitFromCounts(rows.map((r) => r.counts), rows.map((r) => r.raw), rows, settings)).model;
}

const scorer = (model: ReliabilityModel) => (r: Row) => pUnreliableFromCounts(model, r.counts, r.raw);

export async function crossDatasetMatrix(
  rows: readonly Row[],
  sets: readonly string[],
  settings: ReliabilitySettings,
  folds: number,
  onFit?: (what: string) => void,
): Promise<Matrix> {
  const bySet = new Map(sets.map((s) => [s, rows.filter((r) => r.source === s)]));
  const single: Cell[] = [];
  for (const train of sets) {
    const trainRows = bySet.get(train)!;
    if (folds >= 2) single.push(await inDomain(train, trainRows, settings, folds, onFit));
    onFit?.(`train on ${train}`);
    const model = await fit(trainRows, settings);
    // Test rows whose story the training set also holds are not unseen news: leave them out.
    const seen = new Set(trainRows.map((r) => r.group));
    for (const test of sets) {
      if (test === train) continue;
      const unseen = bySet.get(test)!.filter((r) => !seen.has(r.group));
      if (unseen.length === 0) throw new UsageError('E_USAGE', `every article of ${test} tells a story that ${train} also holds (near-duplicates): there is nothing unseen to test on`);
      single.push(score(train, test, unseen, scorer(model)));
    }
  }
  const leaveOneOut: Cell[] = [];
  for (const test of sets) {
    onFit?.(`train without ${test}`);
    // A story near-duplicated in the held-out set stays out of training too.
    const held = new Set(bySet.get(test)!.map((r) => r.group));
    const rest = rows.filter((r) => r.source !== test && !held.has(r.group));
    const classes = new Set(rest.map((r) => r.y)).size;
    if (classes < 2) throw new UsageError('E_USAGE', `without ${test} and the stories it shares with the other sets, ${rest.length} articles of ${classes} class${classes === 1 ? '' : 'es'} are left to train on`);
    const model = await fit(rest, settings);
    leaveOneOut.push(score(`all but ${test}`, test, bySet.get(test)!, scorer(model)));
  }
  return { sets: [...sets], single, leaveOneOut };
}

function score(train: string, test: string, rows: readonly Row[], p: (r: Row) => number): Cell {
  const m = binaryMetrics(rows.map((r) => r.y), rows.map(p));
  return { train, test, n: m.n, rocAuc: m.rocAuc, balancedAccuracy: m.balancedAccuracy };
}

/** k-fold within one set: mean and spread of the folds' figures. */
export async function inDomain(name: string, rows: readonly Row[], settings: ReliabilitySettings, folds: number, onFit?: (what: string) => void): Promise<Cell> {
  const fold = stratifiedGroupKFold(Uint8Array.from(rows, (r) => r.y), Int32Array.from(rows, (r) => r.group), folds, settings.seed);
  const aucs: number[] = [];
  const bas: number[] = [];
  for (let f = 0; f < folds; f++) {
    onFit?.(`${name} fold ${f + 1}/${folds}`);
    const model = await fit(rows.filter((_, i) => fold[i] !== f), settings);
    const test = rows.filter((_, i) => fold[i] === f);
    const m = binaryMetrics(test.map((r) => r.y), test.map(scorer(model)));
    if (m.rocAuc !== null) aucs.push(m.rocAuc);
    bas.push(m.balancedAccuracy);
  }
  const auc = aucs.length === 0 ? null : meanSd(aucs);
  const ba = meanSd(bas);
  return {
    train: name,
    test: name,
    n: rows.length,
    rocAuc: auc === null ? null : auc.mean,
    rocAucSd: auc === null ? null : auc.sd,
    balancedAccuracy: ba.mean,
    balancedAccuracySd: ba.sd,
  };
}
