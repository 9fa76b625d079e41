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
 * Measured twice: on one thread, and on two cores, the articles split between two worker threads (as
 * `credence analyze` spreads a corpus), timed from the start of a round until both halves are done.
 *
 * Build first (`npm run build`). Options: --articles N (default 1000), --rounds N (default 7),
 * --out FILE (default bench/out/sourcing.json).
 */
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadSets, REPO, SETS } from './lib/data.js';
import { median, optionReader } from './lib/cli.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const { makeDoc } = await import('../dist/text/doc.js');
const { createEngine } = await import('../dist/analyse/engine.js');
const { analyseReliability } = await import('../dist/analyse/reliability.js');
const { languageOf, sourcingSections } = await import('../dist/analyse/engine.js');

/** @typedef {{ id: string, title: string, body: string }} BenchText */

/**
 * The two kinds of work over a list of articles, each returning its milliseconds.
 * @param {BenchText[]} articles
 */
function workOn(articles) {
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
  return { words, core, added };
}

if (!isMainThread) {
  const work = workOn(/** @type {BenchText[]} */ (workerData));
  parentPort?.on('message', (/** @type {'core' | 'added' | 'words'} */ kind) => {
    parentPort?.postMessage(kind === 'words' ? work.words : kind === 'core' ? work.core() : work.added());
  });
} else {
  const opt = optionReader(process.argv.slice(2));
  const ARTICLES = Number(opt('--articles', '1000'));
  const ROUNDS = Number(opt('--rounds', '7'));
  const OUT = opt('--out', join(REPO, 'bench', 'out', 'sourcing.json'));

  const sets = await loadSets(SETS);
  const per = Math.ceil(ARTICLES / sets.length);
  /** @type {BenchText[]} */
  const articles = sets
    .flatMap((s) => s.articles.filter((a) => a.body.trim() !== '').slice(0, per))
    .slice(0, ARTICLES)
    .map((a) => ({ id: a.id, title: a.title, body: a.body }));

  // One thread.
  const one = workOn(articles);
  const coreMs = [];
  const addedMs = [];
  for (let r = 0; r < ROUNDS; r++) {
    coreMs.push(one.core());
    addedMs.push(one.added());
  }

  // Two cores: alternate articles to each worker, so both halves are alike.
  const halves = [articles.filter((_, i) => i % 2 === 0), articles.filter((_, i) => i % 2 === 1)];
  const workers = halves.map((h) => new Worker(fileURLToPath(import.meta.url), { workerData: h }));
  /** @param {Worker} w @param {'core' | 'added' | 'words'} kind @returns {Promise<number>} */
  const ask = (w, kind) =>
    new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
      w.postMessage(kind);
    });
  const twoWords = (await Promise.all(workers.map((w) => ask(w, 'words')))).reduce((a, b) => a + b, 0);
  /** @param {'core' | 'added'} kind */
  const wall = async (kind) => {
    const t0 = performance.now();
    await Promise.all(workers.map((w) => ask(w, kind)));
    return performance.now() - t0;
  };
  const core2 = [];
  const added2 = [];
  for (let r = 0; r < ROUNDS; r++) {
    core2.push(await wall('core'));
    added2.push(await wall('added'));
  }
  await Promise.all(workers.map((w) => w.terminate()));

  const perK = (/** @type {number} */ ms, /** @type {number} */ words) => (ms / words) * 1000;
  const result = {
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
    date: new Date().toISOString(),
    articles: articles.length,
    meanWords: Math.round(one.words / articles.length),
    rounds: ROUNDS,
    reliabilityMsPer1000Words: perK(median(coreMs), one.words),
    sourcingMsPer1000Words: perK(median(addedMs), one.words),
    twoCores: {
      reliabilityMsPer1000Words: perK(median(core2), twoWords),
      sourcingMsPer1000Words: perK(median(added2), twoWords),
    },
    budgetMsPer1000Words: 2,
  };
  process.stderr.write(
    `${articles.length} articles, ${result.meanWords} words on average, median of ${ROUNDS} rounds:\n` +
      `  one thread:  reliability (Doc + model + explanation) ${result.reliabilityMsPer1000Words.toFixed(3)} ms per 1,000 words; ` +
      `language + entities + quotes and sources + signals ${result.sourcingMsPer1000Words.toFixed(3)} ms (budget 2)\n` +
      `  two cores:   reliability ${result.twoCores.reliabilityMsPer1000Words.toFixed(3)} ms per 1,000 words; ` +
      `language + entities + quotes and sources + signals ${result.twoCores.sourcingMsPer1000Words.toFixed(3)} ms (budget 2)\n`,
  );
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
  process.stderr.write(`written to ${OUT}\n`);
}
