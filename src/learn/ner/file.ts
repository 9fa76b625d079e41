/**
 * Saving and loading the entity recogniser in the Credence model container (src/learn/model-file.ts:
 * format version, CRC, refusal of corrupt or foreign files). The emission weights are 16-bit integers
 * stored two to an i32 and read back as a view (no copy); the header is checked by the small shape
 * checker, not zod, because `analyze` loads this on every start.
 */
import { UsageError } from '../../article/errors.js';
import { arr, check, num, obj, str } from '../header-shape.js';
import { decodeModel, encodeModel, loadModel, requireArray, saveModel, type ModelContainer } from '../model-file.js';
import type { NerCard } from './card.js';
import { T } from './features.js';
import type { NerSettings, NerTagger } from './model.js';

export const NER_KIND = 'ner';
/** Bumped when the meaning of the stored arrays or the features changes; older files are refused with a retrain hint. */
export const NER_LAYOUT = 1;

const headerShape = obj({
  layout: num({ int: true }),
  tags: arr(str),
  settings: obj({ bits: num({ int: true, min: 8, max: 22 }), epochs: num({ int: true, min: 1 }), seed: num() }),
  scale: num({ min: 0 }),
  clusters: num({ int: true, min: 0 }),
  card: obj({ name: str }),
});

interface Header {
  layout: number;
  tags: string[];
  settings: NerSettings;
  scale: number;
  clusters: number;
  card: NerCard;
}

export interface NerFile {
  tagger: NerTagger;
  settings: NerSettings;
  card: NerCard;
}

function container(f: NerFile, tags: readonly string[]): ModelContainer<Header> {
  const { weights, words } = f.tagger;
  const emit = weights.emit.length % 2 === 0 ? weights.emit : Int16Array.from([...weights.emit, 0]);
  return {
    kind: NER_KIND,
    header: { layout: NER_LAYOUT, tags: [...tags], settings: f.settings, scale: weights.scale, clusters: words.clusters, card: f.card },
    arrays: {
      emit: new Int32Array(emit.buffer, emit.byteOffset, emit.length / 2),
      trans: weights.trans,
      'words.hash': words.hashes,
      'words.info': words.info,
    },
  };
}

export function encodeNer(f: NerFile, tags: readonly string[]): Buffer {
  return encodeModel(container(f, tags));
}

export function saveNer(path: string, f: NerFile, tags: readonly string[]): void {
  saveModel(path, container(f, tags));
}

export function readNerFile(path: string, tags: readonly string[]): NerFile {
  return fromContainer(loadModel(path, NER_KIND), path, tags);
}

export function decodeNer(bytes: Buffer, tags: readonly string[], file = '<memory>'): NerFile {
  return fromContainer(decodeModel(bytes, NER_KIND, file), file, tags);
}

function fromContainer(c: ModelContainer<unknown>, file: string, tags: readonly string[]): NerFile {
  const h = check<Header>(headerShape, c.header, (field, message) => {
    throw new UsageError('E_MODEL', `not a usable Credence model: header field "${field}": ${message}`, { file });
  });
  if (h.layout !== NER_LAYOUT || h.tags.join(' ') !== tags.join(' ')) {
    throw new UsageError('E_MODEL_VERSION', `entity model layout ${h.layout}, but this Credence reads layout ${NER_LAYOUT}; retrain it (credence ner-train)`, { file });
  }
  const rows = 1 << h.settings.bits;
  const packed = requireArray(c, 'emit', 'i32', file, Math.ceil((rows * T) / 2));
  const emit = new Int16Array(packed.buffer, packed.byteOffset, rows * T);
  const trans = requireArray(c, 'trans', 'f32', file, (T + 1) * T);
  const hashes = requireArray(c, 'words.hash', 'i32', file);
  const info = requireArray(c, 'words.info', 'i32', file, hashes.length);
  return {
    tagger: { weights: { bits: h.settings.bits, scale: h.scale, emit, trans }, words: { hashes, info, clusters: h.clusters } },
    settings: h.settings,
    card: h.card,
  };
}
