// @ts-check
/**
 * Joins quote annotations (eval/quotes/*.jsonl: dataset, id, textHash, quotes) with their texts from
 * ../shared/datasets into the layout `credence quotes-eval --data` reads, one article per line:
 * {"id", "text", "quotes": [...]}. Fails on a changed text (textHash) or a span out of range.
 *
 *   node bench/gold-quotes.js eval/quotes/dev.jsonl > /tmp/quotes-dev.jsonl
 */
import { readFileSync } from 'node:fs';
import { goldText, textHash } from './lib/gold-text.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node bench/gold-quotes.js ANNOTATIONS.jsonl [...] > OUT.jsonl');
  process.exit(2);
}
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    const a = JSON.parse(line);
    const text = goldText(a.dataset, String(a.id));
    if (a.textHash !== undefined && a.textHash !== textHash(text)) throw new Error(`${where}: the text of ${a.dataset}/${a.id} changed (textHash)`);
    for (const q of a.quotes) {
      const spans = [[q.start, q.end], ...(q.speakerStart == null ? [] : [[q.speakerStart, q.speakerEnd]])];
      for (const [s, e] of spans) {
        if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s < e && e <= text.length)) {
          throw new Error(`${where}: span [${s}, ${e}) is not inside the text (${text.length} characters)`);
        }
      }
    }
    process.stdout.write(JSON.stringify({ id: `${a.dataset}/${a.id}`, text, quotes: a.quotes }) + '\n');
  });
}
