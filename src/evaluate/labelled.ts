/**
 * Labelled corpora for training and evaluation: every article of each dataset spec read once into a
 * Doc with its gold label, bad records reported and counted, near-duplicates grouped across all sets
 * so that no story straddles a train/test boundary.
 */
import type { DatasetRecord } from '../learn/card.js';
import { groupNearDuplicates } from '../learn/groups.js';
import { InputError, type CredenceError } from '../article/errors.js';
import { parseSpec, readDataset, type ReadOptions } from '../ingest/index.js';
import { makeDoc, type Doc } from '../text/doc.js';
import { minhashSignature, wordShingles } from '../text/minhash.js';
import { fingerprint } from './fingerprint.js';

export interface LabelledRow {
  id: string;
  doc: Doc;
  /** 1 = unreliable. */
  y: 0 | 1;
}

export interface LabelledSet {
  spec: string;
  rows: LabelledRow[];
  record: DatasetRecord;
}

export interface ProblemSink {
  error(e: CredenceError): void;
  warning(e: CredenceError): void;
}

export async function loadLabelled(
  specs: readonly string[],
  options: ReadOptions,
  problems: ProblemSink,
  progress?: (done: number) => void,
): Promise<LabelledSet[]> {
  const parsed = specs.map((s) => ({ spec: s, ...parseSpec(s) }));
  const sets: LabelledSet[] = [];
  let done = 0;
  for (const { spec, path, preset } of parsed) {
    const rows: LabelledRow[] = [];
    let skipped = 0;
    for await (const item of readDataset(preset === undefined ? { path } : { preset, path }, options)) {
      if (item.kind === 'error') {
        problems.error(item.error);
        skipped++;
      } else if (item.kind === 'warning') problems.warning(item.error);
      else {
        const a = item.article;
        if (a.label === undefined) {
          problems.error(new InputError('E_FIELD', 'no gold label (training and evaluation need one); record skipped', { ...a.origin, field: 'label' }));
          skipped++;
          continue;
        }
        rows.push({ id: a.id, doc: makeDoc(a), y: a.label === 'unreliable' ? 1 : 0 });
        progress?.(++done);
      }
    }
    const fp = await fingerprint(path);
    const unreliable = rows.reduce((n, r) => n + r.y, 0);
    sets.push({
      spec,
      rows,
      record: { spec, sha256: fp.sha256, bytes: fp.bytes, articles: rows.length, reliable: rows.length - unreliable, unreliable, skipped },
    });
  }
  return sets;
}

/** A group id per row (in the order of `rows`): exact and near-duplicate texts share one. */
export function nearDuplicateGroups(rows: readonly { doc: Doc }[]): Int32Array {
  return groupNearDuplicates(rows.map((r) => minhashSignature(wordShingles(r.doc.tokens.norm))));
}
