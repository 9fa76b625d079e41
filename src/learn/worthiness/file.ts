/**
 * Saving and loading the check-worthiness model in the Credence model container (src/learn/model-file.ts:
 * format version, CRC, refusal of corrupt or foreign files). Weights are stored dense: half the columns
 * are non-zero, so sparse storage saved nothing and cost a loop over 400,000 entries at every start; the
 * header is checked by the small shape checker, not zod (start-up budget).
 */
import { UsageError } from '../../article/errors.js';
import { arr, bool, check, nullable, num, obj, oneOf, refine, str } from '../header-shape.js';
import { CONTEXT_FEATURES, type ContextModel } from './context.js';
import { decodeModel, encodeModel, loadModel, requireArray, saveModel, type ModelContainer } from '../model-file.js';
import type { WorthinessCard } from './card.js';
import { modelColumns, type WorthinessModel, type WorthinessSettings } from './model.js';

export const WORTHINESS_KIND = 'worthiness';
/** Bumped when the meaning of the stored arrays or features changes; older files are refused with a retrain hint. */
export const WORTHINESS_LAYOUT = 2;

const viewShape = obj({ calibrator: obj({ kind: oneOf(['platt']), a: num(), b: num() }), threshold: num({ min: 0, max: 1 }) });

const headerShape = obj({
  layout: num({ int: true }),
  settings: obj({
    seed: num(),
    domainCopies: bool,
    features: obj({
      bits: num({ int: true, min: 8, max: 24 }),
      charMin: num({ int: true, min: 0 }),
      charMax: num({ int: true, min: 0, max: 8 }),
      weights: obj({ word: num({ min: 0 }), char: num({ min: 0 }), rules: num({ min: 0 }) }),
    }),
  }),
  C: num({ min: 0 }),
  bias: num(),
  views: refine(
    obj({ sentences: nullable(viewShape), transcripts: nullable(viewShape) }),
    (v: { sentences: unknown; transcripts: unknown }) => v.sentences !== null || v.transcripts !== null,
    'expected a calibration for at least one view',
  ),
  card: obj({ name: str }),
});

const contextShape = refine(
  obj({ mean: arr(num()), scale: arr(num()), weights: arr(num()), bias: num(), C: num({ min: 0 }) }),
  (c: ContextModel) => [c.mean, c.scale, c.weights].every((a) => a.length === CONTEXT_FEATURES.length) && c.scale.every((v) => v > 0),
  `expected ${CONTEXT_FEATURES.length} means, positive scales and weights`,
);

interface Header {
  layout: number;
  settings: WorthinessSettings;
  C: number;
  bias: number;
  views: WorthinessModel['views'];
  /** Absent in files written before the context stage existed. */
  context?: ContextModel | null;
  card: WorthinessCard;
}

export interface LoadedWorthiness {
  model: WorthinessModel;
  card: WorthinessCard;
}

function container(model: WorthinessModel, card: WorthinessCard): ModelContainer<Header> {
  return {
    kind: WORTHINESS_KIND,
    header: { layout: WORTHINESS_LAYOUT, settings: model.settings, C: model.C, bias: model.bias, views: model.views, context: model.context, card },
    arrays: { w: model.weights },
  };
}

export function encodeWorthiness(model: WorthinessModel, card: WorthinessCard): Buffer {
  return encodeModel(container(model, card));
}

export function saveWorthiness(path: string, model: WorthinessModel, card: WorthinessCard): void {
  saveModel(path, container(model, card));
}

export function loadWorthiness(path: string): LoadedWorthiness {
  return fromContainer(loadModel(path, WORTHINESS_KIND), path);
}

export function decodeWorthiness(bytes: Buffer, file = '<memory>'): LoadedWorthiness {
  return fromContainer(decodeModel(bytes, WORTHINESS_KIND, file), file);
}

function fromContainer(c: ModelContainer<unknown>, file: string): LoadedWorthiness {
  const h = check<Header>(headerShape, c.header, (field, message) => {
    throw new UsageError('E_MODEL', `not a usable Credence model: header field "${field}": ${message}`, { file });
  });
  if (h.layout !== WORTHINESS_LAYOUT) {
    throw new UsageError('E_MODEL_VERSION', `check-worthiness model layout ${h.layout}, but this Credence reads layout ${WORTHINESS_LAYOUT}; retrain it (credence claims worthiness-train)`, { file });
  }
  const weights = requireArray(c, 'w', 'f32', file, modelColumns(h.settings));
  const context = h.context ?? null;
  if (context !== null) {
    check(contextShape, context, (field, message) => {
      throw new UsageError('E_MODEL', `not a usable Credence model: header field "context.${field}": ${message}`, { file });
    });
  }
  return {
    model: { settings: h.settings, C: h.C, weights, bias: h.bias, views: h.views, context },
    card: h.card,
  };
}
