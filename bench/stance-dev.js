#!/usr/bin/env node
/**
 * The stance model's dev figures on FNC-1: a held-out split in which no body, no headline and no claim
 * is on both sides (src/evaluate/stance-split.ts), the model fitted on the training side, every figure
 * printed for the dev side. Needs `npm run build` first.
 *
 *   node bench/stance-dev.js [--data DIR] [--dev-fraction 0.2] [--seed 1] [--set path=value ...] [--json]
 *   node bench/stance-dev.js --cv 5     # k-fold over claims instead: every fold's test claims unseen, pooled figures
 *   node bench/stance-dev.js --save-full models/stance.cdm   # then fit on every pair and save, the dev figures in its card
 *
 * DIR holds bodies.csv.gz and stances.csv.gz in the FNC-1 layout (default ../shared/datasets/fnc1).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDoc } from '../dist/text/doc.js';
import { readFnc1 } from '../dist/evaluate/fnc1.js';
import { stanceFolds, stanceSplit, unrelatedShareWeights, TRAIN, DEV } from '../dist/evaluate/stance-split.js';
import { stanceMetrics, formatConfusion, fncFigures, STANCES, STANCE_INDEX } from '../dist/evaluate/stance-metrics.js';
import { DEFAULT_STANCE, fitStance, predictSides, predictStance, StanceCache } from '../dist/learn/stance/model.js';
import { readSide } from '../dist/learn/stance/text.js';
import { scoreExamples } from '../dist/evaluate/stance-data.js';
import { optionReader } from './lib/cli.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const opt = optionReader(args);
const dataDir = resolve(opt('--data', join(here, '..', '..', 'shared', 'datasets', 'fnc1')));
const devFraction = Number(opt('--dev-fraction', '0.2'));
const seed = Number(opt('--seed', '1'));
const json = args.includes('--json');
const cv = Number(opt('--cv', '0'));
const verbose = args.includes('--verbose');

const settings = structuredClone(DEFAULT_STANCE);
args.forEach((a, i) => {
  if (a !== '--set') return;
  const [path, value] = args[i + 1].split('=');
  const keys = path.split('.');
  let o = settings;
  for (const k of keys.slice(0, -1)) o = o[k];
  o[keys.at(-1)] = JSON.parse(value);
});

const log = (...m) => process.stderr.write(m.join(' ') + '\n');
const t0 = performance.now();
const data = readFnc1(join(dataDir, 'bodies.csv.gz'), join(dataDir, 'stances.csv.gz'), (e) => log('skipped:', e.describe()));
const split = stanceSplit(data.pairs, data.bodies, devFraction, seed);

// Read every body and every distinct headline once.
const tRead = performance.now();
const bodySide = new Map();
for (const [id, text] of data.bodies) bodySide.set(id, readSide(makeDoc({ title: '', body: text }), 'body'));
const headSide = new Map();
for (const p of data.pairs) if (!headSide.has(p.headline)) headSide.set(p.headline, readSide(makeDoc({ title: p.headline, body: '' }), 'headline'));
const readSeconds = (performance.now() - tRead) / 1000;

const examples = data.pairs.map((p) => ({ headline: headSide.get(p.headline), body: bodySide.get(p.bodyId), stance: p.stance, pair: p }));
const count = (rows) => Object.fromEntries(STANCES.map((s) => [s, rows.filter((r) => r.stance === s).length]));
log(`data: ${data.pairs.length} pairs, ${data.bodies.size} bodies; read ${readSeconds.toFixed(1)} s`);
let stageStart = performance.now();
const progress = verbose
  ? (stage, done, total) => {
      if (done === total) {
        log(`  ${stage}: ${((performance.now() - stageStart) / 1000).toFixed(1)} s`);
        stageStart = performance.now();
      }
    }
  : undefined;

/** Fit on `train`, predict `test`: gold and predicted stance indices, fit and scoring seconds. */
function run(train, test) {
  stageStart = performance.now();
  const { model, report } = fitStance(train, settings, progress);
  const tScore = performance.now();
  const { gold, pred } = scoreExamples(model, test);
  return { model, report, gold, pred, scoreSeconds: (performance.now() - tScore) / 1000 };
}

