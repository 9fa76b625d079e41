// @ts-check
/**
 * `npm run bench:sourcing`: what the sourcing and signals features (language, entities, quotes and
 * sources, the checklist) add to `credence analyze`, in ms per 1,000 words, beside the core's
 * reliability-only time on the same articles.
 *
 * The same Docs go through (a) the reliability analyser alone (makeDoc included: the core's work) and
 * (b) the issue-4 analysers on an already made Doc: language detection, entity recognition, quotes and
 * sources, the signals checklist. Rounds alternate (a) and (b) so both see the same machine load; the
 * medians of the rounds are reported. Articles from the four shared article sets, equal shares.
 *
 * Build first (`npm run build`). Options: --articles N (default 1000), --rounds N (default 7),
 * --out FILE (default bench/out/sourcing.json).
 */
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadSets, REPO, SETS } from './lib/data.js';
import { median } from './lib/cli.js';

const args = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? /** @type {string} */ (args[i + 1]) : fallback;
};
const ARTICLES = Number(opt('--articles', '1000'));
const ROUNDS = Number(opt('--rounds', '7'));
const OUT = opt('--out', join(REPO, 'bench', 'out', 'sourcing.json'));

const { makeDoc } = await import('../dist/text/doc.js');
const { createEngine } = await import('../dist/analyse/engine.js');
const { analyseReliability } = await import('../dist/analyse/reliability.js');
const { languageOf, sourcingSections } = await import('../dist/analyse/engine.js');

const sets = await loadSets(SETS);
const per = Math.ceil(ARTICLES / sets.length);
const articles = sets
  .flatMap((s) => s.articles.filter((a) => a.body.trim() !== '').slice(0, per))
  .slice(0, ARTICLES)
  .map((a) => ({ id: a.id, title: a.title, body: a.body }));

const engine = createEngine({ stanceModel: null, worthinessModel: null });
const docs = articles.map((a) => makeDoc(a));
const docWords = docs.map((d) => {
  let n = 0;
  for (let i = 0; i < d.tokens.length; i++) if (d.tokens.kind[i] === 0 /* TokenKind.Word */) n++;
  return n;
});
const words = docWords.reduce((a, b) => a + b, 0);

const core = () => {
  const t0 = performance.now();
  for (const a of articles) analyseReliability(makeDoc(a), engine.reliability);
  return performance.now() - t0;
};
const added = () => {
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i++) {
    const d = /** @type {import('../dist/text/doc.js').Doc} */ (docs[i]);
    sourcingSections(engine, d, languageOf(d), docWords[i] ?? 0, true);
  }
  return performance.now() - t0;
};
core();
added();
const coreMs = [];
const addedMs = [];
for (let r = 0; r < ROUNDS; r++) {
  coreMs.push(core());
  addedMs.push(added());
}
const perK = (/** @type {number} */ ms) => (ms / words) * 1000;
const result = {
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  date: new Date().toISOString(),
  articles: articles.length,
  meanWords: Math.round(words / articles.length),
  rounds: ROUNDS,
  reliabilityMsPer1000Words: perK(median(coreMs)),
  sourcingMsPer1000Words: perK(median(addedMs)),
  budgetMsPer1000Words: 2,
};
process.stderr.write(
  `${articles.length} articles, ${result.meanWords} words on average, median of ${ROUNDS} rounds:\n` +
    `  reliability (Doc + model + explanation): ${result.reliabilityMsPer1000Words.toFixed(3)} ms per 1,000 words\n` +
    `  language + entities + quotes and sources + signals: ${result.sourcingMsPer1000Words.toFixed(3)} ms per 1,000 words (budget 2)\n`,
);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
process.stderr.write(`written to ${OUT}\n`);
