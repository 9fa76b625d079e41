/**
 * Progress on stderr for work that takes more than two seconds, and only on a terminal: a bar when
 * the total is known, a running count otherwise. Silent when stderr is a file or a pipe.
 */
import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';
import { colourEnabled, type Io } from './io.js';

export interface Progress {
  update(stage: string, done: number, total?: number): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };
const DELAY_MS = 2000;
const require = createRequire(import.meta.url);

export function progressFor(io: Io): Progress {
  if (io.stderr.isTTY !== true) return SILENT;
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  return {
    update(stage, done, total) {
      if (bar === undefined && Date.now() - started < DELAY_MS) return;
      if (bar === undefined || stage !== current) {
        bar?.stop();
        current = stage;
        // Loaded the first time a bar is drawn, not on every start (start-up time).
        const cliProgress = require('cli-progress') as typeof import('cli-progress');
        const format =
          total === undefined
            ? `${stage.padEnd(18)} {value} done`
            : `${stage.padEnd(18)} {bar} {percentage}% | {value}/{total} | {eta_formatted} left`;
        bar = new cliProgress.SingleBar(
          { format, stream: io.stderr as NodeJS.WriteStream, hideCursor: true, clearOnComplete: true, barsize: 30, noTTYOutput: false },
          colourEnabled(io, 'stderr') ? cliProgress.Presets.shades_classic : cliProgress.Presets.legacy,
        );
        bar.start(total ?? 0, done);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
