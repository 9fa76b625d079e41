// @ts-check
/**
 * `node bench/clickbait.js`: Credence's clickbait model against scikit-learn (TF-IDF word 1–2-grams +
 * LogisticRegression(C=10, liblinear), bench/peer_clickbait.py, Debian's /usr/bin/python3) on the same
 * held-out split in one run: accuracy, precision, recall, F1, ROC-AUC; the same held-out headlines
 * lower-cased and Title-Cased (a model that learned casing falls apart there); training time and its
 * ratio; the cost of scoring one headline from a Doc; and the share of real news headlines
 * (FakeNewsNet PolitiFact and GossipCop titles by label, FNC-1 headlines) each side calls clickbait.
 *
 * The split is Credence's own (the one `credence clickbait train` holds out): headlines de-duplicated by
 * text, near-duplicates grouped, a seeded stratified 20 % held out with each group on one side.
 * Both sides are measured with and without lower-casing. Build first (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { makeDoc } from '../dist/text/doc.js';
import { headlineFeatures } from '../dist/learn/clickbait/features.js';
import { clickbaitFigures, titleCase } from '../dist/learn/clickbait/metrics.js';
import { DEFAULT_CLICKBAIT, fitClickbait, fitClickbaitOnce, scoreHeadline, clickbaitProbability } from '../dist/learn/clickbait/model.js';
import { headlineGroups, headlineSignature, headlineSplit } from '../dist/learn/clickbait/split.js';
import { calibrate } from '../dist/learn/calibration.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const DATA = process.env.CREDENCE_DATASETS ?? new URL('../../shared/datasets/', import.meta.url).pathname;
const file = join(DATA, 'clickbait', 'data.jsonl.gz');
if (!existsSync(file)) {
  console.error(`bench/clickbait.js: no ${file}; set CREDENCE_DATASETS to the datasets folder`);
  process.exit(1);
}
const jsonl = (/** @type {string} */ f) => gunzipSync(readFileSync(f)).toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

// The split, as `credence clickbait train` makes it.
const seen = new Set();
/** @type {{title: string, y: number}[]} */
const rows = [];
for (const r of jsonl(file)) {
  const key = r.title.toLowerCase().replace(/\s+/g, ' ').trim();
  if (seen.has(key)) continue;
  seen.add(key);
  rows.push({ title: r.title, y: r.label === 'clickbait' ? 1 : 0 });
}
const y = Uint8Array.from(rows, (r) => r.y);
const docs = rows.map((r) => makeDoc({ title: r.title, body: '' }));
const groups = headlineGroups(docs.map((d) => headlineSignature(d)));
const test = headlineSplit(y, groups, 0.2, DEFAULT_CLICKBAIT.seed);
const tr = [];
const te = [];
test.forEach((t, i) => (t === 1 ? te : tr).push(i));

// Real news headlines.
/** @type {Record<string, string[]>} */
const real = {};
for (const set of ['politifact', 'gossipcop']) {
  const f = join(DATA, `fakenewsnet-${set}`, 'data.jsonl.gz');
  if (!existsSync(f)) continue;
  for (const r of jsonl(f)) if (typeof r.title === 'string' && r.title.trim() !== '') (real[`${set} ${r.label}`] ??= []).push(r.title);
}
const fnc = join(DATA, 'fnc1', 'stances.csv.gz');
if (existsSync(fnc)) {
  const heads = new Set();
  for (const line of gunzipSync(readFileSync(fnc)).toString('utf8').split('\n').slice(1)) {
    const m = /^(?:"((?:[^"]|"")*)"|([^,]*)),\d+,[a-z]+\r?$/.exec(line);
    if (m) heads.add((m[1] ?? m[2] ?? '').replace(/""/g, '"'));
  }
  real['FNC-1 headlines'] = [...heads].filter((h) => h.trim() !== '');
}

