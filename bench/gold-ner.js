// @ts-check
/**
 * Turns named-entity annotations (eval/ner/*.jsonl: dataset, id, textHash, sentences, entities; see
 * eval/ner/GUIDELINES.md) into the IOB2 layout `credence ner-eval` reads, one sentence per line:
 * {"id": "<dataset>/<id>#<n>", "tokens": [...], "tags": [...]} (n counts the article's listed sentences
 * from 0). Texts are read from ../shared/datasets; fails with file:line on a changed text (textHash), a
 * sentence or entity span out of range or overlapping, an entity outside every listed sentence, or an
 * unknown type.
 *
 *   node bench/gold-ner.js eval/ner/news-test.jsonl > /tmp/ner-news-test.jsonl
 */
import { readFileSync } from 'node:fs';
import { goldText, textHash } from './lib/gold-text.js';
import { ENTITY_TYPES, iobSentence } from './lib/iob.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node bench/gold-ner.js ANNOTATIONS.jsonl [...] > OUT.jsonl');
  process.exit(2);
}

/** @param {unknown} s @param {unknown} e @param {number} n */
const inRange = (s, e, n) => Number.isInteger(s) && Number.isInteger(e) && /** @type {number} */ (s) >= 0 && /** @type {number} */ (s) < /** @type {number} */ (e) && /** @type {number} */ (e) <= n;

try {
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file}:${i + 1}`;
      /** @type {{ dataset: string, id: string, textHash: string, sentences: [number, number][], entities: { start: number, end: number, type: string }[] }} */
      let a;
      try {
        a = JSON.parse(line);
      } catch (err) {
        throw new Error(`${where}: not JSON (${/** @type {Error} */ (err).message})`);
      }
      if (!Array.isArray(a.sentences) || !Array.isArray(a.entities)) throw new Error(`${where}: needs "sentences" and "entities" arrays`);
      const text = goldText(a.dataset, String(a.id));
      if (a.textHash !== textHash(text)) throw new Error(`${where}: the text of ${a.dataset}/${a.id} changed (textHash ${a.textHash}, now ${textHash(text)})`);
      let prevEnd = 0;
      for (const sentence of a.sentences) {
        const [s, e] = Array.isArray(sentence) ? sentence : [];
        if (!inRange(s, e, text.length)) throw new Error(`${where}: sentence ${JSON.stringify(sentence)} is not inside the text (${text.length} characters)`);
        if (/** @type {number} */ (s) < prevEnd) throw new Error(`${where}: sentence ${JSON.stringify(sentence)} overlaps or precedes the one before it`);
        prevEnd = /** @type {number} */ (e);
      }
      const sorted = [...a.entities].sort((x, y) => x.start - y.start);
      sorted.forEach((x, k) => {
        const label = `entity ${JSON.stringify(x)}`;
        if (!inRange(x.start, x.end, text.length)) throw new Error(`${where}: ${label} is not inside the text`);
        if (!(/** @type {readonly string[]} */ (ENTITY_TYPES)).includes(x.type)) throw new Error(`${where}: ${label} has type "${x.type}", not one of ${ENTITY_TYPES.join(', ')}`);
        const slice = text.slice(x.start, x.end);
        if (slice.trim() !== slice) throw new Error(`${where}: ${label} "${slice}" starts or ends with white space`);
        if (!a.sentences.some(([s, e]) => x.start >= s && x.end <= e)) throw new Error(`${where}: ${label} "${slice}" is not inside one listed sentence`);
        const next = sorted[k + 1];
        if (next && next.start < x.end) throw new Error(`${where}: ${label} overlaps ${JSON.stringify(next)}`);
      });
      a.sentences.forEach(([s, e], n) => {
        let tagged;
        try {
          tagged = iobSentence(text, s, e, a.entities);
        } catch (err) {
          throw new Error(`${where}: sentence ${n}: ${/** @type {Error} */ (err).message}`);
        }
        process.stdout.write(JSON.stringify({ id: `${a.dataset}/${a.id}#${n}`, tokens: tagged.tokens, tags: tagged.tags }) + '\n');
      });
    });
  }
} catch (err) {
  console.error(`gold-ner: ${/** @type {Error} */ (err).message}`);
  process.exit(1);
}
