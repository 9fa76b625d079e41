/**
 * End-to-end helpers: run the real `credence` binary (which runs dist/, so `npm run build` first) in a
 * throwaway folder, with invented labelled data written by the test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { syntheticCorpus, type SyntheticOptions } from '../helpers/synthetic.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(REPO, 'bin', 'credence.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr split into lines, without the final empty one. */
  errLines: string[];
}

/** Runs `credence ...args` in `cwd` with NO_COLOR set; `input` is piped to stdin. */
export function credence(args: string[], cwd: string, input?: string | Buffer, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  const stderr = r.stderr;
  return { code: r.status, stdout: r.stdout, stderr, errLines: stderr === '' ? [] : stderr.replace(/\n$/, '').split('\n') };
}

/** Expected errors never show a stack trace. */
export function expectNoStack(run: Run): void {
  for (const line of run.errLines) expect(line, 'a stack trace line on stderr').not.toMatch(/^\s+at /);
  expect(run.stderr).not.toMatch(/internal error/);
}

/** A fresh folder; call the returned function to remove it. */
export function tempFolder(prefix = 'credence-cli-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes n invented labelled articles as JSON Lines ({id, title, text, label}); returns how many are unreliable. */
export function writeJsonl(path: string, n: number, seed: number, opts?: SyntheticOptions): { n: number; unreliable: number } {
  const articles = syntheticCorpus(n, seed, opts);
  writeFileSync(path, articles.map((a) => JSON.stringify({ id: a.id, title: a.title, text: a.body, label: a.label })).join('\n') + '\n');
  return { n, unreliable: articles.filter((a) => a.label === 'unreliable').length };
}

/** Settings for tiny, fast models. */
export const TINY = ['--set', 'features.bucketsLog2=12', '--set', 'calibration.holdout=0.3'];

/** Trains a tiny model with the real CLI on `data` (relative to dir); fails the test if training fails. */
export function trainTiny(dir: string, data: string, out = 'tiny.cdm'): Run {
  const run = credence(['train', '--data', data, '--out', out, ...TINY], dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run;
}

export const COUNCIL = `Council approves new bus routes

The city council voted 6 to 3 on Tuesday to approve three new bus routes, officials said.

"We reviewed the figures carefully," said Dana Ortiz, who chairs the transport committee. The routes start in March.
`;

export const SHOUTING = `SHOCKING: the TRUTH about the water plan!!

You won't believe the secret they buried about the water plan!! Wake up, people! The mainstream media will never tell you this.
`;