// The peer first (its process owns the CPU while it runs; ours runs after).
const tmp = mkdtempSync(join(tmpdir(), 'credence-clickbait-'));
/** @type {any} */
let peer = null;
try {
  const splitFile = join(tmp, 'split.json');
  writeFileSync(splitFile, JSON.stringify({ titles: rows.map((r) => r.title), y: Array.from(y), test: Array.from(test), real }));
  const r = spawnSync('/usr/bin/python3', [new URL('peer_clickbait.py', import.meta.url).pathname, splitFile], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error || r.status !== 0) console.error(`peer unavailable: ${r.error?.message ?? r.stdout + r.stderr}`);
  else peer = JSON.parse(r.stdout);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const settings = DEFAULT_CLICKBAIT;
/** @type {Record<string, any>} */
const ours = {};
for (const [name, cased] of [['lower-cased', false], ['cased', true]]) {
  const s = { ...settings, features: { ...settings.features, cased: /** @type {boolean} */ (cased) } };
  // Warm-up (the JIT), untimed: the peer's interpreter and imports are not timed either.
  fitClickbaitOnce(tr.slice(0, 2000).map((i) => headlineFeatures(docs[i], 0, docs[i].tokens.length, s.features)), Uint8Array.from(tr.slice(0, 2000), (i) => y[i]), s, 10);
  // Timed like the peer's fit_transform + fit: features of the training rows (Docs included) and one fit at C = 10.
  const t0 = performance.now();
  const trDocs = tr.map((i) => makeDoc({ title: rows[i].title, body: '' }));
  const X = trDocs.map((d) => headlineFeatures(d, 0, d.tokens.length, s.features));
  const yt = Uint8Array.from(tr, (i) => y[i]);
  fitClickbaitOnce(X, yt, s, 10);
  const fitSeconds = (performance.now() - t0) / 1000;
  // The full training: C by grouped 5-fold cross-validation over the grid, Platt calibration, final fit.
  const t1 = performance.now();
  const fit = fitClickbait(X, yt, Int32Array.from(tr, (i) => groups[i]), s);
  const fullSeconds = (performance.now() - t1) / 1000 + fitSeconds;
  const gold = te.map((i) => y[i]);
  const score = (/** @type {(t: string) => string} */ f) => te.map((i) => scoreHeadline(fit.model, f(rows[i].title)));
  const t2 = performance.now();
  const p = score((t) => t);
  const predictSeconds = (performance.now() - t2) / 1000;
  const m = clickbaitFigures(gold, p);
  /** @type {Record<string, number>} */
  const realShare = {};
  for (const [k, ts] of Object.entries(real)) realShare[k] = ts.filter((t) => scoreHeadline(fit.model, t) >= 0.5).length / ts.length;
  ours[name] = {
    ...m,
    C: fit.model.C,
    fitSeconds,
    fullSeconds,
    predictSeconds,
    lowerCasedAccuracy: clickbaitFigures(gold, score((t) => t.toLowerCase())).accuracy,
    titleCasedAccuracy: clickbaitFigures(gold, score(titleCase)).accuracy,
    real: realShare,
    model: fit.model,
  };
}

// Cost of the product call: the probability from an article's Doc (title tokens only), 1,000-word body.
const model = ours['lower-cased'].model;
const body = Array.from({ length: 100 }, (_, i) => `The council met on day ${i} and said the budget was approved by members.`).join(' ');
const doc = makeDoc({ title: rows[te[0]].title, body });
let sink = 0;
for (let i = 0; i < 2000; i++) sink += clickbaitProbability(model, doc) ?? 0;
const reps = 20000;
const t3 = performance.now();
for (let i = 0; i < reps; i++) sink += clickbaitProbability(model, doc) ?? 0;
const perDocUs = ((performance.now() - t3) / reps) * 1000;
void calibrate;

const f3 = (/** @type {number | null | undefined} */ x) => (x === null || x === undefined ? '  n/a' : x.toFixed(3));
console.log(`clickbait: ${rows.length} distinct headlines, ${tr.length} train / ${te.length} held out (seed ${settings.seed}, near-duplicates kept together)`);
console.log(`peer: ${peer === null ? 'unavailable' : `scikit-learn ${peer.sklearn}, TfidfVectorizer(ngram_range=(1,2), sublinear_tf=True) + LogisticRegression(C=10, liblinear)`}`);
console.log('');
console.log('side       casing        accuracy precision recall    F1  ROC-AUC | lower-cased  Title Case | fit s');
for (const name of ['lower-cased', 'cased']) {
  const o = ours[name];
  console.log(`credence   ${name.padEnd(12)}  ${f3(o.accuracy)}    ${f3(o.precision)}  ${f3(o.recall)} ${f3(o.f1)}  ${f3(o.rocAuc)} |    ${f3(o.lowerCasedAccuracy)}       ${f3(o.titleCasedAccuracy)} | ${o.fitSeconds.toFixed(2)} (one fit, C=10); ${o.fullSeconds.toFixed(1)} with CV over C ∈ {${settings.cGrid.join(', ')}} → C=${o.C}`);
  if (peer !== null) {
    const p = peer.variants[name];
    console.log(`sklearn    ${name.padEnd(12)}  ${f3(p.accuracy)}    ${f3(p.precision)}  ${f3(p.recall)} ${f3(p.f1)}  ${f3(p.rocAuc)} |    ${f3(p.lowerCasedAccuracy)}       ${f3(p.titleCasedAccuracy)} | ${p.fitSeconds.toFixed(2)}`);
  }
}
if (peer !== null) {
  for (const name of ['lower-cased', 'cased']) {
    console.log(`training-time ratio peer/credence (${name}, one fit each, features included): ${(peer.variants[name].fitSeconds / ours[name].fitSeconds).toFixed(2)}`);
  }
}
console.log('');
console.log('share of real news headlines called clickbait (p ≥ 0.5)');
console.log('set                        n   credence lower  credence cased  sklearn lower  sklearn cased');
for (const [k, ts] of Object.entries(real)) {
  const pl = peer?.variants['lower-cased'].real[k];
  const pc = peer?.variants.cased.real[k];
  console.log(`${k.padEnd(22)} ${String(ts.length).padStart(5)}   ${f3(ours['lower-cased'].real[k])}           ${f3(ours.cased.real[k])}           ${f3(pl)}          ${f3(pc)}`);
}
console.log('');
console.log(`scoring one article's headline from its Doc (1,000-word body, title tokens only): ${perDocUs.toFixed(1)} µs (${reps} calls) [${sink > 0 ? 'ok' : ''}]`);
