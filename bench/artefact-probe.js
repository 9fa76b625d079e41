// @ts-check
/**
 * `npm run bench:artefacts`: only the artefact probe of bench/reliability.js. Fits Credence and the peer
 * on each set's first fold and on every leave-one-dataset-out cell, adds artefacts a scraper leaves
 * (agency dateline, URL, share line, byline) to held-out unreliable articles, and shows how far each
 * side's P(unreliable) moves.
 */
import { run } from './lib/run.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

process.exitCode = await run(process.argv.slice(2), 'probe');
