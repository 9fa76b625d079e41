// @ts-check
/**
 * The texts our hand annotations point into, read from ../shared/datasets (never copied into the
 * repository). An annotation names a dataset and a record id; its offsets are UTF-16 offsets into the
 * record's body exactly as stored: FNC-1 `articleBody`, FakeNewsNet `text`. `textHash` guards against a
 * changed dataset: the first 12 hex digits of the SHA-1 of that text.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { REPO } from './data.js';

export const DATASETS_DIR = process.env.CREDENCE_DATASETS ?? join(REPO, '..', 'shared', 'datasets');

/** @type {Map<string, Map<string, string>>} */
const cache = new Map();

/** @param {string} dataset */
function load(dataset) {
  let m = cache.get(dataset);
  if (m) return m;
  m = new Map();
  if (dataset === 'fnc1') {
    const rows = parse(gunzipSync(readFileSync(join(DATASETS_DIR, 'fnc1', 'bodies.csv.gz'))), { columns: true });
    for (const r of /** @type {{ 'Body ID': string, articleBody: string }[]} */ (rows)) m.set(r['Body ID'], r.articleBody);
  } else if (dataset === 'fakenewsnet-politifact' || dataset === 'fakenewsnet-gossipcop') {
    const lines = gunzipSync(readFileSync(join(DATASETS_DIR, dataset, 'data.jsonl.gz'))).toString('utf8').split('\n');
    for (const line of lines) {
      if (line.trim() === '') continue;
      const r = JSON.parse(line);
      m.set(String(r.id), String(r.text ?? ''));
    }
  } else {
    throw new Error(`unknown dataset "${dataset}" (fnc1, fakenewsnet-politifact, fakenewsnet-gossipcop)`);
  }
  cache.set(dataset, m);
  return m;
}

/**
 * @param {string} dataset
 * @param {string} id
 * @returns {string}
 */
export function goldText(dataset, id) {
  const text = load(dataset).get(id);
  if (text === undefined) throw new Error(`${dataset} has no record "${id}"`);
  return text;
}

/** @param {string} text */
export function textHash(text) {
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 12);
}
