/** Ranges a reliability setting must respect; checked before any work starts. */
import { z } from 'zod';
import { checkSettings } from './settings-check.js';
import type { ReliabilitySettings } from './reliability.js';

const schema = z.looseObject({
  seed: z.number().int(),
  features: z.looseObject({
    bucketsLog2: z.number().int().min(10).max(24),
    wordNgramMax: z.number().int().min(0).max(3),
    titleNgramMax: z.number().int().min(0).max(3),
  }),
  logistic: z.looseObject({ C: z.number().positive() }),
  calibration: z.looseObject({ method: z.enum(['platt', 'isotonic']), holdout: z.number().gt(0).lt(1) }),
  selection: z.looseObject({ C: z.array(z.number().positive()).max(8) }),
  balance: z.enum(['none', 'class', 'source-class']),
  bands: z
    .object({ reliableBelow: z.number().gt(0).lt(1), unreliableAbove: z.number().gt(0).lt(1) })
    .refine((b) => b.reliableBelow <= b.unreliableAbove, 'reliableBelow must not exceed unreliableAbove'),
});

export function checkReliabilitySettings(s: ReliabilitySettings, where: string): ReliabilitySettings {
  return checkSettings(schema, s, where);
}
