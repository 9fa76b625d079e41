/** Saving and loading the reliability model: settings and small values in the header, weights as arrays. */
import { z } from 'zod';
import { UsageError } from '../article/errors.js';
import type { ModelCard } from './card.js';
import { loadModel, requireArray, saveModel, type StoredArray } from './model-file.js';
import { STYLE_FEATURES } from '../text/style.js';
import { columnCount, type ReliabilityModel, type ReliabilitySettings } from './reliability.js';

export const RELIABILITY_KIND = 'reliability';

const calibratorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('platt'), a: z.number(), b: z.number() }),
  z
    .object({ kind: z.literal('isotonic'), thresholds: z.array(z.number()), values: z.array(z.number().min(0).max(1)) })
    // Otherwise a probability is read past the end of `values`: NaN, printed as null.
    .refine((c) => c.thresholds.length === c.values.length, 'thresholds and values must be as many')
    .refine((c) => c.thresholds.every((t, i) => i === 0 || t >= c.thresholds[i - 1]!), 'thresholds must be sorted'),
]);

const count = z.number().int().min(0).max(10);
// Every setting predicting reads: a header missing one would load and then crash on the first article.
const headerSchema = z.object({
  settings: z.looseObject({
    seed: z.number(),
    features: z.looseObject({
      bucketsLog2: z.number().int().min(8).max(26),
      wordNgramMax: count,
      titleNgramMax: count,
      charNgramMin: count,
      charNgramMax: count,
      shapeNgramMax: count,
      numberShapes: z.boolean(),
      blockWeights: z.object({ word: z.number(), title: z.number(), char: z.number(), shape: z.number() }),
    }),
    styleWeight: z.number(),
    bands: z.object({ reliableBelow: z.number(), unreliableAbove: z.number() }),
  }),
  bias: z.number(),
  calibrator: calibratorSchema,
  card: z.looseObject({ name: z.string() }),
});

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
  const parsed = headerSchema.safeParse(container.header);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError('E_MODEL', `not a usable Credence model: header field "${issue.path.join('.')}": ${issue.message}`, { file: path });
  }
  const settings = parsed.data.settings as unknown as ReliabilitySettings;
  const cols = columnCount(settings.features);
  const hashed = 1 << settings.features.bucketsLog2;
  const model: ReliabilityModel = {
    settings,
    weights: requireArray(container, 'weights', 'f32', path, cols),
    bias: parsed.data.bias,
    idf: container.arrays.idf === undefined ? undefined : requireArray(container, 'idf', 'f32', path, hashed),
    style: {
      mean: requireArray(container, 'styleMean', 'f64', path, STYLE_FEATURES.length),
      sd: requireArray(container, 'styleSd', 'f64', path, STYLE_FEATURES.length),
    },
    calibrator: parsed.data.calibrator,
  };
  return { model, card: parsed.data.card as unknown as ModelCard };
}
