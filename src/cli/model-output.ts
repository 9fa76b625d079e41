/**
 * What every training command does with the model it writes: check the output path before the work
 * starts, and record in the card the command that rebuilds the model.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../article/errors.js';
import type { Io } from './io.js';

/** A path the model (or held-out rows) can be written to: its folder exists and it is not a folder. */
export function checkOutPath(out: string, flag = '--out', what = 'the model', inputs: readonly string[] = []): void {
  if (out.trim() === '') throw new UsageError('E_USAGE', `${flag}: expected a file name for ${what}; got an empty value`);
  const folder = dirname(resolve(out));
  if (!existsSync(folder)) throw new UsageError('E_USAGE', `${flag} ${out}: no such folder "${dirname(out)}"`);
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError('E_USAGE', `${flag} ${out}: expected a file name for ${what}; got a folder`);
  const clash = inputs.find((input) => input !== '-' && resolve(input) === resolve(out));
  if (clash !== undefined) throw new UsageError('E_USAGE', `${flag} ${out}: that is an input file (${clash}); writing ${what} there would overwrite it`);
}

/** `npm run train:…` when run through npm, else the command line as typed. */
export function rebuildCommand(io: Io): string {
  const script = io.env.npm_lifecycle_event;
  if (script !== undefined && script.startsWith('train')) return `npm run ${script}`;
  return ['credence', ...process.argv.slice(2)].join(' ');
}
