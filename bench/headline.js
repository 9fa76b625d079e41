// @ts-check
/**
 * `npm run bench:headline`: what the headline check costs and how fast stance scoring is.
 *
 * 1. Per-article time of `credence analyze` with and without the headline section: the same engine code
 *    (dist/analyse/engine.js) over the same articles from the four shared article sets, the two variants
 *    timed in alternating rounds so both see the same machine load; the ratio is what the headline adds.
 * 2. `credence stance eval` over the first 25,000 pairs of ../shared/datasets/fnc1 (written to a
 *    temporary file; the bundled model's own training pairs, so only the time means anything here): wall
 *    time of the whole command, reading and model load included.
 *
 * Build first (`npx tsc -p tsconfig.build.json`). Options: --articles N (default 600), --rounds N (default 9),
 * --pairs N (default 25000), --out FILE (default bench/out/headline.json).
 */
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DATASETS_DIR, loadSets, REPO, SETS } from './lib/data.js';
import { median, optionReader } from './lib/cli.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const opt = optionReader(process.argv.slice(2));
const ARTICLES = Number(opt('--articles', '600'));
const ROUNDS = Number(opt('--rounds', '9'));
const PAIRS = Number(opt('--pairs', '25000'));
const OUT = opt('--out', join(REPO, 'bench', 'out', 'headline.json'));

const { createEngine } = await import('../dist/analyse/engine.js');

// Every set contributes alike; only articles with a title and a body get a headline section.
const sets = await loadSets(SETS);
const per = Math.ceil(ARTICLES / sets.length);
const articles = sets
  .flatMap((s) => s.articles.filter((a) => a.title.trim() !== '' && a.body.trim() !== '').slice(0, per))
  .slice(0, ARTICLES)
  .map((a) => ({ id: a.id, title: a.title, body: a.body }));
const words = articles.reduce((n, a) => n + a.body.split(/\s+/).length, 0);

const withHeadline = createEngine();
const without = createEngine({ stanceModel: null });
/** @param {ReturnType<typeof createEngine>} engine */
const pass = (engine) => {
  const t0 = performance.now();
  let sections = 0;
  for (const a of articles) if (engine.analyze(a).headline !== undefined) sections++;
  return { ms: performance.now() - t0, sections };
};
pass(withHeadline); // warm both (JIT, lexicon)
pass(without);
const on = [];
const off = [];
let sections = 0;
for (let r = 0; r < ROUNDS; r++) {
  off.push(pass(without).ms);
  const p = pass(withHeadline);
  on.push(p.ms);
  sections = p.sections;
}
const offMs = median(off) / articles.length;
const onMs = median(on) / articles.length;
// Each round's two passes ran back to back: their ratio is paired, and its median shrugs off a slow round.
const pairedAdded = median(on.map((ms, r) => ms / /** @type {number} */ (off[r]) - 1));
const analyse = {
  articles: articles.length,
  meanWords: Math.round(words / articles.length),
  withHeadlineSections: sections,
  rounds: ROUNDS,
  msPerArticleWithout: offMs,
  msPerArticleWith: onMs,
  added: onMs / offMs - 1,
  pairedAdded,
};
process.stderr.write(
  `analyze, ${articles.length} articles (${analyse.meanWords} words on average), median of ${ROUNDS} rounds: ` +
    `${offMs.toFixed(2)} ms without the headline check, ${onMs.toFixed(2)} ms with it: +${(analyse.added * 100).toFixed(1)} % ` +
    `(median of the rounds' paired ratios: +${(pairedAdded * 100).toFixed(1)} %)\n`,
);

// stance eval over the first PAIRS pairs, through the command line.
const fnc = join(DATASETS_DIR, 'fnc1');
const tmp = mkdtempSync(join(tmpdir(), 'credence-headline-'));
const stances = gunzipSync(readFileSync(join(fnc, 'stances.csv.gz'))).toString('utf8');
// Rows may hold quoted newlines in principle; FNC-1 headlines do not, which the pair count below checks.
const lines = stances.split('\n');
const subset = join(tmp, 'stances.csv');
writeFileSync(subset, lines.slice(0, PAIRS + 1).join('\n') + '\n');
const t0 = performance.now();
const r = spawnSync(process.execPath, [join(REPO, 'bin', 'credence.js'), 'stance', 'eval', '--bodies', join(fnc, 'bodies.csv.gz'), '--stances', subset, '--json'], {
  encoding: 'utf8',
  maxBuffer: 1 << 26,
});
const seconds = (performance.now() - t0) / 1000;
rmSync(tmp, { recursive: true, force: true });
if (r.status !== 0) throw new Error(`stance eval exited ${r.status}: ${r.stderr}`);
const m = JSON.parse(r.stdout);
const pairs = m.confusion.flat().reduce((/** @type {number} */ a, /** @type {number} */ b) => a + b, 0);
const stanceEval = { command: `credence stance eval --bodies fnc1/bodies.csv.gz --stances <first ${PAIRS} rows of fnc1/stances.csv.gz>`, pairs, seconds, pairsPerSecond: pairs / seconds };
process.stderr.write(`stance eval: ${pairs} pairs in ${seconds.toFixed(1)} s (${Math.round(stanceEval.pairsPerSecond)} pairs/s, start-up and reading included)\n`);

const out = {
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  date: new Date().toISOString(),
  analyse,
  stanceEval,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
process.stderr.write(`written to ${OUT}\n`);
