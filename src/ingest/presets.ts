/**
 * Presets: the layout and label codes of common public datasets, so `isot:True.csv` just works.
 * Each is data, not code; the readers know how to apply them.
 */
import { UsageError, didYouMean } from '../article/errors.js';
import type { Dialect } from './formats/table-rows.js';
import { DEFAULT_LABELS, LabelMap } from './labels.js';
import type { Field } from './types.js';

export const PRESETS = ['kaggle-fake-news', 'isot', 'mcintire', 'welfake', 'liar', 'fakenewsnet', 'jsonl'] as const;
export type PresetName = (typeof PRESETS)[number];

/** For each article field, the column names that may hold it; the first one present wins. */
export type ColumnCandidates = Partial<Record<Field, readonly string[]>>;

export interface TablePreset {
  kind: 'table';
  name: PresetName;
  dialect: Dialect;
  /** A header row that must name these columns, or no header and these names in order. */
  header: { kind: 'row'; required: readonly string[] } | { kind: 'fixed'; names: readonly string[] };
  columns: ColumnCandidates;
  /** The gold label is a column, or is told by the file name (ISOT's Fake.csv and True.csv). */
  labelFrom: 'column' | 'file-name';
  labels: LabelMap;
  /** The data has no titles by nature, so an empty title is not worth a warning. */
  titleless: boolean;
}

export interface JsonlPreset {
  kind: 'jsonl';
  name: PresetName;
  labels: LabelMap;
}

/** FakeNewsNet's crawl folders: `<site>/<fake|real>/<id>/news content.json`. */
export interface FakeNewsNetPreset {
  kind: 'fakenewsnet';
  name: PresetName;
  labels: LabelMap;
}

export type Preset = TablePreset | JsonlPreset | FakeNewsNetPreset;

const CSV: Dialect = { delimiter: ',', quoting: true };
// pandas writes the index column with an empty header, which pandas reads back as "Unnamed: 0".
const PANDAS_INDEX = ['', 'Unnamed: 0'];

const TABLE: Record<PresetName, Preset> = {
  'kaggle-fake-news': {
    kind: 'table',
    name: 'kaggle-fake-news',
    dialect: CSV,
    // No "label" required: the competition's test.csv has none.
    header: { kind: 'row', required: ['id', 'title', 'author', 'text'] },
    columns: { id: ['id'], title: ['title'], author: ['author'], body: ['text'], label: ['label'] },
    labelFrom: 'column',
    labels: LabelMap.from({ '0': 'reliable', '1': 'unreliable' }, 'kaggle-fake-news labels'),
    titleless: false,
  },
  isot: {
    kind: 'table',
    name: 'isot',
    dialect: CSV,
    header: { kind: 'row', required: ['title', 'text', 'subject', 'date'] },
    columns: { title: ['title'], body: ['text'], published: ['date'] },
    labelFrom: 'file-name',
    labels: LabelMap.from({ Fake: 'unreliable', True: 'reliable' }, 'isot labels'),
    titleless: false,
  },
  mcintire: {
    kind: 'table',
    name: 'mcintire',
    dialect: CSV,
    header: { kind: 'row', required: ['title', 'text', 'label'] },
    columns: { id: PANDAS_INDEX, title: ['title'], body: ['text'], label: ['label'] },
    labelFrom: 'column',
    labels: LabelMap.from({ FAKE: 'unreliable', REAL: 'reliable' }, 'mcintire labels'),
    titleless: false,
  },
  welfake: {
    kind: 'table',
    name: 'welfake',
    dialect: CSV,
    header: { kind: 'row', required: ['title', 'text', 'label'] },
    columns: { id: PANDAS_INDEX, title: ['title'], body: ['text'], label: ['label'] },
    labelFrom: 'column',
    // 0 = fake, 1 = real, as the authors describe the file on Zenodo (record 4561253) and Kaggle
    // (saurabhshahane/fake-news-classification). The same pages give 35,028 real and 37,106 fake
    // articles, while one copy of the description counts the labels the other way round; if the
    // classes look swapped on the real file, pass a label map.
    labels: LabelMap.from({ '0': 'unreliable', '1': 'reliable' }, 'welfake labels'),
    titleless: false,
  },
  liar: {
    kind: 'table',
    name: 'liar',
    // Never quoted, and some 600 statements in the training split start with a quotation mark
    // that an RFC 4180 reader would take for an opening quote.
    dialect: { delimiter: '\t', quoting: false },
    header: {
      kind: 'fixed',
      names: [
        'id', 'label', 'statement', 'subject', 'speaker', 'job', 'state', 'party',
        'barely_true_count', 'false_count', 'half_true_count', 'mostly_true_count', 'pants_on_fire_count', 'context',
      ],
    },
    columns: { id: ['id'], body: ['statement'], label: ['label'] },
    labelFrom: 'column',
    labels: LabelMap.from(
      {
        'pants-fire': 'unreliable',
        false: 'unreliable',
        'barely-true': 'unreliable',
        'half-true': 'reliable',
        'mostly-true': 'reliable',
        true: 'reliable',
      },
      'liar labels',
    ),
    titleless: true,
  },
  fakenewsnet: {
    kind: 'fakenewsnet',
    name: 'fakenewsnet',
    labels: LabelMap.from({ fake: 'unreliable', real: 'reliable' }, 'fakenewsnet labels'),
  },
  jsonl: { kind: 'jsonl', name: 'jsonl', labels: DEFAULT_LABELS },
};

export function isPresetName(name: string): name is PresetName {
  return (PRESETS as readonly string[]).includes(name);
}

/** The preset of that name, or a UsageError with a did-you-mean. */
export function getPreset(name: string): Preset {
  if (!isPresetName(name)) {
    throw new UsageError('E_PRESET', `unknown preset ${JSON.stringify(name)}${didYouMean(name, PRESETS)}; the presets are ${PRESETS.join(', ')}`);
  }
  return TABLE[name];
}
