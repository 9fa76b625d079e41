/**
 * Saving and loading the stance model in the Credence model container (src/learn/model-file.ts: format
 * version, CRC, refusal of corrupt or foreign files). Settings, tree shapes and the card go in the
 * header; IDF, tree nodes and text-model weights are typed arrays. Text-model weights are stored dense:
 * most of their 2^bits columns are non-zero, so the file is hardly bigger than sparse storage, and loading
 * is a view on the file instead of a loop over every stored weight.
 */
import { UsageError } from '../../article/errors.js';
import { arr, check, nullable, num, obj, oneOf, str } from '../header-shape.js';
import { decodeModel, encodeModel, loadModel, requireArray, saveModel, type ModelContainer, type StoredArray } from '../model-file.js';
import { DENSE_NAMES } from './features.js';
import type { GbdtModel } from './gbdt.js';
import type { MlpModel } from './mlp.js';
import type { StanceCard } from './card.js';
import type { StanceModel, StanceSettings, TextView } from './model.js';

export const STANCE_KIND = 'stance';
/**
 * Bumped when the meaning of the stored arrays changes; older files are refused with a retrain hint.
 * Layout 2: the IDF is stored sparsely (the value of unseen buckets once, then the seen buckets).
 * Layout 3: text-model weights are stored dense.
 */
export const STANCE_LAYOUT = 3;

interface GbdtHeader {
  classes: number;
  features: number;
  rounds: number;
}
const gbdtHeader = obj({ classes: num({ int: true, min: 2 }), features: num({ int: true, min: 1 }), rounds: num({ int: true, min: 0 }) });

const VIEWS: readonly TextView[] = ['body', 'head', 'top', 'lead', 'cross'];
const headerShape = obj({
  layout: num({ int: true }),
  settings: obj({
    seed: num(),
    idfBits: num({ int: true, min: 8, max: 24 }),
    decision: oneOf(['probable', 'fnc']),
    evidenceSentences: num({ int: true, min: 0 }),
    text: obj({ bits: num({ int: true, min: 8, max: 24 }), topSentences: num({ int: true, min: 0 }) }),
  }),
  related: gbdtHeader,
  stance: gbdtHeader,
  text: arr(obj({ view: oneOf(VIEWS) })),
  mlp: nullable(obj({ inputs: num({ int: true, min: 1 }), hidden: num({ int: true, min: 1 }), classes: oneOf([3]) })),
  card: obj({ name: str }),
});

interface Header {
  layout: number;
  settings: StanceSettings;
  related: GbdtHeader;
  stance: GbdtHeader;
  text: { view: TextView }[];
  mlp: { inputs: number; hidden: number; classes: 3 } | null;
  card: StanceCard;
}

export interface LoadedStance {
  model: StanceModel;
  card: StanceCard;
}

function gbdtArrays(prefix: string, m: GbdtModel, arrays: Record<string, StoredArray>): GbdtHeader {
  arrays[`${prefix}.base`] = m.base;
  arrays[`${prefix}.feature`] = m.feature;
  arrays[`${prefix}.threshold`] = m.threshold;
  arrays[`${prefix}.left`] = m.left;
  arrays[`${prefix}.right`] = m.right;
  arrays[`${prefix}.value`] = m.value;
  arrays[`${prefix}.roots`] = m.roots;
  return { classes: m.classes, features: m.features, rounds: m.rounds };
}

function readGbdt(c: ModelContainer<unknown>, prefix: string, h: GbdtHeader, file: string): GbdtModel {
  const feature = requireArray(c, `${prefix}.feature`, 'i32', file);
  const nodes = feature.length;
  const m: GbdtModel = {
    ...h,
    base: requireArray(c, `${prefix}.base`, 'f64', file, h.classes === 2 ? 1 : h.classes),
    feature,
    threshold: requireArray(c, `${prefix}.threshold`, 'f64', file, nodes),
    left: requireArray(c, `${prefix}.left`, 'i32', file, nodes),
    right: requireArray(c, `${prefix}.right`, 'i32', file, nodes),
    value: requireArray(c, `${prefix}.value`, 'f64', file, nodes),
    roots: requireArray(c, `${prefix}.roots`, 'i32', file),
  };
  // Every child and root must point inside the node arrays, and every split at a real feature.
  for (let k = 0; k < nodes; k++) {
    const f = m.feature[k]!;
    if (f >= h.features || (f >= 0 && (m.left[k]! <= k || m.right[k]! <= k || m.left[k]! >= nodes || m.right[k]! >= nodes))) {
      throw new UsageError('E_MODEL', `not a usable Credence model: tree node ${k} of "${prefix}" is malformed`, { file });
    }
  }
  for (const r of m.roots) if (r < 0 || r >= nodes) throw new UsageError('E_MODEL', `not a usable Credence model: a root of "${prefix}" is outside its trees`, { file });
  return m;
}

/** The IDF as its most common value (that of unseen buckets) and the buckets that differ from it. */
function sparseIdf(values: Float32Array): { fill: Float32Array; idx: Int32Array; val: Float32Array } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let fill = 0;
  let most = -1;
  for (const [v, c] of counts) if (c > most) [fill, most] = [v, c];
  const idx: number[] = [];
  for (let b = 0; b < values.length; b++) if (values[b] !== fill) idx.push(b);
  return { fill: Float32Array.of(fill), idx: Int32Array.from(idx), val: Float32Array.from(idx, (b) => values[b]!) };
}

