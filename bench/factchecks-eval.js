// @ts-check
/**
 * `node bench/factchecks-eval.js [--bm25] [--train]`: the figures of `credence claims match-eval` on the
 * CLEF CheckThat! 2020 task 2 dev tweets (../shared/datasets/clef2020-claim-retrieval), by calling the
 * command's function from dist/ (the same code the CLI runs), with the dev files filled in.
 *
 *   (no flag)   BM25 + the bundled re-ranker (src/store/reranker-weights.ts)
 *   --bm25      the BM25 first stage alone
 *   --train     refit the re-ranker on the train tweets only, evaluate it on dev, and rewrite
 *               src/store/reranker-weights.ts (how the bundled one was made)
 *   --json      print {map1, map3, map5, mrr, p1}
 *   --vectors F other word vectors than models/wordvectors.cdm (with --train, to compare)
 *
 * Build first (`npx tsc -p tsconfig.build.json`).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const REPO = fileURLToPath(new URL('../', import.meta.url));
const D = join('..', 'shared', 'datasets', 'clef2020-claim-retrieval');
const args = process.argv.slice(2);
process.chdir(REPO);
const { claimsMatchEval } = await import(join(REPO, 'dist/cli/claims-match-eval.js'));
/** @type {Record<string, unknown>} */
const flags = { claims: join(D, 'vclaims.jsonl.gz'), queries: join(D, 'queries-dev.jsonl.gz'), qrels: join(D, 'qrels-dev.jsonl.gz') };
if (args.includes('--json')) flags.json = true;
if (args.includes('--bm25')) flags.bm25 = true;
const v = args.indexOf('--vectors');
if (v >= 0 && args[v + 1] !== undefined) flags.vectors = args[v + 1];
if (args.includes('--train')) {
  flags.trainQueries = join(D, 'queries-train.jsonl.gz');
  flags.trainQrels = join(D, 'qrels-train.jsonl.gz');
  flags.saveReranker = join('src', 'store', 'reranker-weights.ts');
}
process.exitCode = await claimsMatchEval({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }, flags);
