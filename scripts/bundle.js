// @ts-check
/**
 * `npm run build` step two: the compiled CLI and worker entry (dist/) bundled by esbuild into a few files
 * under dist-bundle/, so that a cold `credence analyze` resolves and loads a handful of modules instead of
 * about a hundred (about 60 ms of its start-up). Dependencies stay in node_modules. The layout keeps every
 * `import.meta.url`-relative path of the sources true: the CLI and its chunks in dist-bundle/cli/ (two
 * levels under the package, like dist/cli/), the worker at dist-bundle/worker.js (one level above its
 * pool, like dist/worker.js). bin/credence.js runs the bundle when it is newer than dist/, else dist/.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist-bundle');

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: [join(ROOT, 'dist', 'cli', 'main.js'), join(ROOT, 'dist', 'worker.js')],
  outbase: join(ROOT, 'dist'),
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'cli/[name]-[hash]',
  logLevel: 'warning',
});