let train;
let dev;
let gold;
let pred;
let model;
let report;
let scoreSeconds;
const foldScores = [];
if (cv >= 2) {
  const folds = stanceFolds(data.pairs, data.bodies, cv, seed);
  const golds = [];
  const preds = [];
  let fitSeconds = 0;
  scoreSeconds = 0;
  dev = [];
  for (let f = 0; f < cv; f++) {
    const tr = examples.filter((_, i) => folds.headlineFold[i] !== f && folds.bodyFold[i] !== f);
    const te = examples.filter((_, i) => folds.testFold[i] === f);
    const r = run(tr, te);
    const fm = stanceMetrics(r.gold, r.pred);
    foldScores.push({ relativeScore: fm.relativeScore, macroF1: fm.macroF1, disagreeF1: fm.perClassF1.disagree, n: te.length });
    log(`fold ${f}: train ${tr.length}, test ${te.length}: FNC ${fm.relativeScore.toFixed(2)} %, macro-F1 ${fm.macroF1.toFixed(4)}, disagree F1 ${fm.perClassF1.disagree.toFixed(3)}, fit ${r.report.seconds.toFixed(1)} s`);
    golds.push(...r.gold);
    preds.push(...r.pred);
    fitSeconds += r.report.seconds;
    scoreSeconds += r.scoreSeconds;
    dev.push(...te);
    model = r.model;
    report = { ...r.report, seconds: fitSeconds / cv };
  }
  gold = Int32Array.from(golds);
  pred = Int32Array.from(preds);
  train = examples.filter((_, i) => folds.testFold[i] !== -1);
} else {
  const split = stanceSplit(data.pairs, data.bodies, devFraction, seed);
  train = examples.filter((_, i) => split.part[i] === TRAIN);
  dev = examples.filter((_, i) => split.part[i] === DEV);
  log(`split (seed ${seed}, dev fraction ${devFraction}): ${split.claims} claims, ${split.devClaims} in dev`);
  log(`  train ${train.length} ${JSON.stringify(count(train))}`);
  log(`  dev   ${dev.length} ${JSON.stringify(count(dev))}`);
  log(`  dropped ${data.pairs.length - train.length - dev.length} (unrelated pairs across the split)`);
  ({ model, report, gold, pred, scoreSeconds } = run(train, dev));
  log(`fit: ${report.seconds.toFixed(1)} s (${report.pairs} pairs, ${report.related} related)`);
}

// Per article: one Doc from {title: headline, body}, as `credence analyze` will do, on bodies of 500–700 words.
const long = dev.filter((e) => e.body.stems.length >= 500 && e.body.stems.length <= 700).slice(0, 300);
const docs = long.map((e) => makeDoc({ title: e.pair.headline, body: data.bodies.get(e.pair.bodyId) }));
for (const d of docs.slice(0, 20)) predictStance(model, d);
const tOne = performance.now();
for (const d of docs) predictStance(model, d);
const perArticleMs = docs.length > 0 ? (performance.now() - tOne) / docs.length : NaN;
const tDoc = performance.now();
for (const e of long) makeDoc({ title: e.pair.headline, body: data.bodies.get(e.pair.bodyId) });
const docMs = long.length > 0 ? (performance.now() - tDoc) / long.length : NaN;
// The reliability analyser on the same articles (when the bundled model is there), for the "at most 30 % on top" budget.
let reliabilityMs = NaN;
const reliabilityPath = join(here, '..', 'models', 'reliability.cdm');
if (existsSync(reliabilityPath) && docs.length > 0) {
  const { loadReliability } = await import('../dist/learn/reliability-file.js');
  const { analyseReliability } = await import('../dist/analyse/reliability.js');
  const loaded = loadReliability(reliabilityPath);
  for (const d of docs.slice(0, 20)) analyseReliability(d, loaded);
  const tRel = performance.now();
  for (const d of docs) analyseReliability(d, loaded);
  reliabilityMs = (performance.now() - tRel) / docs.length;
}

