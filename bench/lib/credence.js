// @ts-check
/**
 * Credence's side of a cell, timed the way the peer is: fit = Doc creation of every training row
 * (tokenisation, sentences, artefact masking) + `fitReliability` (features, out-of-fold calibration,
 * final fit); predict = Doc creation of every test row + `pUnreliable`. Near-duplicate groups come from
 * the split file (they are the evaluation protocol's, computed once for both sides).
 */
import { DEFAULT_RELIABILITY, fitReliability, pUnreliable } from '../../dist/learn/reliability.js';
import { makeDoc } from '../../dist/text/doc.js';

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
export function fitCell(cell, rows, settings = DEFAULT_RELIABILITY) {
  const items = cell.train.flatMap(([name, idx]) => {
    const r = /** @type {{ articles: BenchArticle[], group: number[] }} */ (rows.get(name));
    return idx.map((i) => ({ a: /** @type {BenchArticle} */ (r.articles[i]), group: /** @type {number} */ (r.group[i]), source: name }));
  });
  const t0 = performance.now();
  const training = items.map(({ a, group, source }) => ({ doc: makeDoc(a), y: a.y, source, group }));
  const { model, report } = fitReliability(training, settings);
  const fitSeconds = (performance.now() - t0) / 1000;
  return { model, fitSeconds, nTrain: items.length, iterations: report.iterations, converged: report.converged };
}

/**
 * @param {Cell} cell
 * @param {Rows} rows
 * @param {Splits['probeVariants']} variants
 * @param {typeof DEFAULT_RELIABILITY} [settings]
 * @returns {CredenceCellResult}
 */
export function runCell(cell, rows, variants, settings = DEFAULT_RELIABILITY) {
  const { model, fitSeconds, nTrain, iterations, converged } = fitCell(cell, rows, settings);
  if (!cell.test) throw new Error(`${cell.name} has no test rows`);
  const [name, idx] = cell.test;
  const articles = /** @type {{ articles: BenchArticle[] }} */ (rows.get(name)).articles;
  const test = idx.map((i) => /** @type {BenchArticle} */ (articles[i]));
  const t0 = performance.now();
  const p = test.map((a) => pUnreliable(model, makeDoc(a)));
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
