/**
 * Labelled corpora for training and evaluation: every article of each dataset spec read once, bad
 * records reported and counted; then featurised (over worker threads) into the rows models are fitted
 * and scored on, with near-duplicates grouped across all sets so that no story straddles a train/test
 * boundary.
 */
import type { DatasetRecord } from '../learn/card.js';
import type { ColumnTally } from '../learn/column-tally.js';
import { featurise, type Text } from '../learn/featurise.js';
import { groupNearDuplicates } from '../learn/groups.js';
import { InputError, type CredenceError } from '../article/errors.js';
import { parseSpec, readDataset, type ReadOptions } from '../ingest/index.js';
import type { BlockCounts, FeatureSettings } from '../text/features.js';

export interface LabelledArticle {
  id: string;
  text: Text;
  /** 1 = unreliable. */
  y: 0 | 1;
}

export interface LabelledSet {
  spec: string;
  articles: LabelledArticle[];
  record: DatasetRecord;
}

/** A labelled article as models see it: its feature counts, style measures, label, corpus and story group. */
export interface FeatureRow {
  counts: BlockCounts;
  raw: Float64Array;
  y: 0 | 1;
  source: string;
  group: number;
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
  const { fingerprint } = await import('./fingerprint.js');
  const sets: LabelledSet[] = [];
  let done = 0;
  for (const spec of specs) {
    const { path, preset } = parseSpec(spec);
    const articles: LabelledArticle[] = [];
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
        articles.push({ id: a.id, text: { title: a.title, body: a.body }, y: a.label === 'unreliable' ? 1 : 0 });
        progress?.(++done);
      }
    }
    const fp = await fingerprint(path);
    const unreliable = articles.reduce((n, r) => n + r.y, 0);
    sets.push({
      spec,
      articles,
      record: { spec, sha256: fp.sha256, bytes: fp.bytes, articles: articles.length, reliable: articles.length - unreliable, unreliable, skipped },
    });
  }
  return sets;
}

/**
 * Every article of the sets featurised with `features`, in order (set by set); `group` ties exact and
 * near-duplicate texts together across all sets; `source` is the set's spec. With `tally`, every row's
 * columns are tallied into it as they are made (for a fit on all the rows).
 */
export async function featureRows(
  sets: readonly LabelledSet[],
  features: FeatureSettings,
  style: boolean,
  onProgress?: (done: number, total: number) => void,
  tally?: ColumnTally,
): Promise<FeatureRow[]> {
  const all = sets.flatMap((s) => s.articles.map((a) => ({ a, source: s.spec })));
  const f = await featurise(
    all.map((x) => x.a.text),
    { features, style, signatures: true },
    onProgress === undefined ? {} : { onProgress },
    tally === undefined ? undefined : (counts) => counts.forEach((c) => tally.add(c)),
  );
  const groups = groupNearDuplicates(f.signatures!);
  return all.map((x, i) => ({ counts: f.counts[i]!, raw: f.raw[i]!, y: x.a.y, source: x.source, group: groups[i]! }));
}