const m = stanceMetrics(gold, pred);
const savePath = opt('--save', undefined);
const saveFull = opt('--save-full', undefined);
if (savePath !== undefined || saveFull !== undefined) {
  const { saveStance } = await import('../dist/learn/stance/file.js');
  const { renderStanceCard } = await import('../dist/learn/stance/card.js');
  const { createHash } = await import('node:crypto');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const sha = (f) => createHash('sha256').update(readFileSync(f)).digest('hex');
  const bodiesFile = join(dataDir, 'bodies.csv.gz');
  const stancesFile = join(dataDir, 'stances.csv.gz');
  const card = (fit, pairs, heldOut) => ({
    name: 'credence-stance',
    description:
      'Stance of an article body toward its headline or a claim (FNC-1: agree, disagree, discuss, unrelated), with the body sentences that most support or contradict it. ' +
      'Two stages of gradient-boosted trees on headline-body similarity and stance-cue features, with out-of-fold text models stacked into the second.',
    createdAt: new Date().toISOString(),
    credenceVersion: '0.1.0',
    command: `node bench/stance-dev.js ${args.join(' ')}`,
    trainingData: [
      {
        bodies: bodiesFile,
        stances: stancesFile,
        bodiesSha256: sha(bodiesFile),
        stancesSha256: sha(stancesFile),
        pairs: pairs.length,
        bodyCount: new Set(pairs.map((e) => e.pair.bodyId)).size,
        skipped: data.skipped.bodies + data.skipped.stances,
        counts: count(pairs),
      },
    ],
    notes: [
      'FNC-1 (FakeNewsChallenge/fnc-1) names no licence; its texts are third-party news from 2014-2015 (Emergent). No text is stored in the model: only IDF values, hashed n-gram weights and trees.',
      'English only. Trained on rumours and claims of 2014-2015; the held-out figures are for claims, headlines and bodies the model never saw, from the same collection.',
    ],
    metrics: { heldOut },
    fit: { seconds: fit.seconds, pairs: fit.pairs, related: fit.related },
  });
  const heldOut = {
    protocol: cv >= 2 ? `${cv}-fold cross-validation over claims (seed ${seed}), pooled` : `claims held out (seed ${seed}, dev fraction ${devFraction}): no body, headline or claim in both train and dev`,
    pairs: gold.length,
    ...fncFigures(m),
  };
  if (savePath !== undefined) {
    saveStance(savePath, model, card(report, train, heldOut));
    log(`saved ${savePath} (fitted on the training side)`);
  }
  if (saveFull !== undefined) {
    const full = fitStance(examples, settings);
    const c = card(full.report, examples, heldOut);
    saveStance(saveFull, full.model, c);
    writeFileSync(saveFull.replace(/\.cdm$/, '') + '.md', renderStanceCard(c, settings));
    log(`saved ${saveFull} (fitted on all ${examples.length} pairs in ${full.report.seconds.toFixed(1)} s) and its card`);
  }
}
const mix = stanceMetrics(gold, pred, unrelatedShareWeights(gold, 0.722));
const result = {
  protocol:
    cv >= 2
      ? `FNC-1 train split; ${cv}-fold cross-validation over claims (seed ${seed}), pooled: no body, headline or claim of a test fold in its training folds`
      : `FNC-1 train split; dev = claims held out (seed ${seed}, fraction ${devFraction}): no body, headline or claim in both train and dev`,
  foldScores,
  trainPairs: train.length,
  devPairs: dev.length,
  devCounts: count(dev),
  fncScore: m.fncScore,
  maxScore: m.maxScore,
  relativeScore: m.relativeScore,
  macroF1: m.macroF1,
  perClassF1: m.perClassF1,
  relatedF1: m.relatedF1,
  confusion: m.confusion,
  atTestMix: { relativeScore: mix.relativeScore, macroF1: mix.macroF1 },
  fitSeconds: report.seconds,
  scoreSeconds,
  pairsPerSecond: dev.length / scoreSeconds,
  perArticleMs,
  docMs,
  reliabilityMs,
  settings,
};
if (json) process.stdout.write(JSON.stringify(result) + '\n');
else {
  const f = (x) => x.toFixed(4);
  console.log(`FNC score ${m.fncScore.toFixed(2)} / ${m.maxScore.toFixed(2)} = ${m.relativeScore.toFixed(2)} %`);
  console.log(`macro-F1 ${f(m.macroF1)}  per class: ${STANCES.map((s) => `${s} ${f(m.perClassF1[s])}`).join('  ')}  (related F1 ${f(m.relatedF1)})`);
  console.log(`at the official test's class mix (72.2 % unrelated): relative ${mix.relativeScore.toFixed(2)} %, macro-F1 ${f(mix.macroF1)}`);
  console.log(formatConfusion(m.confusion));
  console.log(`fit ${report.seconds.toFixed(1)} s; scoring ${dev.length} dev pairs ${scoreSeconds.toFixed(2)} s (${Math.round(dev.length / scoreSeconds)} pairs/s, bodies read once)`);
  console.log(
    `one article (500–700-word body, n=${docs.length}): predictStance ${perArticleMs.toFixed(3)} ms; makeDoc ${docMs.toFixed(3)} ms; ` +
      `reliability analyser ${reliabilityMs.toFixed(3)} ms (stance adds ${((100 * perArticleMs) / (docMs + reliabilityMs)).toFixed(0)} % to makeDoc + reliability)`,
  );
  if (foldScores.length > 0) {
    const mean = (k) => foldScores.reduce((a, f) => a + f[k], 0) / foldScores.length;
    console.log(`folds: relative ${foldScores.map((f) => f.relativeScore.toFixed(2)).join(' ')} (mean ${mean('relativeScore').toFixed(2)}); macro-F1 mean ${mean('macroF1').toFixed(4)}; disagree F1 mean ${mean('disagreeF1').toFixed(4)}`);
  }
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
