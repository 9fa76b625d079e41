// @ts-check
/**
 * `npm run bench:quotes`: the quote and speaker finder on our hand-annotated gold sets (eval/quotes/),
 * through `credence quotes-eval` as a user runs it, beside compromise's `quotations()` (the only npm
 * library found that marks quotes at all: spans only, no speakers, no reported speech).
 *
 * dev (quotes-dev, 30 articles), dev2 to dev8 (20 articles each, annotated after test runs fell
 * short on speakers; each measured once untuned before it was used) are the development sets; test (quotes-test-a + -b, 40 articles) was annotated by
 * two other annotators and its errors were never looked at, only its totals; test2 (quotes-test-c + -d, 40
 * articles) was annotated after the test had been measured several times, and first measured when the
 * speaker work of 2026-11-26's last session was over; test3 (quotes-test-e + -f, 40 articles) was picked
 * when test's errors were first looked at (test became a development set then) and run once, at the end.
 *
 * Build first (`npm run build`). Writes bench/out/quotes.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import nlp from 'compromise';
import { REPO } from './lib/data.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const OUT = join(REPO, 'bench', 'out', 'quotes.json');
const SETS = { dev: ['eval/quotes/dev.jsonl'], dev2: ['eval/quotes/dev2.jsonl'], dev3: ['eval/quotes/dev3.jsonl'], dev4: ['eval/quotes/dev4.jsonl'], dev5: ['eval/quotes/dev5.jsonl'], dev6: ['eval/quotes/dev6.jsonl'], dev7: ['eval/quotes/dev7.jsonl'], dev8: ['eval/quotes/dev8.jsonl'], test: ['eval/quotes/test-a.jsonl', 'eval/quotes/test-b.jsonl'], test2: ['eval/quotes/test-c.jsonl', 'eval/quotes/test-d.jsonl'], test3: ['eval/quotes/test-e.jsonl', 'eval/quotes/test-f.jsonl'] };
const tmp = mkdtempSync(join(tmpdir(), 'credence-quotes-'));

/** @param {string[]} args */
function node(args) {
  const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** @param {{start: number, end: number}} a @param {{start: number, end: number}} b */
const found = (a, b) => {
  const o = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return o > 0 && o >= 0.5 * Math.max(a.end - a.start, b.end - b.start);
};

/** compromise's quotations, marks stripped, scored like quotes-eval scores direct quotes. */
function compromiseScores(/** @type {string} */ file) {
  let gold = 0;
  let predicted = 0;
  let hits = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const a = JSON.parse(line);
    const g = a.quotes.filter((/** @type {{direct: boolean}} */ q) => q.direct);
    const p = nlp(a.text)
      .quotations()
      .json({ offset: true })
      .map((/** @type {{offset: {start: number, length: number}}} */ q) => {
        let start = q.offset.start;
        let end = start + q.offset.length;
        while (start < end && /["“”'‘’«»\s]/.test(a.text[start])) start++;
        while (end > start && /["“”'‘’«»\s]/.test(a.text[end - 1])) end--;
        return { start, end };
      })
      .filter((/** @type {{start: number, end: number}} */ q) => q.end > q.start);
    gold += g.length;
    predicted += p.length;
    const used = new Set();
    for (const q of p) {
      const k = g.findIndex((/** @type {{start: number, end: number}} */ x, /** @type {number} */ i) => !used.has(i) && found(q, x));
      if (k >= 0) {
        used.add(k);
        hits++;
      }
    }
  }
  const precision = predicted ? hits / predicted : 0;
  const recall = gold ? hits / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** @type {Record<string, unknown>} */
const results = {};
const r4 = (/** @type {number} */ x) => Math.round(x * 10000) / 10000;
for (const [name, files] of Object.entries(SETS)) {
  const joined = join(tmp, `${name}.jsonl`);
  writeFileSync(joined, node([join(REPO, 'bench', 'gold-quotes.js'), ...files]));
  const ours = JSON.parse(node([join(REPO, 'bin', 'credence.js'), 'quotes-eval', '--data', joined, '--json']));
  const peer = compromiseScores(joined);
  results[name] = { files, credence: ours, compromise: { direct: { precision: r4(peer.precision), recall: r4(peer.recall), f1: r4(peer.f1) } } };
  process.stderr.write(
    `${name}: ${ours.articles} articles\n` +
      `  direct    Credence P ${ours.direct.precision.toFixed(3)} R ${ours.direct.recall.toFixed(3)} F1 ${ours.direct.f1.toFixed(3)}, speaker accuracy ${ours.direct.speakerAccuracy.toFixed(3)}` +
      ` | compromise P ${peer.precision.toFixed(3)} R ${peer.recall.toFixed(3)} F1 ${peer.f1.toFixed(3)} (no speakers)\n` +
      `  indirect  Credence P ${ours.indirect.precision.toFixed(3)} R ${ours.indirect.recall.toFixed(3)} F1 ${ours.indirect.f1.toFixed(3)}, speaker accuracy ${ours.indirect.speakerAccuracy.toFixed(3)} | compromise: none\n`,
  );
}
rmSync(tmp, { recursive: true, force: true });
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify({ machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version }, date: new Date().toISOString(), ...results }, null, 2) + '\n');
process.stderr.write(`written to ${OUT}\n`);
