/** Ranges a stance setting must respect; checked before any work starts (`credence stance train --set`). */
import { z } from 'zod';
import { checkSettings } from '../settings-check.js';
import type { StanceSettings } from './model.js';

const gbdt = z.object({
  rounds: z.number().int().min(1).max(5000),
  learningRate: z.number().gt(0).max(1),
  maxDepth: z.number().int().min(1).max(12),
  bins: z.number().int().min(2).max(256),
  lambda: z.number().min(0),
  minChildWeight: z.number().min(0),
  minGain: z.number().min(0),
  subsample: z.number().gt(0).max(1),
  colsample: z.number().gt(0).max(1),
});

const schema = z.object({
  seed: z.number().int(),
  idfBits: z.number().int().min(8).max(24),
  related: gbdt,
  stance: gbdt,
  classWeights: z.object({ agree: z.number().positive(), disagree: z.number().positive(), discuss: z.number().positive() }),
  relatedBags: z.number().int().min(1).max(16),
  stanceBags: z.number().int().min(1).max(16),
  mlp: z
    .object({
      hidden: z.number().int().min(1).max(1024),
      epochs: z.number().int().min(1),
      batch: z.number().int().min(1),
      learningRate: z.number().positive(),
      l2: z.number().min(0),
      weight: z.number().min(0).max(1),
    })
    .nullable(),
  decision: z.enum(['probable', 'fnc']),
  evidenceSentences: z.number().int().min(0).max(20),
  text: z.object({
    bits: z.number().int().min(8).max(24),
    views: z.array(z.enum(['body', 'head', 'top', 'lead', 'cross'])).max(5),
    logistic: z.object({ C: z.number().positive(), tolerance: z.number().positive(), maxPasses: z.number().int().min(1) }),
    folds: z.number().int().min(2).max(20),
    topSentences: z.number().int().min(1).max(20),
    minClaims: z.number().int().min(1),
  }),
});

export function checkStanceSettings(s: StanceSettings, where: string): StanceSettings {
  return checkSettings(schema, s, where);
}
