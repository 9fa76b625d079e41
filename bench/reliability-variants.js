// @ts-check
/**
 * `node bench/reliability-variants.js CELLS VARIANTS`: Credence's held-out ROC-AUC under variants of the
 * default settings, on the splits `npm run bench:reliability` uses (same seed, same near-duplicate
 * groups). Each cell is featurised once, with every block counted; each variant then fits and scores it.
 * CELLS is a comma-separated list of substrings of cell names ("gossipcop" = GossipCop's five folds,
 * "lodo" = the four leave-one-dataset-out cells); VARIANTS is a JSON array of
 * `{label, C?, maxPasses?, minDf?, balance?, blockWeights?, features?}`, each applied on top of DEFAULT_RELIABILITY
 * (`features` overrides other feature settings, e.g. `{"bucketsLog2": 22}`: such a variant featurises the cell again).
 * An optional third argument is the split seed (default: the bench's), to choose among variants on
 * other folds than the ones they are then measured on.
 * Prints one line per cell (stderr) and the mean per cell group and variant (stdout). Build first.
 *
 *   node bench/reliability-variants.js gossipcop,politifact,lodo '[{"label":"default"},{"label":"title 1","blockWeights":{"title":1}}]'
 */
import { loadSets } from './lib/data.js';
import { buildSplits } from './lib/splits.js';
import { featurise } from '../dist/learn/featurise.js';
import { DEFAULT_RELIABILITY, fitFromCounts, pUnreliableFromCounts } from '../dist/learn/reliability.js';
import { rankAuc } from '../dist/learn/ranking.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const [cellsArg, variantsArg, seedArg] = process.argv.slice(2);
if (cellsArg === undefined || variantsArg === undefined) {
  process.stderr.write('usage: node bench/reliability-variants.js CELLS VARIANTS (see the header of this file)\n');
  process.exit(2);
}
const only = cellsArg.split(',');
/** @type {{ label: string, C?: number, maxPasses?: number, minDf?: number, balance?: 'none' | 'class' | 'source-class', blockWeights?: Record<string, number>, features?: Record<string, number | boolean> }[]} */
let variants;
try {
  variants = JSON.parse(variantsArg);
  if (!Array.isArray(variants) || variants.some((v) => typeof v?.label !== 'string')) throw new Error('expected an array of objects with a "label"');
} catch (err) {
  process.stderr.write(`bench/reliability-variants.js: VARIANTS: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
const seed = seedArg === undefined ? undefined : Number(seedArg);
if (seed !== undefined && !Number.isInteger(seed)) {
  process.stderr.write(`bench/reliability-variants.js: SEED: expected an integer, got "${seedArg}"\n`);
  process.exit(2);
}
const sets = await loadSets();
const splits = buildSplits(sets, { probe: false, ...(seed === undefined ? {} : { seed }) });
const bySet = new Map(sets.map((s) => [s.name, s]));
const groupOf = new Map(splits.datasets.map((d) => [d.name, d.group]));
const S0 = DEFAULT_RELIABILITY;
/** Counting options for a variant's feature settings: every block counted, so block weights can vary per fit. */
const countingFor = (/** @type {Record<string, number | boolean> | undefined} */ over) => ({
  features: { ...S0.features, ...(over ?? {}), blockWeights: { word: 1, title: 1, char: 1, shape: 1 } },
  style: S0.styleWeight !== 0,
  signatures: false,
});
/** @type {Record<string, number[][]>} */
const res = {};
for (const cell of splits.cells) {
  if (!cell.test) continue;
  const key = cell.kind === 'lodo' ? cell.name : /** @type {string} */ (cell.set);
  if (!only.some((o) => cell.name.includes(o))) continue;
  const items = cell.train.flatMap(([name, idx]) =>
    idx.map((i) => ({ a: /** @type {any} */ (bySet.get(name)).articles[i], group: /** @type {number[]} */ (groupOf.get(name))[i], source: name })),
  );
  const [tn, tidx] = cell.test;
  const test = tidx.map((i) => /** @type {any} */ (bySet.get(tn)).articles[i]);
  /** @type {Map<string, [import('../dist/learn/featurise.js').Featurised, import('../dist/learn/featurise.js').Featurised]>} */
  const featurised = new Map();
  const countedFor = async (/** @type {Record<string, number | boolean> | undefined} */ over) => {
    const key = JSON.stringify(over ?? {});
    let fg = featurised.get(key);
    if (fg === undefined) {
      const counting = countingFor(over);
      fg = [
        await featurise(items.map(({ a }) => ({ title: a.title, body: a.body })), counting),
        await featurise(test.map((a) => ({ title: a.title, body: a.body })), counting),
      ];
      featurised.set(key, fg);
    }
    return fg;
  };
  const rows = items.map(({ a, source, group }) => ({ y: a.y, source, group }));
  const out = [];
  for (const v of variants) {
    const [f, g] = await countedFor(v.features);
    const settings = {
      ...S0,
      features: { ...S0.features, ...(v.features ?? {}), blockWeights: { ...S0.features.blockWeights, ...(v.blockWeights ?? {}) } },
      logistic: { ...S0.logistic, C: v.C ?? S0.logistic.C, maxPasses: v.maxPasses ?? S0.logistic.maxPasses },
      minDf: v.minDf ?? S0.minDf,
      balance: v.balance ?? S0.balance,
    };
    const { model } = await fitFromCounts(f.counts, f.raw, /** @type {any} */ (rows), settings);
    const p = g.counts.map((c, i) => pUnreliableFromCounts(model, c, /** @type {Float64Array} */ (g.raw[i])));
    out.push(rankAuc(test.map((a) => a.y), p) ?? NaN);
  }
  (res[key] ??= []).push(out);
  process.stderr.write(`${cell.name} ${out.map((x) => x.toFixed(4)).join(' ')}\n`);
}
for (const [k, v] of Object.entries(res)) {
  console.log(`${k}  ${variants.map((x, j) => `${x.label}: ${(v.reduce((a, r) => a + /** @type {number} */ (r[j]), 0) / v.length).toFixed(4)}`).join('  ')}`);
}
process.exit(0);
