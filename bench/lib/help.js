// @ts-check
/**
 * `node bench/NAME.js --help` (or `-h`): print the bench's own header comment, which says what it
 * measures and how to run it, and exit before any work.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @param {string} fileUrl the calling bench's import.meta.url */
export function exitOnHelp(fileUrl) {
  const args = process.argv.slice(2);
  if (!args.includes('--help') && !args.includes('-h')) return;
  const source = readFileSync(fileURLToPath(fileUrl), 'utf8');
  const block = /\/\*\*([\s\S]*?)\*\//.exec(source);
  const text = block === null ? 'no description in this file' : block[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim();
  process.stdout.write(text + '\n');
  process.exit(0);
}