function denseIdf(c: ModelContainer<unknown>, bits: number, file: string): Float32Array {
  const values = new Float32Array(1 << bits).fill(requireArray(c, 'idf.fill', 'f32', file, 1)[0]!);
  const idx = requireArray(c, 'idf.idx', 'i32', file);
  const val = requireArray(c, 'idf.val', 'f32', file, idx.length);
  for (let k = 0; k < idx.length; k++) {
    const b = idx[k]!;
    if (b < 0 || b >= values.length) throw new UsageError('E_MODEL', 'not a usable Credence model: an IDF bucket is outside its hash space', { file });
    values[b] = val[k]!;
  }
  return values;
}

function container(model: StanceModel, card: StanceCard): ModelContainer<unknown> {
  const idf = sparseIdf(model.idf.values);
  const arrays: Record<string, StoredArray> = { 'idf.fill': idf.fill, 'idf.idx': idf.idx, 'idf.val': idf.val };
  const related = gbdtArrays('related', model.related, arrays);
  const stance = gbdtArrays('stance', model.stance, arrays);
  const cols = 1 << model.settings.text.bits;
  model.text.forEach((t, v) => {
    if (t.weights.length !== 3 * cols) throw new RangeError(`text model ${v} has ${t.weights.length} weights, expected ${3 * cols}`);
    arrays[`text${v}.w`] = t.weights;
    arrays[`text${v}.bias`] = t.bias;
  });
  if (model.mlp !== null) {
    arrays['mlp.mean'] = model.mlp.mean;
    arrays['mlp.sd'] = model.mlp.sd;
    arrays['mlp.w1'] = model.mlp.w1;
    arrays['mlp.b1'] = model.mlp.b1;
    arrays['mlp.w2'] = model.mlp.w2;
    arrays['mlp.b2'] = model.mlp.b2;
  }
  return {
    kind: STANCE_KIND,
    header: {
      layout: STANCE_LAYOUT,
      settings: model.settings,
      related,
      stance,
      text: model.text.map((t) => ({ view: t.view })),
      mlp: model.mlp === null ? null : { inputs: model.mlp.inputs, hidden: model.mlp.hidden, classes: 3 },
      card,
    },
    arrays,
  };
}

export function encodeStance(model: StanceModel, card: StanceCard): Buffer {
  return encodeModel(container(model, card));
}

export function saveStance(path: string, model: StanceModel, card: StanceCard): void {
  saveModel(path, container(model, card));
}

export function loadStance(path: string): LoadedStance {
  return fromContainer(loadModel(path, STANCE_KIND), path);
}

export function decodeStance(bytes: Buffer, file = '<memory>'): LoadedStance {
  return fromContainer(decodeModel(bytes, STANCE_KIND, file), file);
}

function fromContainer(c: ModelContainer<unknown>, file: string): LoadedStance {
  const h = check<Header>(headerShape, c.header, (field, message) => {
    throw new UsageError('E_MODEL', `not a usable Credence model: header field "${field}": ${message}`, { file });
  });
  if (h.layout !== STANCE_LAYOUT) {
    throw new UsageError('E_MODEL_VERSION', `stance model layout ${h.layout}, but this Credence reads layout ${STANCE_LAYOUT}; retrain it (credence stance train)`, { file });
  }
  const settings = h.settings;
  const cols = 1 << settings.text.bits;
  const related = readGbdt(c, 'related', h.related, file);
  const stance = readGbdt(c, 'stance', h.stance, file);
  const text = h.text.map((t, v) => ({
    view: t.view,
    weights: requireArray(c, `text${v}.w`, 'f32', file, 3 * cols),
    bias: requireArray(c, `text${v}.bias`, 'f64', file, 3),
  }));
  const idf = { bits: settings.idfBits, values: denseIdf(c, settings.idfBits, file) };
  if (related.features !== DENSE_NAMES.length) {
    throw new UsageError('E_MODEL_VERSION', `the stance model was made with ${related.features} pair features, this Credence computes ${DENSE_NAMES.length}; retrain it (credence stance train)`, { file });
  }
  const stackedWidth = 3 * text.length;
  let mlp: MlpModel | null = null;
  if (h.mlp !== null) {
    const { inputs, hidden } = h.mlp;
    if (inputs !== related.features + stackedWidth) throw new UsageError('E_MODEL', 'not a usable Credence model: the MLP expects a different number of features', { file });
    mlp = {
      inputs,
      hidden,
      classes: 3,
      mean: requireArray(c, 'mlp.mean', 'f64', file, inputs),
      sd: requireArray(c, 'mlp.sd', 'f64', file, inputs),
      w1: requireArray(c, 'mlp.w1', 'f32', file, inputs * hidden),
      b1: requireArray(c, 'mlp.b1', 'f32', file, hidden),
      w2: requireArray(c, 'mlp.w2', 'f32', file, 3 * hidden),
      b2: requireArray(c, 'mlp.b2', 'f32', file, 3),
    };
  }
  if (stance.features !== related.features + stackedWidth) {
    throw new UsageError('E_MODEL', 'not a usable Credence model: the stance stage expects a different number of features', { file });
  }
  return { model: { settings, idf, related, stance, text, mlp }, card: h.card };
}
