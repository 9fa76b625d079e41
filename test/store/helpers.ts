/** In-process command runs for the fact-check commands: a tiny program with addFactcheckCommands and a captured Io. */
import { Command } from 'commander';
import { PassThrough, Writable } from 'node:stream';
import { CredenceError, UsageError, formatWhere } from '../../src/article/errors.js';
import { addFactcheckCommands } from '../../src/cli/factchecks-commands.js';
import type { Io } from '../../src/cli/io.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  errLines: string[];
}

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export function memoryIo(env: NodeJS.ProcessEnv = {}): { io: Io; out: Sink; err: Sink } {
  const out = new Sink();
  const err = new Sink();
  return { io: { stdout: out, stderr: err, stdin: new PassThrough(), env: { NO_COLOR: '1', ...env } }, out, err };
}

/** Runs `credence factchecks ...args` in-process, as main.ts would (usage errors → 1, input errors → 2). */
export async function factchecks(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Captured> {
  const { io, out, err } = memoryIo(env);
  let exit = 0;
  const program = new Command('credence').enablePositionalOptions().exitOverride();
  program.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  addFactcheckCommands(program, (load) => async (...a) => {
    exit = await (await load())(io, ...a);
  });
  try {
    await program.parseAsync(['factchecks', ...args], { from: 'user' });
  } catch (e) {
    if (e instanceof CredenceError) {
      io.stderr.write(`credence: error: ${formatWhere(e.where)}${e.message}\n`);
      exit = e instanceof UsageError ? 1 : 2;
    } else if (e instanceof Error && 'exitCode' in e) {
      exit = (e as { exitCode: number }).exitCode === 0 ? 0 : 1;
    } else throw e;
  }
  return { code: exit, stdout: out.text, stderr: err.text, errLines: err.text === '' ? [] : err.text.replace(/\n$/, '').split('\n') };
}

/** A ClaimReview node as publishers write it (invented content). */
export function claimReview(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: 'https://checks.example.org/2024/moon-cheese',
    claimReviewed: 'The moon is made of green cheese, say scientists at the lunar dairy institute',
    datePublished: '2024-03-05',
    name: 'No, the moon is not made of cheese',
    author: { '@type': 'Organization', name: 'Example Checks', url: 'https://checks.example.org' },
    reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' },
    itemReviewed: {
      '@type': 'Claim',
      author: { '@type': 'Person', name: 'Jo Bloggs' },
      datePublished: '2024-03-01',
      appearance: [{ '@type': 'CreativeWork', url: 'https://social.example.com/p/123' }],
    },
    ...over,
  };
}
