import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/article/errors.js';
import { checkReliabilitySettings } from '../../src/learn/reliability-checks.js';
import { DEFAULT_RELIABILITY, type ReliabilitySettings } from '../../src/learn/reliability.js';

const D = DEFAULT_RELIABILITY;

function message(s: ReliabilitySettings): string {
  try {
    checkReliabilitySettings(s, '--set');
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).message;
  }
  throw new Error('accepted');
}

describe('checkReliabilitySettings', () => {
  it('accepts the defaults and returns them unchanged', () => {
    expect(checkReliabilitySettings(D, 'defaults')).toBe(D);
  });

  it('refuses values out of range, naming the setting', () => {
    expect(message({ ...D, features: { ...D.features, bucketsLog2: 30 } })).toMatch(/^--set: setting "features\.bucketsLog2": .*24/);
    expect(message({ ...D, features: { ...D.features, bucketsLog2: 12.5 } })).toMatch(/setting "features\.bucketsLog2"/);
    expect(message({ ...D, logistic: { ...D.logistic, C: 0 } })).toMatch(/setting "logistic\.C"/);
    expect(message({ ...D, calibration: { ...D.calibration, method: 'platt', holdout: 1 } })).toMatch(/setting "calibration\.holdout"/);
    expect(message({ ...D, seed: 1.5 })).toMatch(/setting "seed"/);
  });

  it('refuses bands in the wrong order', () => {
    expect(message({ ...D, bands: { reliableBelow: 0.8, unreliableAbove: 0.2 } })).toMatch(/reliableBelow must not exceed unreliableAbove/);
  });

  it('names a mistyped choice and suggests the right one', () => {
    const m = message({ ...D, calibration: { ...D.calibration, method: 'isotnic' as 'isotonic' } });
    expect(m).toMatch(/setting "calibration\.method"/);
    expect(m).toContain('got "isotnic" (did you mean "isotonic"?)');
  });
});
