// @ts-check
/**
 * Credence's side of a cell, timed the way the peer is, through the product's corpus path: fit =
 * featurising every training article (Doc creation: tokenisation, sentences, artefact masking; hashed
 * counts, their column frequencies tallied as they come, as `credence train` does; over worker threads,
 * CREDENCE_THREADS or every core) + `fitFromCounts` (IDF, out-of-fold
 * calibration, fold models); predict = `scoreTexts` (each test article read, featurised and scored on a
 * worker thread, as `credence eval` does).
 * Near-duplicate groups come from the split file (they are the evaluation protocol's, computed once for
 * both sides). The per-article probe uses `pUnreliable` on one Doc at a time, as `credence analyze` does.
 */
import { ColumnTally } from '../../dist/learn/column-tally.js';
import { featurise } from '../../dist/learn/featurise.js';
import { threadCount } from '../../dist/parallel/pool.js';
import { DEFAULT_RELIABILITY, fitFromCounts, pUnreliable } from '../../dist/learn/reliability.js';
import { scoreTexts } from '../../dist/learn/score-corpus.js';
import { makeDoc } from '../../dist/text/doc.js';

/** Threads Credence uses in this run (the peer uses one). */
export const THREADS = threadCount();

/**
 * @typedef {import('./data.js').BenchArticle} BenchArticle
 * @typedef {import('./splits.js').Cell} Cell
 * @typedef {import('./splits.js').Splits} Splits
 * @typedef {Map<string, { articles: BenchArticle[], group: number[] }>} Rows
 * @typedef {{ cell: string, nTrain: number, nTest: number, fitSeconds: number, predictSeconds: number,
 *   iterations: number, converged: boolean, p: number[], probe?: Record<string, number[]> }} CredenceCellResult
 */

/**
 * @param {import('./data.js').BenchSet[]} sets
 * @param {Splits} splits
 * @returns {Rows}
 */
export function rowsOf(sets, splits) {
  /** @type {Rows} */
  const rows = new Map();
  for (const d of splits.datasets) {
    const s = sets.find((x) => x.name === d.name);
    if (!s || s.articles.length !== d.ids.length || s.articles.some((a, i) => a.id !== d.ids[i])) {
      throw new Error(`${d.name}: the articles read do not match the split file`);
    }
    rows.set(d.name, { articles: s.articles, group: d.group });
  }
  return rows;
}

/**
 * @param {Cell} cell
 * @param {Rows} rows
 * @param {typeof DEFAULT_RELIABILITY} settings
 */
export async function fitCell(cell, rows, settings = DEFAULT_RELIABILITY) {
  const items = cell.train.flatMap(([name, idx]) => {
    const r = /** @type {{ articles: BenchArticle[], group: number[] }} */ (rows.get(name));
    return idx.map((i) => ({ a: /** @type {BenchArticle} */ (r.articles[i]), group: /** @type {number} */ (r.group[i]), source: name }));
  });
  const t0 = performance.now();
  const tally = new ColumnTally(settings.features);
  const f = await featurise(
    items.map(({ a }) => ({ title: a.title, body: a.body })),
    { features: settings.features, style: settings.styleWeight !== 0, signatures: false },
    {},
    (counts) => counts.forEach((c) => tally.add(c)),
  );
  const training = items.map(({ a, group, source }) => ({ y: a.y, source, group }));
  const { model, report } = await fitFromCounts(f.counts, f.raw, training, settings, { tally });
  const fitSeconds = (performance.now() - t0) / 1000;
  return { model, fitSeconds, nTrain: items.length, iterations: report.iterations, converged: report.converged };
}

/**
 * @param {Cell} cell
 * @param {Rows} rows
 * @param {Splits['probeVariants']} variants
 * @param {typeof DEFAULT_RELIABILITY} [settings]
 * @returns {Promise<CredenceCellResult>}
 */
export async function runCell(cell, rows, variants, settings = DEFAULT_RELIABILITY) {
  const { model, fitSeconds, nTrain, iterations, converged } = await fitCell(cell, rows, settings);
  if (!cell.test) throw new Error(`${cell.name} has no test rows`);
  const [name, idx] = cell.test;
  const articles = /** @type {{ articles: BenchArticle[] }} */ (rows.get(name)).articles;
  const test = idx.map((i) => /** @type {BenchArticle} */ (articles[i]));
  const t0 = performance.now();
  const p = Array.from(await scoreTexts(model, test.map((a) => ({ title: a.title, body: a.body }))));
  const predictSeconds = (performance.now() - t0) / 1000;
  /** @type {CredenceCellResult} */
  const out = { cell: cell.name, nTrain, nTest: test.length, fitSeconds, predictSeconds, iterations, converged, p };
  if (cell.probe) {
    const probed = cell.probe.rows.map((pos) => /** @type {BenchArticle} */ (test[pos]));
    out.probe = Object.fromEntries(
      variants.map((v) => [v.name, probed.map((a) => pUnreliable(model, makeDoc({ title: a.title, body: v.prefix + a.body + v.suffix })))]),
    );
  }
  return out;
}
