/** Saving and loading the reliability model: settings and small values in the header, weights as arrays. */
import { UsageError } from '../article/errors.js';
import type { Calibrator } from './calibration.js';
import type { ModelCard } from './card.js';
import { arr, bool, byKind, check, num, obj, refine, str } from './header-shape.js';
import { loadModel, requireArray, saveModel, type StoredArray } from './model-file.js';
import { STYLE_FEATURES } from '../text/style.js';
import { columnCount, type ReliabilityModel, type ReliabilitySettings } from './reliability.js';

export const RELIABILITY_KIND = 'reliability';

const calibratorShape = byKind('kind', {
  platt: obj({ a: num(), b: num() }),
  isotonic: refine(
    refine(
      obj({ thresholds: arr(num()), values: arr(num({ min: 0, max: 1 })) }),
      // Otherwise a probability is read past the end of `values`: NaN, printed as null.
      (c: { thresholds: number[]; values: number[] }) => c.thresholds.length === c.values.length,
      'thresholds and values must be as many',
    ),
    (c: { thresholds: number[] }) => c.thresholds.every((t, i) => i === 0 || t >= c.thresholds[i - 1]!),
    'thresholds must be sorted',
  ),
});

const count = num({ int: true, min: 0, max: 10 });
// Every setting predicting reads: a header missing one would load and then crash on the first article.
const headerShape = obj({
  settings: obj({
    seed: num(),
    features: obj({
      bucketsLog2: num({ int: true, min: 8, max: 26 }),
      wordNgramMax: count,
      titleNgramMax: count,
      charNgramMin: count,
      charNgramMax: count,
      shapeNgramMax: count,
      numberShapes: bool,
      blockWeights: obj({ word: num(), title: num(), char: num(), shape: num() }),
    }),
    styleWeight: num(),
    bands: obj({ reliableBelow: num(), unreliableAbove: num() }),
  }),
  bias: num(),
  calibrator: calibratorShape,
  card: obj({ name: str }),
});

interface Header {
  settings: ReliabilitySettings;
  bias: number;
  calibrator: Calibrator;
  card: ModelCard;
}

export interface LoadedReliability {
  model: ReliabilityModel;
  card: ModelCard;
}

export function saveReliability(path: string, model: ReliabilityModel, card: ModelCard): void {
  const arrays: Record<string, StoredArray> = {
    weights: model.weights,
    styleMean: model.style.mean,
    styleSd: model.style.sd,
  };
  if (model.idf !== undefined) arrays.idf = model.idf;
  saveModel(path, {
    kind: RELIABILITY_KIND,
    header: { settings: model.settings, bias: model.bias, calibrator: model.calibrator, card },
    arrays,
  });
}

export function loadReliability(path: string): LoadedReliability {
  const container = loadModel(path, RELIABILITY_KIND);
  const header = check<Header>(headerShape, container.header, (field, message) => {
    throw new UsageError('E_MODEL', `not a usable Credence model: header field "${field}": ${message}`, { file: path });
  });
  const settings = header.settings;
  const cols = columnCount(settings.features);
  const hashed = 1 << settings.features.bucketsLog2;
  const model: ReliabilityModel = {
    settings,
    weights: requireArray(container, 'weights', 'f32', path, cols),
    bias: header.bias,
    idf: container.arrays.idf === undefined ? undefined : requireArray(container, 'idf', 'f32', path, hashed),
    style: {
      mean: requireArray(container, 'styleMean', 'f64', path, STYLE_FEATURES.length),
      sd: requireArray(container, 'styleSd', 'f64', path, STYLE_FEATURES.length),
    },
    calibrator: header.calibrator,
  };
  return { model, card: header.card };
}
