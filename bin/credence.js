#!/usr/bin/env node
// The bundled CLI (dist-bundle/, see scripts/bundle.js) starts faster. dist/ is used when the bundle is
// missing, older than dist/cli/main.js (a full `tsc` after the last `npm run build`), or when
// CREDENCE_UNBUNDLED=1: a `tsc --watch` rewrites only the files that changed, which this check cannot see.
import { statSync } from 'node:fs';

const mtime = (rel) => {
  try {
    return statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = process.env.CREDENCE_UNBUNDLED !== '1' && mtime('../dist-bundle/cli/main.js') >= mtime('../dist/cli/main.js');
const { main } = await import(bundled ? '../dist-bundle/cli/main.js' : '../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
