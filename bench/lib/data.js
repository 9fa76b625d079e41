// @ts-check
/**
 * The four article-level shared datasets, read with Credence's own ingest (the path `credence eval`
 * takes), kept as plain articles: Docs are made inside the timed fit and predict, never here.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared datasets folder: ../shared/datasets beside the repository, or $CREDENCE_DATASETS. */
export const DATASETS_DIR = process.env.CREDENCE_DATASETS ?? resolve(REPO, '..', 'shared', 'datasets');

export const SETS = ['fakenewsnet-gossipcop', 'fakenewsnet-politifact', 'coaid', 'recovery'];

/** Short names for the table. */
export const SHORT = {
  'fakenewsnet-gossipcop': 'GossipCop',
  'fakenewsnet-politifact': 'PolitiFact',
  coaid: 'CoAID',
  recovery: 'ReCOVery',
};

/**
 * @typedef {{ id: string, title: string, body: string, y: 0 | 1 }} BenchArticle
 * @typedef {{ name: string, path: string, articles: BenchArticle[], warnings: number, skipped: number }} BenchSet
 */

/** @param {string} name */
export function datasetPath(name) {
  return join(DATASETS_DIR, name, 'data.jsonl.gz');
}

/** Names of the sets that are missing, so the caller can say which and skip. */
export function missingSets(names = SETS) {
  return names.filter((n) => !existsSync(datasetPath(n)));
}

/**
 * @param {readonly string[]} names
 * @returns {Promise<BenchSet[]>}
 */
export async function loadSets(names = SETS) {
  const { readDataset } = await import('../../dist/ingest/index.js');
  /** @type {BenchSet[]} */
  const out = [];
  for (const name of names) {
    const path = datasetPath(name);
    /** @type {BenchArticle[]} */
    const articles = [];
    let warnings = 0;
    let skipped = 0;
    for await (const item of readDataset(path)) {
      if (item.kind === 'warning') warnings++;
      else if (item.kind === 'error') {
        skipped++;
        process.stderr.write(`bench: ${name}: ${item.error.message}\n`);
      } else {
        const a = item.article;
        if (a.label === undefined) {
          skipped++;
          continue;
        }
        articles.push({ id: a.id, title: a.title, body: a.body, y: a.label === 'unreliable' ? 1 : 0 });
      }
    }
    out.push({ name, path, articles, warnings, skipped });
  }
  return out;
}
