// @ts-check
/**
 * The command line as a user meets it: the wall time of a cold `credence analyze` of one article beside
 * that of an empty `node -e ""` (runs interleaved, so both see the same load), and the throughput of
 * `analyze --format jsonl` over a whole corpus (start-up and model load included).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './data.js';

const BIN = join(REPO, 'bin', 'credence.js');

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? /** @type {number} */ (s[m]) : (/** @type {number} */ (s[m - 1]) + /** @type {number} */ (s[m])) / 2;
}

/** @param {string[]} args */
function wallMs(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').trim().split('\n').at(-1)}`);
  return ms;
}

/**
 * @param {string} article
 * @param {number} runs
 */
export function coldStart(article = 'examples/council-budget.txt', runs = 5) {
  const analyze = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    bare.push(wallMs(['-e', '']));
    analyze.push(wallMs([BIN, 'analyze', article]));
  }
  const a = median(analyze);
  const b = median(bare);
  return { command: `node bin/credence.js analyze ${article}`, runs, analyzeMs: a, nodeMs: b, ratio: a / b, analyzeRunsMs: analyze, nodeRunsMs: bare };
}

/**
 * `credence analyze --format jsonl FILE > (counted)`: articles per second of wall time.
 * @param {string} file
 * @returns {Promise<{ command: string, exitCode: number | null, articles: number, seconds: number, articlesPerSecond: number }>}
 */
export function cliThroughput(file) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'analyze', '--format', 'jsonl', file], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let err = '';
    child.stdout.on('data', (/** @type {Buffer} */ c) => {
      for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0 && lines === 0) reject(new Error(`credence analyze exited ${code}: ${err.trim().split('\n').at(-1)}`));
      else resolve({ command: `node bin/credence.js analyze --format jsonl ${file}`, exitCode: code, articles: lines, seconds, articlesPerSecond: lines / seconds });
    });
  });
}

/**
 * A bench's `--name value` options: the reader gives the value after `name`, or `fallback` when `name`
 * is absent or last.
 * @param {string[]} args
 */
export function optionReader(args) {
  /** @param {string} name @param {string} fallback */
  return (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? /** @type {string} */ (args[i + 1]) : fallback;
  };
}
