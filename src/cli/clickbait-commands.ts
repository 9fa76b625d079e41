/**
 * `credence clickbait train|eval`: the clickbait headline model. Registered on the main program by
 * addClickbaitCommands; each command's code is imported only when it runs.
 */
import type { Command } from 'commander';
import type { Run } from './factchecks-commands.js';
import { collect } from './options.js';

export function addClickbaitCommands(program: Command, run: Run): void {
  const clickbait = program
    .command('clickbait')
    .description('The clickbait headline model: train it on labelled headlines, measure it.')
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `
Data are JSON lines {"title": ..., "label": "clickbait" | "not-clickbait"}, plain or gzipped.

Examples:
  $ credence clickbait train --data ../shared/datasets/clickbait/data.jsonl.gz --out models/clickbait.cdm
  $ credence clickbait eval --data heldout.jsonl --json`,
    );

  clickbait
    .command('train')
    .description('Train a clickbait model on labelled headlines, report held-out figures, save it with its card.')
    .requiredOption('-d, --data <file...>', 'JSON lines of labelled headlines (plain or gzipped), one or more')
    .requiredOption('-o, --out <file>', 'where to write the model (its card goes next to it as .md)')
    .option('-s, --set <key=value>', 'override a setting, e.g. --set features.charMax=4 (repeatable)', collect, [])
    .option('--holdout <fraction>', "share of headlines held out (stratified, near-duplicates together, seeded) for the card's figures (0 = none)", '0.2')
    .option('--heldout-out <file>', 'also write the held-out headlines there as JSON lines (for clickbait eval)')
    .addHelpText(
      'after',
      `
Examples:
  $ credence clickbait train --data ../shared/datasets/clickbait/data.jsonl.gz --out models/clickbait.cdm
  $ credence clickbait train --data headlines.jsonl --set features.cased=true --heldout-out /tmp/heldout.jsonl --out cased.cdm`,
    )
    .action(run(async () => (await import('./clickbait-train.js')).clickbaitTrain));

  clickbait
    .command('eval')
    .description('Measure a clickbait model on labelled headlines: accuracy, precision, recall, F1 (clickbait), ROC-AUC.')
    .option('-m, --model <file>', 'clickbait model file (default: the bundled model)')
    .requiredOption('-d, --data <file>', 'JSON lines {"title", "label": "clickbait" | "not-clickbait"} (plain or gzipped)')
    .option('--json', 'print one JSON object: {n, clickbait, accuracy, precision, recall, f1, rocAuc}')
    .addHelpText(
      'after',
      `
A bad line is reported with its file and line and skipped; the exit code is then 2.

Examples:
  $ credence clickbait eval --data /tmp/heldout.jsonl
  $ credence clickbait eval --model my-clickbait.cdm --data headlines.jsonl.gz --json`,
    )
    .action(run(async () => (await import('./clickbait-eval.js')).clickbaitEval));
}
