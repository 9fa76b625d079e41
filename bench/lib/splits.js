// @ts-check
/**
 * The splits both sides score, computed once with Credence's own code:
 * - near-duplicate groups across all four sets (MinHash over word 5-shingles of each Doc, banded LSH,
 *   union-find: src/text/minhash.ts + src/learn/groups.ts, as `nearDuplicateGroups` does);
 * - per set, 5 seeded stratified grouped folds (src/learn/split.ts `stratifiedGroupKFold`);
 * - 4 leave-one-dataset-out cells: train on three sets, test on the fourth. Training rows with a
 *   near-duplicate in the held-out set are left out of training, so no story straddles the boundary;
 * - one fit on all four sets (training time and peak memory only).
 * Every cell lists its training and test rows by index, so the python peer follows them exactly.
 */
import { Random } from '../../dist/learn/random.js';
import { groupNearDuplicates } from '../../dist/learn/groups.js';
import { stratifiedGroupKFold } from '../../dist/learn/split.js';
import { makeDoc } from '../../dist/text/doc.js';
import { minhashSignature, wordShingles } from '../../dist/text/minhash.js';

export const SPLIT_SEED = 1;

/**
 * Artefacts a scraper leaves in real articles, added to unreliable articles only. A model that learnt
 * "Reuters dateline = reliable" lowers its score; one that ignores artefacts does not move.
 */
export const PROBE_VARIANTS = [
  { name: 'dateline', label: 'agency dateline "WASHINGTON (Reuters) -"', prefix: 'WASHINGTON (Reuters) - ', suffix: '' },
  { name: 'url', label: 'a URL line at the end', prefix: '', suffix: '\n\nhttps://www.reuters.com/article/us-usa-politics-idUSKBN1H10YB' },
  { name: 'share', label: '"Share this article on Facebook" line', prefix: '', suffix: '\n\nShare this article on Facebook' },
  { name: 'byline', label: 'byline "By Jonathan Miller, Reuters"', prefix: 'By Jonathan Miller, Reuters\n\n', suffix: '' },
  {
    name: 'all',
    label: 'all four (byline, dateline, URL, share line)',
    prefix: 'By Jonathan Miller, Reuters\n\nWASHINGTON (Reuters) - ',
    suffix: '\n\nhttps://www.reuters.com/article/us-usa-politics-idUSKBN1H10YB\n\nShare this article on Facebook',
  },
];

/**
 * @typedef {import('./data.js').BenchSet} BenchSet
 * @typedef {{ rows: number[] }} ProbeSpec  positions in the cell's test list
 * @typedef {{
 *   name: string, kind: 'fold' | 'lodo' | 'all', set?: string, fold?: number,
 *   train: [string, number[]][], test?: [string, number[]], excludedNearDuplicates?: number, probe?: ProbeSpec
 * }} Cell
 * @typedef {{ name: string, path: string, ids: string[], y: number[], group: number[], fold: number[] }} SplitSet
 * @typedef {{ seed: number, folds: number, groups: { count: number, crossSet: number, seconds: number },
 *   probeVariants: typeof PROBE_VARIANTS, datasets: SplitSet[], cells: Cell[] }} Splits
 */

/**
 * @param {BenchSet[]} sets
 * @param {{ folds?: number, seed?: number, probeRows?: number, probe?: boolean }} [options]
 * @returns {Splits}
 */
export function buildSplits(sets, options = {}) {
  const folds = options.folds ?? 5;
  const seed = options.seed ?? SPLIT_SEED;
  const probeRows = options.probeRows ?? 300;

  // One Doc per article just for its signature; the Doc is dropped at once.
  const t0 = performance.now();
  const signatures = [];
  for (const s of sets) for (const a of s.articles) signatures.push(minhashSignature(wordShingles(makeDoc(a).tokens.norm)));
  const all = groupNearDuplicates(signatures);
  const groupSeconds = (performance.now() - t0) / 1000;

  /** @type {SplitSet[]} */
  const datasets = [];
  let offset = 0;
  for (const s of sets) {
    const n = s.articles.length;
    const group = all.subarray(offset, offset + n);
    offset += n;
    const y = Uint8Array.from(s.articles, (a) => a.y);
    const fold = stratifiedGroupKFold(y, Int32Array.from(group), folds, seed);
    datasets.push({ name: s.name, path: s.path, ids: s.articles.map((a) => a.id), y: [...y], group: [...group], fold: [...fold] });
  }
  const setsOfGroup = new Map();
  for (const d of datasets) for (const g of d.group) (setsOfGroup.get(g) ?? setsOfGroup.set(g, new Set()).get(g)).add(d.name);
  const crossSet = [...setsOfGroup.values()].filter((v) => v.size > 1).length;

  const indices = (/** @type {SplitSet} */ d, /** @type {(i: number) => boolean} */ keep) => d.ids.map((_, i) => i).filter(keep);
  /** @type {Cell[]} */
  const cells = [];
  for (const d of datasets) {
    for (let f = 0; f < folds; f++) {
      cells.push({
        name: `${d.name}#${f + 1}`,
        kind: 'fold',
        set: d.name,
        fold: f,
        train: [[d.name, indices(d, (i) => d.fold[i] !== f)]],
        test: [d.name, indices(d, (i) => d.fold[i] === f)],
      });
    }
  }
  if (datasets.length > 1) {
    for (const d of datasets) {
      const held = new Set(d.group);
      let excluded = 0;
      /** @type {[string, number[]][]} */
      const train = datasets
        .filter((o) => o !== d)
        .map((o) => {
          const keep = indices(o, (i) => !held.has(o.group[i]));
          excluded += o.ids.length - keep.length;
          return [o.name, keep];
        });
      cells.push({ name: `lodo:${d.name}`, kind: 'lodo', set: d.name, train, test: [d.name, indices(d, () => true)], excludedNearDuplicates: excluded });
    }
  }
  cells.push({ name: 'all', kind: 'all', train: datasets.map((d) => [d.name, indices(d, () => true)]) });

  if (options.probe !== false) {
    // The probe reads the held-out unreliable rows of each set's first fold and of every LODO cell.
    const rng = new Random(seed);
    for (const c of cells) {
      if (!((c.kind === 'fold' && c.fold === 0) || c.kind === 'lodo') || !c.test) continue;
      const d = datasets.find((x) => x.name === c.test?.[0]);
      const unreliable = c.test[1].map((row, pos) => ({ row, pos })).filter(({ row }) => d?.y[row] === 1).map(({ pos }) => pos);
      c.probe = { rows: rng.shuffle(unreliable).slice(0, probeRows).sort((a, b) => a - b) };
    }
  }
  return { seed, folds, groups: { count: new Set(all).size, crossSet, seconds: groupSeconds }, probeVariants: PROBE_VARIANTS, datasets, cells };
}
