// @ts-check
/**
 * `npm run bench:reliability`: Credence's reliability model (DEFAULT_RELIABILITY, from dist/) against the
 * scikit-learn peer (bench/peer_sklearn.py) on the same splits in the same run: in-domain 5-fold and
 * leave-one-dataset-out ROC-AUC and balanced accuracy, training-time and prediction-throughput ratios,
 * peak memory, the command line's cold start and throughput, and the artefact probe.
 * Build first (`npx tsc -p tsconfig.build.json`); `--help` lists the options.
 */
import { run } from './lib/run.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

process.exitCode = await run(process.argv.slice(2), 'full');
