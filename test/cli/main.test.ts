/**
 * The `credence` command itself: help with examples, version, unknown commands and options, and the
 * one-line refusal of every kind of unusable model file (with a stack trace only under --debug).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCard } from '../../src/learn/card.js';
import { encodeModel, FORMAT_VERSION } from '../../src/learn/model-file.js';
import { saveReliability } from '../../src/learn/reliability-file.js';
import { DEFAULT_RELIABILITY, fitReliability } from '../../src/learn/reliability.js';
import { makeDoc } from '../../src/text/doc.js';
import { syntheticCorpus } from '../helpers/synthetic.js';
import { COUNCIL, credence, expectNoStack, REPO, tempFolder } from './helpers.js';

const COMMANDS = ['analyze', 'train', 'eval', 'eval-matrix'];
let dir: string;
let remove: () => void;

beforeAll(async () => {
  ({ dir, remove } = tempFolder());
  writeFileSync(join(dir, 'council.txt'), COUNCIL);
  // A valid tiny model, fitted in-process: these tests are about refusing broken ones.
  const rows = syntheticCorpus(40, 9).map((a, i) => ({ doc: makeDoc(a), y: (a.label === 'unreliable' ? 1 : 0) as 0 | 1, source: 's', group: i }));
  const settings = { ...DEFAULT_RELIABILITY, features: { ...DEFAULT_RELIABILITY.features, bucketsLog2: 10 } };
  const card: ModelCard = {
    name: 'main-test',
    description: 'tiny',
    createdAt: '2024-01-01T00:00:00.000Z',
    credenceVersion: '0.0.0',
    command: 'test',
    trainingData: [],
    notes: [],
    metrics: {},
    fit: { seconds: 0, passes: 0, converged: true, articles: 40 },
  };
  saveReliability(join(dir, 'good.cdm'), (await fitReliability(rows, settings)).model, card);
});
afterAll(() => remove());

describe('help and version', () => {
  it('--help lists every command, with examples, on stdout, exit 0', () => {
    const run = credence(['--help'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: credence /);
    for (const c of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(run.stdout).toMatch(/\nExamples:\n(  \$ credence .+\n)+/);
  });

  for (const c of COMMANDS) {
    it(`${c} --help has examples of that command, exit 0`, () => {
      const run = credence([c, '--help'], dir);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(new RegExp(`^Usage: credence ${c} `));
      const examples = run.stdout.slice(run.stdout.indexOf('\nExamples:\n'));
      expect(examples.length, 'an Examples section').toBeGreaterThan(12);
      const lines = examples.trim().split('\n').slice(1);
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(l).toMatch(new RegExp(`^  \\$ (cat .* \\| )?credence ${c} `));
      // the same text through "credence help <command>"
      expect(credence(['help', c], dir).stdout).toBe(run.stdout);
    });
  }

  it('--version prints the package version, exit 0', () => {
    const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V']) {
      const run = credence([flag], dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
      expect(run.stderr).toBe('');
    }
  });
});

describe('unknown commands and options', () => {
  it('an unknown command, with "did you mean", exit 1', () => {
    const run = credence(['analyse', 'council.txt'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.errLines).toEqual(["credence: error: unknown command 'analyse' (did you mean analyze?)"]);
  });

  it('an unknown option, exit 1', () => {
    const run = credence(['analyze', 'council.txt', '--frobnicate'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual(["credence: error: unknown option '--frobnicate'"]);
  });

  it('a missing argument, exit 1', () => {
    const run = credence(['analyze'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual(["credence: error: missing required argument 'inputs'"]);
  });

  it('a bad flag value, exit 1', () => {
    const run = credence(['analyze', 'council.txt', '--max-bytes', 'lots'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual(['credence: error: --max-bytes: expected a positive whole number of bytes, got "lots"']);
  });
});

describe('unusable model files', () => {
  /** Runs analyze with `model`; it must be refused in exactly `line`, exit 1, nothing on stdout, no stack. */
  function refused(model: string, line: string): void {
    const run = credence(['analyze', 'council.txt', '--model', model, '--format', 'json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.errLines).toEqual([line]);
    expectNoStack(run);
  }

  it('the good model works (so the refusals below are about the damage)', () => {
    const run = credence(['analyze', 'council.txt', '--model', 'good.cdm', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).reliability.model).toBe('main-test');
  });

  it('a corrupt model file', () => {
    const bytes = readFileSync(join(dir, 'good.cdm'));
    bytes[bytes.length - 100]! ^= 0x01;
    writeFileSync(join(dir, 'corrupt.cdm'), bytes);
    refused('corrupt.cdm', 'credence: error: corrupt.cdm: not a usable Credence model: the checksum does not match (the file is truncated or corrupt)');
  });

  it('a truncated model file', () => {
    const bytes = readFileSync(join(dir, 'good.cdm'));
    writeFileSync(join(dir, 'truncated.cdm'), bytes.subarray(0, bytes.length - 1000));
    refused('truncated.cdm', 'credence: error: truncated.cdm: not a usable Credence model: the checksum does not match (the file is truncated or corrupt)');
  });

  it('a model of another format version', () => {
    const bytes = readFileSync(join(dir, 'good.cdm'));
    bytes.writeUInt32LE(FORMAT_VERSION + 1, 8);
    bytes.writeUInt32LE(crc32(bytes.subarray(0, bytes.length - 4)), bytes.length - 4);
    writeFileSync(join(dir, 'future.cdm'), bytes);
    refused(
      'future.cdm',
      `credence: error: future.cdm: model file format version ${FORMAT_VERSION + 1}, but this Credence reads version ${FORMAT_VERSION}; retrain it with this version (credence train) or use a matching Credence`,
    );
  });

  it('a file that is not a model', () => {
    refused('council.txt', 'credence: error: council.txt: not a usable Credence model: it does not start with the Credence model signature');
  });

  it('a model of another kind', () => {
    writeFileSync(join(dir, 'stance.cdm'), encodeModel({ kind: 'stance', header: {}, arrays: {} }));
    refused('stance.cdm', 'credence: error: stance.cdm: not a usable Credence model: it holds a "stance" model, not a "reliability" model');
  });

  it('a missing model file', () => {
    refused('nowhere.cdm', 'credence: error: nowhere.cdm: no such model file');
  });

  it('--debug adds the stack trace after the same line', () => {
    const bytes = readFileSync(join(dir, 'good.cdm'));
    writeFileSync(join(dir, 'cut.cdm'), bytes.subarray(0, 100));
    const run = credence(['analyze', 'council.txt', '--model', 'cut.cdm', '--debug'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines[0]).toBe('credence: error: cut.cdm: not a usable Credence model: the checksum does not match (the file is truncated or corrupt)');
    expect(run.errLines.slice(1).some((l) => /^\s+at /.test(l))).toBe(true);
  });
});
