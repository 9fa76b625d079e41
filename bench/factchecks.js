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
 *    after 50 warm-up sentences, in R rounds (default 3): mean, median and 95th percentile per sentence,
 *    the mean of each round and their median; and FTS5 search alone.
 * 3. With --baseline DIR (another checkout, its dist/ built): that checkout's matcher takes turns with
 *    this one, round by round, on the same store; the median of the rounds' time ratios is printed. The
 *    machine's speed drifts by a fifth within minutes, so this ratio is steadier than any single mean.
 *
 * Build first (`npx tsc -p tsconfig.build.json`). Options: --n N, --queries Q, --rounds R,
 * --baseline DIR, --out FILE (default bench/out/factchecks.json).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PassThrough, Writable } from 'node:stream';
import { median, optionReader } from './lib/cli.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const REPO = fileURLToPath(new URL('../', import.meta.url));
const DATA = join(REPO, '..', 'shared', 'datasets');
const opt = optionReader(process.argv.slice(2));
const N = Number(opt('--n', '100000'));
const Q = Number(opt('--queries', '1000'));
const OUT = opt('--out', join(REPO, 'bench', 'out', 'factchecks.json'));
const ROUNDS = Number(opt('--rounds', '3'));
const BASELINE = opt('--baseline', '') || undefined;

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

/**
 * The matching measurement, run in a process of its own (`--match-store DIR`): in the import's process,
 * the shared modules carry the import's compiled state and heap, which slowed this checkout's matcher
 * and not a baseline's, loaded fresh.
 * @param {string} db
 */
async function measureMatching(db) {
  const qs = queries.slice(0, Q + 50);
  // Rounds over the same sentences; with --baseline, that checkout's matcher runs in turns with this
  // one on the same store, so both see the same machine (its load moves by a fifth within minutes).
  const contenders = [{ name: 'this checkout', matchClaims, store: Store.open(db) }];
  if (BASELINE !== undefined) {
    const base = { name: BASELINE, matchClaims: (await import(join(BASELINE, 'dist/store/match.js'))).matchClaims, store: (await import(join(BASELINE, 'dist/store/store.js'))).Store.open(db) };
    contenders.push(base);
  }
  for (const c of contenders) for (const q of qs.slice(0, 50)) c.matchClaims(c.store, q);
  /** @type {number[][]} */
  const rounds = contenders.map(() => []);
  /** @type {number[]} */
  const times = [];
  let matched = 0;
  for (let r = 0; r < ROUNDS; r++) {
    contenders.forEach((c, k) => {
      const t0 = performance.now();
      for (const q of qs.slice(50)) {
        const a = performance.now();
        const m = c.matchClaims(c.store, q);
        if (k === 0) {
          times.push(performance.now() - a);
          if (r === 0 && m.length > 0) matched++;
        }
      }
      /** @type {number[]} */ (rounds[k]).push((performance.now() - t0) / (qs.length - 50));
    });
  }
  const store = contenders[0].store;
  const ftsTimes = [];
  for (const q of qs.slice(50)) {
    const b = performance.now();
    store.factChecks.search(q, { limit: 50 });
    ftsTimes.push(performance.now() - b);
  }
  for (const c of contenders) c.store.close();
  /** @param {number[]} xs @param {number} p */
  const pct = (xs, p) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
  const mean = (/** @type {number[]} */ xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const roundMeans = /** @type {number[]} */ (rounds[0]);
  const match = { mean: mean(times), median: pct(times, 0.5), p95: pct(times, 0.95), roundMeans, medianOfRounds: median(roundMeans) };
  const fts = { mean: mean(ftsTimes), median: pct(ftsTimes, 0.5), p95: pct(ftsTimes, 0.95) };
  /** @type {{ baseline: string, roundMeans: number[], medianOfRounds: number, ratio: number } | undefined} */
  let baseline;
  if (contenders.length > 1) {
    const b = /** @type {number[]} */ (rounds[1]);
    baseline = { baseline: BASELINE ?? '', roundMeans: b, medianOfRounds: median(b), ratio: median(roundMeans.map((x, i) => x / /** @type {number} */ (b[i]))) };
  }
  return { queries: qs.length - 50, match, matched, baseline, fts };
}

const MATCH_STORE = opt('--match-store', '') || undefined;
if (MATCH_STORE !== undefined) {
  process.stdout.write(JSON.stringify(await measureMatching(MATCH_STORE)) + '\n');
  process.exit(0);
}

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
  lines.length = 0; // a large live heap makes every collection dearer, for the matchers below as for any
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

  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--match-store', db, '--queries', String(Q), '--rounds', String(ROUNDS), ...(BASELINE === undefined ? [] : ['--baseline', BASELINE])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`the matching run failed: ${child.stderr}`);
  const { queries: asked, match, matched, baseline, fts } = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
  const r2 = (/** @type {number[]} */ xs) => xs.map((x) => x.toFixed(2)).join(' / ');
  console.log(`match: ${asked} sentences × ${ROUNDS} rounds against ${N}: mean ${match.mean.toFixed(2)} ms (rounds ${r2(match.roundMeans)}; median round ${match.medianOfRounds.toFixed(2)} ms), median ${match.median.toFixed(2)} ms, p95 ${match.p95.toFixed(2)} ms (${matched} of ${asked} with a match at the default thresholds)`);
  if (baseline !== undefined) {
    console.log(`baseline ${baseline.baseline}: rounds ${r2(baseline.roundMeans)} ms (median ${baseline.medianOfRounds.toFixed(2)} ms); this checkout takes ${baseline.ratio.toFixed(3)}× its time (median of the rounds' ratios)`);
  }
  console.log(`FTS5 search alone (50 candidates): mean ${fts.mean.toFixed(2)} ms, median ${fts.median.toFixed(2)} ms, p95 ${fts.p95.toFixed(2)} ms`);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify({ n: N, queries: asked, rounds: ROUNDS, source, importSeconds, reimportSeconds, matchMs: match, ...(baseline ? { baseline } : {}), ftsMs: fts, node: process.version, cpu: cpus()[0]?.model, cores: cpus().length }, null, 2) + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
