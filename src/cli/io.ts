/**
 * What a command sees of the outside world: stdout for results only, stderr for problems and progress,
 * colour only on a terminal and never with NO_COLOR. Injected so tests can run commands in-process.
 */
import type { Writable } from 'node:stream';
import { CredenceError, formatWhere, type Where } from '../article/errors.js';

export interface Io {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  // `credence … | head`: the reader has all it wants once it closes the pipe; stop quietly, as cat does.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok);
    throw err;
  });
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

export function colourEnabled(io: Io, stream: 'stdout' | 'stderr'): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io[stream].isTTY === true;
}

export interface Colours {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOURS: Colours = { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), green: ansi(32, 39), yellow: ansi(33, 39) };
export const NO_COLOURS: Colours = { bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s };

export function coloursFor(io: Io, stream: 'stdout' | 'stderr'): Colours {
  return colourEnabled(io, stream) ? COLOURS : NO_COLOURS;
}

/**
 * Collects the problems of a run: one line each on stderr as they happen, counted for the summary
 * and the exit code.
 */
export class Problems {
  skipped = 0;
  warnings = 0;
  private readonly c: Colours;
  constructor(private readonly io: Io) {
    this.c = coloursFor(io, 'stderr');
  }

  error(e: CredenceError): void {
    this.skipped++;
    this.io.stderr.write(`credence: ${this.c.red('error')}: ${formatWhere(e.where)}${e.message}\n`);
  }

  warning(e: CredenceError): void {
    this.warnings++;
    this.io.stderr.write(`credence: ${this.c.yellow('warning')}: ${formatWhere(e.where)}${e.message}\n`);
  }

  /** An unexpected failure inside one record: a bug, reported with its stack; the record is skipped. */
  bug(err: unknown, where: Where): void {
    this.skipped++;
    const e = err instanceof Error ? err : new Error(String(err));
    this.io.stderr.write(`credence: ${this.c.red('internal error')}: ${formatWhere(where)}${e.message} (record skipped; please report this)\n${e.stack ?? ''}\n`);
  }

  note(line: string): void {
    this.io.stderr.write(`credence: ${line}\n`);
  }
}

export const EXIT = { ok: 0, usage: 1, skipped: 2, internal: 70 } as const;
