// @ts-check
/**
 * One Credence fit on every row of the split file's "all" cell, in a process of its own, so its peak
 * memory is that of reading the sets and training, as the peer's `--fit-all` is. Used by
 * bench/reliability.js; prints one JSON line.
 *
 *   node bench/fit-all.js SPLITS.json
 */
import { readFileSync } from 'node:fs';
import { fitCell, rowsOf } from './lib/credence.js';
import { loadSets } from './lib/data.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: node bench/fit-all.js SPLITS.json\n');
  process.exit(2);
}
/** @type {import('./lib/splits.js').Splits} */
const splits = JSON.parse(readFileSync(path, 'utf8'));
const sets = await loadSets(splits.datasets.map((d) => d.name));
const rows = rowsOf(sets, splits);
const cell = splits.cells.find((c) => c.kind === 'all');
if (!cell) throw new Error('the split file has no "all" cell');
const { fitSeconds, nTrain, iterations, converged } = await fitCell(cell, rows);
process.stdout.write(JSON.stringify({ cell: cell.name, nTrain, fitSeconds, iterations, converged, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
