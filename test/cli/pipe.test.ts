/** `credence … | head`: a reader that closes the pipe early ends the command quietly, exit 0, no stack. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BIN, COUNCIL, tempFolder } from './helpers.js';

it('stops quietly when stdout is closed early', async () => {
  const { dir, remove } = tempFolder('credence-pipe-');
  try {
    // Enough articles that the output outlasts a pipe buffer.
    const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `a${i}`, title: `Budget vote ${i}`, text: COUNCIL }));
    writeFileSync(join(dir, 'many.jsonl'), lines.join('\n') + '\n');
    const child = spawn(process.execPath, [BIN, 'analyze', '--format', 'jsonl', '--no-headline', '--no-claims', 'many.jsonl'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(code).toBe(0);
  } finally {
    remove();
  }
}, 60_000);
