/** Every bench answers `--help` with its own header comment and exits before doing any work. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH = fileURLToPath(new URL('../bench/', import.meta.url));
const benches = readdirSync(BENCH).filter((f) => f.endsWith('.js'));

describe('bench --help', () => {
  it.each(benches)('%s prints its header and exits 0', (file) => {
    const source = readFileSync(join(BENCH, file), 'utf8');
    const firstLine = /\/\*\*\s*\n\s*\* ([^\n]+)/.exec(source)![1]!;
    const r = spawnSync(process.execPath, [join(BENCH, file), '--help'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, CREDENCE_DATASETS: '/nonexistent' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(firstLine);
  });
});
