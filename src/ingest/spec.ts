/** "PATH" or "PRESET:PATH", as users type them. */
import { existsSync } from 'node:fs';
import { UsageError, didYouMean } from '../article/errors.js';
import { PRESETS, isPresetName } from './presets.js';
import type { DatasetSpec } from './types.js';

const PRESET_SHAPE = /^[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Splits a spec at its first colon when the part before it looks like a preset name. A path that
 * exists wins over the split, so a file really called "liar:train.tsv" is read as a file.
 */
export function parseSpec(spec: string): DatasetSpec {
  const colon = spec.indexOf(':');
  if (spec === '-' || colon === -1 || existsSync(spec)) return { path: spec };
  const name = spec.slice(0, colon);
  const path = spec.slice(colon + 1);
  if (!PRESET_SHAPE.test(name)) return { path: spec };
  if (!isPresetName(name)) {
    throw new UsageError(
      'E_PRESET',
      `unknown preset ${JSON.stringify(name)} in ${JSON.stringify(spec)}${didYouMean(name, PRESETS)}; ` +
        `the presets are ${PRESETS.join(', ')} (and no file ${JSON.stringify(spec)} exists)`,
    );
  }
  if (path === '') throw new UsageError('E_USAGE', `expected PRESET:PATH; got nothing after ${JSON.stringify(name + ':')}`);
  return { preset: name, path };
}
