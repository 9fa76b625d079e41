// @ts-check
/**
 * `node bench/factchecks.js`: how fast the fact-check database imports and matches.
 *
 * 1. Import: N fact-checks (default 100,000) as ClaimReview JSON lines, written to a temporary file
 *    and imported into a fresh store by `credence factchecks import` (dist/cli/factchecks-import.js,
 *    in-process): wall time of the whole command, reading and parsing included. Claims are made at run
 *    time by splicing the first half of one real claim to the second half of another (LIAR statements
 *    and CLEF 2020 verified claims from ../shared/datasets; invented words when those are absent), so
 *    the vocabulary is news-like. Nothing is written into the repository.
 * 2. Matching: `matchClaims` (BM25 candidates + re-ranker, the work of `credence claims match`) for Q
 *    sentences (default 1,000: LIAR test statements, which are not in the store) against that store,
 *    after 50 warm-up sentences: mean, median and 95th percentile per sentence; and FTS5 search alone.
 *
 * Build first (`npx tsc -p tsconfig.build.json`). Options: --n N, --queries Q, --out FILE
 * (default bench/out/factchecks.json).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PassThrough, Writable } from 'node:stream';
import { optionReader } from './lib/cli.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const REPO = fileURLToPath(new URL('../', import.meta.url));
const DATA = join(REPO, '..', 'shared', 'datasets');
const opt = optionReader(process.argv.slice(2));
const N = Number(opt('--n', '100000'));
const Q = Number(opt('--queries', '1000'));
const OUT = opt('--out', join(REPO, 'bench', 'out', 'factchecks.json'));

const { factchecksImport } = await import(join(REPO, 'dist/cli/factchecks-import.js'));
const { matchClaims } = await import(join(REPO, 'dist/store/match.js'));
const { Store } = await import(join(REPO, 'dist/store/store.js'));

/** @param {string} path @returns {any[]} */
function jsonl(path) {
  return gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}

/** A seeded generator (mulberry32). @param {number} seed */
function random(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(42);

let source = 'invented words';
/** @type {string[]} */
let claims = [];
/** @type {string[]} */
let queries = [];
const liarTrain = join(DATA, 'liar', 'train.jsonl.gz');
const vclaims = join(DATA, 'clef2020-claim-retrieval', 'vclaims.jsonl.gz');
const liarTest = join(DATA, 'liar', 'test.jsonl.gz');
if (existsSync(liarTrain) && existsSync(vclaims) && existsSync(liarTest)) {
  source = 'LIAR train + CLEF 2020 vclaims, spliced; queries: LIAR test statements';
  claims = [...jsonl(liarTrain).map((r) => r.statement), ...jsonl(vclaims).map((r) => r.claim)];
  queries = jsonl(liarTest).map((r) => r.statement);
} else {
  const vocab = Array.from({ length: 20000 }, (_, i) => 'w' + i.toString(36));
  const sentence = () => Array.from({ length: 8 + Math.floor(rand() * 20) }, () => vocab[Math.floor(vocab.length * rand() ** 3)]).join(' ');
  claims = Array.from({ length: 5000 }, sentence);
  queries = Array.from({ length: 2000 }, sentence);
}
const pick = () => claims[Math.floor(rand() * claims.length)] ?? '';
/** @param {string} s */
const halves = (s) => {
  const w = s.split(/\s+/);
  const m = Math.floor(w.length / 2);
  return [w.slice(0, m).join(' '), w.slice(m).join(' ')];
};
const VERDICTS = ['False', 'Mostly False', 'Half True', 'Mostly True', 'True', 'Pants on Fire', 'Misleading', 'Unproven'];

const dir = mkdtempSync(join(tmpdir(), 'credence-bench-fc-'));
try {
  const file = join(dir, 'claimreviews.jsonl');
  const lines = [];
  for (let i = 0; i < N; i++) {
    const claim = `${halves(pick())[0]} ${halves(pick())[1]}`;
    lines.push(
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: `https://checks.example.org/${i}`,
        claimReviewed: claim,
        name: halves(pick())[0],
        datePublished: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
        author: { '@type': 'Organization', name: `Publisher ${i % 40}`, url: `https://p${i % 40}.example.org` },
        reviewRating: { '@type': 'Rating', alternateName: VERDICTS[i % VERDICTS.length] },
        itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: `Speaker ${i % 500}` }, datePublished: '2020-01-01', appearance: [{ '@type': 'CreativeWork', url: `https://social.example.com/${i}` }] },
        inLanguage: 'en',
      }),
    );
  }
  writeFileSync(file, lines.join('\n') + '\n');
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  let stderr = '';
  const err = new Writable({ write: (c, _e, cb) => ((stderr += c.toString()), cb()) });
  const io = { stdout: sink, stderr: err, stdin: new PassThrough(), env: { NO_COLOR: '1' } };
  const db = join(dir, 'store');
  const t0 = performance.now();
  const code = await factchecksImport(io, [file], { db });
  const importSeconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`import failed (${code}): ${stderr}`);
  console.log(`import: ${N} fact-checks in ${importSeconds.toFixed(2)} s (${Math.round(N / importSeconds)} per second) — ${stderr.trim()}`);

  const t1 = performance.now();
  const again = await factchecksImport(io, [file], { db });
  const reimportSeconds = (performance.now() - t1) / 1000;
  if (again !== 0) throw new Error('re-import failed');
  console.log(`re-import (all updates): ${reimportSeconds.toFixed(2)} s`);

  const store = Store.open(db);
  const qs = queries.slice(0, Q + 50);
  for (const q of qs.slice(0, 50)) matchClaims(store, q);
  const times = [];
  const ftsTimes = [];
  let matched = 0;
  for (const q of qs.slice(50)) {
    const a = performance.now();
    const m = matchClaims(store, q);
    times.push(performance.now() - a);
    if (m.length > 0) matched++;
    const b = performance.now();
    store.factChecks.search(q, { limit: 50 });
    ftsTimes.push(performance.now() - b);
  }
  store.close();
  /** @param {number[]} xs @param {number} p */
  const pct = (xs, p) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
  const mean = (/** @type {number[]} */ xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const match = { mean: mean(times), median: pct(times, 0.5), p95: pct(times, 0.95) };
  const fts = { mean: mean(ftsTimes), median: pct(ftsTimes, 0.5), p95: pct(ftsTimes, 0.95) };
  console.log(`match: ${times.length} sentences against ${N}: mean ${match.mean.toFixed(2)} ms, median ${match.median.toFixed(2)} ms, p95 ${match.p95.toFixed(2)} ms (${matched} with a match at the default thresholds)`);
  console.log(`FTS5 search alone (50 candidates): mean ${fts.mean.toFixed(2)} ms, median ${fts.median.toFixed(2)} ms, p95 ${fts.p95.toFixed(2)} ms`);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify({ n: N, queries: times.length, source, importSeconds, reimportSeconds, matchMs: match, ftsMs: fts, node: process.version, cpu: cpus()[0]?.model, cores: cpus().length }, null, 2) + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
