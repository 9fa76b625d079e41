/**
 * Saving and loading the clickbait model in the Credence model container (src/learn/model-file.ts:
 * format version, CRC, refusal of corrupt or foreign files). Weights are stored densely (most of the hashed
 * columns are touched by 32k headlines, so dense is smaller than index + value pairs) and read as a view
 * of the file's bytes: loading is a read, a CRC and a header check, no loop over the weights.
 * The header is checked by the small shape checker, not zod (start-up budget).
 */
import { UsageError } from '../../article/errors.js';
import { bool, check, num, obj, oneOf, str } from '../header-shape.js';
import { decodeModel, encodeModel, loadModel, requireArray, saveModel, type ModelContainer } from '../model-file.js';
import type { ClickbaitCard } from './card.js';
import { featureColumns } from './features.js';
import type { ClickbaitModel, ClickbaitSettings } from './model.js';

export const CLICKBAIT_KIND = 'clickbait';
/** Bumped when the meaning of the stored arrays or features changes; older files are refused with a retrain hint. */
export const CLICKBAIT_LAYOUT = 1;

const headerShape = obj({
  layout: num({ int: true }),
  settings: obj({
    seed: num(),
    features: obj({
      bits: num({ int: true, min: 8, max: 24 }),
      charMin: num({ int: true, min: 0 }),
      charMax: num({ int: true, min: 0, max: 8 }),
      cased: bool,
      weights: obj({ word: num({ min: 0 }), char: num({ min: 0 }), form: num({ min: 0 }) }),
    }),
  }),
  C: num({ min: 0 }),
  bias: num(),
  calibrator: obj({ kind: oneOf(['platt']), a: num(), b: num() }),
  card: obj({ name: str }),
});

interface Header {
  layout: number;
  settings: ClickbaitSettings;
  C: number;
  bias: number;
  calibrator: ClickbaitModel['calibrator'];
  card: ClickbaitCard;
}

export interface LoadedClickbait {
  model: ClickbaitModel;
  card: ClickbaitCard;
}

function container(model: ClickbaitModel, card: ClickbaitCard): ModelContainer<Header> {
  return {
    kind: CLICKBAIT_KIND,
    header: { layout: CLICKBAIT_LAYOUT, settings: model.settings, C: model.C, bias: model.bias, calibrator: model.calibrator, card },
    arrays: { w: model.weights },
  };
}

export function encodeClickbait(model: ClickbaitModel, card: ClickbaitCard): Buffer {
  return encodeModel(container(model, card));
}

export function saveClickbait(path: string, model: ClickbaitModel, card: ClickbaitCard): void {
  saveModel(path, container(model, card));
}

export function loadClickbait(path: string): LoadedClickbait {
  return fromContainer(loadModel(path, CLICKBAIT_KIND), path);
}

export function decodeClickbait(bytes: Buffer, file = '<memory>'): LoadedClickbait {
  return fromContainer(decodeModel(bytes, CLICKBAIT_KIND, file), file);
}

function fromContainer(c: ModelContainer<unknown>, file: string): LoadedClickbait {
  const h = check<Header>(headerShape, c.header, (field, message) => {
    throw new UsageError('E_MODEL', `not a usable Credence model: header field "${field}": ${message}`, { file });
  });
  if (h.layout !== CLICKBAIT_LAYOUT) {
    throw new UsageError('E_MODEL_VERSION', `clickbait model layout ${h.layout}, but this Credence reads layout ${CLICKBAIT_LAYOUT}; retrain it (credence clickbait train)`, { file });
  }
  const weights = requireArray(c, 'w', 'f32', file, featureColumns(h.settings.features));
  return { model: { settings: h.settings, C: h.C, weights, bias: h.bias, calibrator: h.calibrator }, card: h.card };
}
