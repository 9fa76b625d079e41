#!/usr/bin/env node
// The bundled CLI (dist-bundle/, see scripts/bundle.js) starts faster; dist/ is used when the bundle is
// missing or older than the compiled sources (after a bare `tsc`).
import { statSync } from 'node:fs';

const mtime = (rel) => {
  try {
    return statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = mtime('../dist-bundle/cli/main.js') >= mtime('../dist/cli/main.js');
const { main } = await import(bundled ? '../dist-bundle/cli/main.js' : '../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
