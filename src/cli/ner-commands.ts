/**
 * `credence ner-eval` and `credence ner-train`: the named-entity recogniser's evaluation and training.
 * Registered on the main program by addNerCommands; each command's code is imported only when it runs.
 */
import type { Command } from 'commander';
import type { Io } from './io.js';
import { collect } from './options.js';

export type Run = <A extends unknown[]>(load: () => Promise<(io: Io, ...args: A) => Promise<number>>) => (...args: A) => Promise<void>;

export function addNerCommands(program: Command, run: Run): void {
  program
    .command('ner-eval')
    .description('Measure the entity recogniser on IOB2-tagged sentences: entity-level precision, recall and F1 (exact span and type).')
    .requiredOption('-d, --data <file>', 'JSON lines {"tokens": [...], "tags": [...]} in IOB2 over PER, ORG, LOC, MISC (plain or gzipped)')
    .option('-m, --model <file>', 'entity model file (default: the bundled model)')
    .option('--json', 'print one JSON object: {precision, recall, f1, perType: {PER, ORG, LOC, MISC}}')
    .addHelpText(
      'after',
      `
The overall figures are over PER, ORG and LOC; MISC is reported apart. Each sentence's tokens are
joined with spaces into a text and tagged as an article would be, then mapped back to its tokens.
A bad line is reported with its file and line and skipped; the exit code is then 2.

Examples:
  $ credence ner-eval --data ../shared/datasets/wnut17/test.jsonl.gz
  $ credence ner-eval --data news-test.jsonl --model my-ner.cdm --json`,
    )
    .action(run(async () => (await import('./ner-eval.js')).nerEval));

  program
    .command('ner-train')
    .description('Train the entity recogniser on IOB2-tagged sentences, with word facts induced from unlabelled news; save it with its card.')
    .requiredOption('-d, --data <file...>', 'IOB2 JSON lines (plain or gzipped); FILE@WEIGHT weighs a file\'s errors (default 1)')
    .requiredOption('-o, --out <file>', 'where to write the model (its card goes next to it as .md)')
    .option('--news <file...>', 'unlabelled news to induce word facts from: JSON lines with "text"/"title", or CSV with "articleBody" (plain or gzipped)')
    .option('--exclude <file>', 'records to keep out of --news: lines "set<TAB>dataset<TAB>id<TAB>hash" as bench/gold-sample.js prints them ("-": stdin)')
    .option('--no-self-train', 'skip self-training (a first model tagging the --news texts to learn which forms are mostly which type)')
    .option('--words-from <model>', 'take the word facts from this model file instead of inducing them from --news')
    .option('--holdout-every <k>', 'hold out every k-th article (records with a "doc" number) for the card\'s figures (0: none)', '4')
    .option('--heldout-out <file>', 'also write the held-out sentences there as JSON lines (for ner-eval)')
    .option('--eval <file...>', 'more labelled files, never trained on, to measure the model on for its card')
    .option('-s, --set <key=value>', 'override a setting: bits, epochs, seed (repeatable)', collect, [])
    .addHelpText(
      'after',
      `
The bundled model is rebuilt from ../shared/datasets by npm run train:ner.

Examples:
  $ credence ner-train --data ../shared/datasets/wikigold/data.jsonl.gz --news news.jsonl.gz --out my-ner.cdm
  $ node bench/gold-sample.js | credence ner-train --data a.jsonl --data b.jsonl@0.5 --news n.jsonl.gz --exclude - --out my-ner.cdm`,
    )
    .action(run(async () => (await import('./ner-train.js')).nerTrain));
}
