// @ts-check
/**
 * `npm run build` step two: the compiled CLI and worker entry (dist/) bundled by esbuild into a few files
 * under dist-bundle/, so that a cold `credence analyze` resolves and loads a handful of modules instead of
 * about a hundred (about 60 ms of its start-up). Dependencies stay in node_modules, but for the argument
 * parser (bundled: 10–20 ms less start-up, measured interleaved). The layout keeps every
 * `import.meta.url`-relative path of the sources true: the CLI and its chunks in dist-bundle/cli/ (two
 * levels under the package, like dist/cli/), the worker at dist-bundle/worker.js (one level above its
 * pool, like dist/worker.js). bin/credence.js runs the bundle when it is newer than dist/, else dist/.
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
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
  // Dependencies stay in node_modules, except the argument parser every command loads: bundled, it
  // skips the CommonJS loader's resolution and wrapping on every start.
  external: Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies).filter((d) => d !== 'commander'),
  banner: { js: "import { createRequire as __credenceRequire } from 'node:module'; const require = __credenceRequire(import.meta.url);" },
  chunkNames: 'cli/[name]-[hash]',
  logLevel: 'warning',
});
