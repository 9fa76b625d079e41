// @ts-check
/**
 * `node bench/quotes-agreement.js`: how far two people annotating the same articles agree, scored with
 * the very measure `credence quotes-eval` applies to Credence (src/evaluate/quote-metrics.ts): the first
 * annotation (eval/quotes/test-a.jsonl, test-b.jsonl) as gold, the second, independent one
 * (eval/quotes/agreement/*.second.jsonl) as if it were a system. It says what the quote targets can mean
 * on this test set: a system cannot be expected to agree with one annotator more than another annotator does.
 *
 * Build first (`npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './lib/data.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const { countQuotes, emptyCounts, quoteScores } = await import('../dist/evaluate/quote-metrics.js');

const PAIRS = [
  ['eval/quotes/test-a.jsonl', 'eval/quotes/agreement/test-a.second.jsonl'],
  ['eval/quotes/test-b.jsonl', 'eval/quotes/agreement/test-b.second.jsonl'],
];

/** @param {string} file */
function read(file) {
  /** @type {Map<string, any[]>} */
  const out = new Map();
  for (const line of readFileSync(join(REPO, file), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const a = JSON.parse(line);
    out.set(`${a.dataset}/${a.id}`, a.quotes);
  }
  return out;
}

const direct = emptyCounts();
const indirect = emptyCounts();
let articles = 0;
for (const [firstFile, secondFile] of PAIRS) {
  if (!existsSync(join(REPO, secondFile))) {
    process.stderr.write(`missing ${secondFile}: skipped\n`);
    continue;
  }
  const first = read(/** @type {string} */ (firstFile));
  const second = read(/** @type {string} */ (secondFile));
  for (const [key, gold] of first) {
    const other = second.get(key);
    if (other === undefined) continue;
    articles++;
    const found = other.map((q) => ({
      start: q.start,
      end: q.end,
      direct: q.direct,
      ...(q.speakerStart != null ? { speakerStart: q.speakerStart, speakerEnd: q.speakerEnd } : {}),
      ...(q.speaker != null ? { speaker: q.speaker } : {}),
    }));
    const g = gold.map((q) => ({ ...q, speaker: q.speaker ?? null, speakerStart: q.speakerStart ?? null, speakerEnd: q.speakerEnd ?? null }));
    countQuotes(g.filter((q) => q.direct), found.filter((q) => q.direct), direct);
    countQuotes(g.filter((q) => !q.direct), found.filter((q) => !q.direct), indirect);
  }
}
const d = quoteScores(direct);
const i = quoteScores(indirect);
process.stdout.write(
  `${articles} articles annotated twice\n` +
    `direct    P ${d.precision.toFixed(3)} R ${d.recall.toFixed(3)} F1 ${d.f1.toFixed(3)}  speaker accuracy ${d.speakerAccuracy.toFixed(3)} (${d.found} quotes both found)\n` +
    `indirect  P ${i.precision.toFixed(3)} R ${i.recall.toFixed(3)} F1 ${i.f1.toFixed(3)}  speaker accuracy ${i.speakerAccuracy.toFixed(3)} (${i.found} both found)\n`,
);
