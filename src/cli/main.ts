/**
 * The `credence` command. Each subcommand lives in its own file and is imported only when it runs,
 * so `--help` and `--version` stay instant. Expected failures print one line and exit 1 (usage) or
 * 2 (records skipped); anything else is a bug: "internal error" with the stack, exit 70.
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { CredenceError, UsageError, formatWhere } from '../article/errors.js';
import { storeFailure } from '../store/failure.js';
import { coloursFor, EXIT, processIo, type Io } from './io.js';
import { addClickbaitCommands } from './clickbait-commands.js';
import { addFactcheckCommands } from './factchecks-commands.js';
import { addNerCommands } from './ner-commands.js';
import { collect, dataOptions } from './options.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../../package.json') as { version: string }).version;

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let exit: number = EXIT.ok;
  const debug = argv.includes('--debug');
  const program = new Command('credence')
    .description('Judge how far to trust a news article, and why.')
    .version(VERSION)
    .option('--debug', 'print stack traces for errors (anywhere on the command line)')
    // Subcommands own their options: `stance eval --model` is eval's, not stance's.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // One line per problem: commander puts its "(Did you mean …?)" on a line of its own.
      outputError: (s, write) => write(s.replace(/^error: /, 'credence: error: ').replace(/\n\(Did you mean (.*)\?\)\n?$/, ' (did you mean $1?)\n')),
    })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  $ credence analyze examples/council-budget.txt
  $ credence train --data kaggle-fake-news:train.csv --out my.cdm
  $ credence eval --model my.cdm --data test.jsonl --json
  $ credence eval-matrix --data a.jsonl.gz --data b.jsonl.gz
  $ credence stance --claim "The mayor resigned" articles/
  $ credence claims worthiness-eval --data test.jsonl.gz
  $ credence <command> --help`,
    );

  const run =
    <A extends unknown[]>(load: () => Promise<(io: Io, ...args: A) => Promise<number>>) =>
    async (...args: A) => {
      const command = await load();
      exit = await command(io, ...args);
    };

  dataOptions(
    program
      .command('analyze')
      .description('Print a credibility report for each article in the given files, folders or stdin (-).')
      .argument('<inputs...>', 'files, folders or - (stdin); PRESET:PATH for a known dataset layout')
      .option('-f, --format <format>', 'text, json, jsonl or csv', 'text')
      .option('-m, --model <file>', 'reliability model file (default: the bundled model)')
      .option('--stance-model <file>', 'stance model for the headline check (default: the bundled model)')
      .option('--no-headline', 'skip the headline check')
      .option('--worthiness-model <file>', 'check-worthiness model for the claims (default: the bundled model)')
      .option('--no-claims', 'skip the check-worthy claims')
      .option('--db <dir>', 'fact-check store the claims are matched against (default: $CREDENCE_DB, else ~/.local/share/credence, when it exists)')
      .option('--ner-model <file>', 'entity recogniser for people, organisations and places (default: the bundled model)')
      .option('--no-sourcing', 'skip quotes, sources and entities')
      .addHelpText(
        'after',
        `
Examples:
  $ credence analyze examples/council-budget.txt
  $ credence analyze --format json article.html
  $ credence analyze --format jsonl kaggle-fake-news:train.csv > reports.jsonl
  $ cat story.txt | credence analyze -`,
      ),
  ).action(run(async () => (await import('./analyze.js')).analyze));

  dataOptions(
    program
      .command('train')
      .description('Train a reliability model on labelled articles, report held-out metrics, save it with its card.')
      .option('-d, --data <spec...>', 'labelled data: PATH or PRESET:PATH, one or more (added to the config\'s)')
      .requiredOption('-o, --out <file>', 'where to write the model (its card goes next to it as .md)')
      .option('-c, --config <file>', 'JSON training config: {"data": [...], "settings": {...}, "notes": [...]}')
      .option('-s, --set <key=value>', 'override a setting, e.g. --set logistic.C=2 (repeatable)', collect, [])
      .option('--holdout <fraction>', 'share of articles held out for the card\'s metrics (0 = none)', '0.2')
      .option('--cross-dataset', 'also measure leave-one-dataset-out metrics for the card (one fit per dataset)')
      .addHelpText(
        'after',
        `
Examples:
  $ credence train --data kaggle-fake-news:train.csv --out my.cdm
  $ credence train --data a.jsonl.gz --data b.csv --set logistic.C=2 --out my.cdm
  $ credence train --config models/reliability.config.json --out models/reliability.cdm`,
      ),
  ).action(run(async () => (await import('./train.js')).train));

  dataOptions(
    program
      .command('eval')
      .description('Measure a model on labelled articles it has not seen.')
      .requiredOption('-d, --data <spec...>', 'labelled data: PATH or PRESET:PATH, one or more')
      .option('-m, --model <file>', 'reliability model file (default: the bundled model)')
      .option('--json', 'print one JSON object')
      .option('--plots <dir>', 'write roc.svg and calibration.svg into this folder')
      .addHelpText(
        'after',
        `
Examples:
  $ credence eval --data isot:Fake.csv --data isot:True.csv
  $ credence eval --model my.cdm --data test.jsonl --json --plots plots/`,
      ),
  ).action(run(async () => (await import('./eval.js')).evaluate));

  dataOptions(
    program
      .command('eval-matrix')
      .description('Cross-dataset view: train on each set and on all-but-one, test on every other set.')
      .requiredOption('-d, --data <spec...>', 'two or more labelled datasets')
      .option('-s, --set <key=value>', 'override a setting (repeatable)', collect, [])
      .option('--folds <k>', 'k-fold cross-validation for the in-domain diagonal (0 = skip)', '5')
      .option('--json', 'print one JSON object')
      .addHelpText(
        'after',
        `
Examples:
  $ credence eval-matrix --data a.jsonl.gz --data b.jsonl.gz --data c.csv`,
      ),
  ).action(run(async () => (await import('./eval-matrix.js')).evalMatrix));

  // `stance --claim` ranks articles; `stance train` and `stance eval` are its subcommands. Positional
  // options let the subcommands reuse --model without the parent taking it.
  const stance = dataOptions(
    program
      .command('stance')
      .description('Rank articles by their stance towards a claim: agree, disagree, discuss or unrelated (FNC-1).')
      .argument('[inputs...]', 'files, folders or - (stdin); PRESET:PATH for a known dataset layout')
      .option('--claim <text>', 'the claim to read every article against')
      .option('-f, --format <format>', 'text or jsonl', 'text')
      .option('-m, --model <file>', 'stance model file (default: the bundled model)')
      .enablePositionalOptions()
      .addHelpText(
        'after',
        `
Each article's body is read against the claim. Articles are ranked agree, disagree, discuss, unrelated,
the most confident first in each group; each line gives the four probabilities and the body sentence
that bears most on the claim. An input file named like a subcommand needs a path: ./train.

Examples:
  $ credence stance --claim "Banksy was arrested in London" articles/
  $ credence stance --claim "The mayor resigned" --format jsonl news.jsonl.gz > stances.jsonl
  $ credence stance train --bodies bodies.csv.gz --stances stances.csv.gz --out my-stance.cdm
  $ credence stance eval --bodies test_bodies.csv --stances test_stances.csv --json`,
      ),
  ).action(run(async () => (await import('./stance.js')).stanceClaim));

  stance
    .command('train')
    .description('Train a stance model on FNC-1 layout files, report held-out figures, save it with its card.')
    .requiredOption('--bodies <file>', 'bodies file: Body ID,articleBody (plain or gzipped CSV)')
    .requiredOption('--stances <file>', 'stances file: Headline,Body ID,Stance (plain or gzipped CSV)')
    .requiredOption('-o, --out <file>', 'where to write the model (its card goes next to it as .md)')
    .option('-s, --set <key=value>', 'override a setting, e.g. --set stance.rounds=100 (repeatable)', collect, [])
    .option('--holdout <fraction>', "share of claims held out for the card's figures: no body, headline or claim in both (0 = none)", '0.2')
    .addHelpText(
      'after',
      `
The bundled model is rebuilt from ../shared/datasets/fnc1 by npm run train:stance.

Examples:
  $ credence stance train --bodies bodies.csv.gz --stances stances.csv.gz --out my-stance.cdm
  $ credence stance train --bodies b.csv --stances s.csv --set stance.rounds=100 --holdout 0 --out quick.cdm`,
    )
    .action(run(async () => (await import('./stance-train.js')).stanceTrain));

  stance
    .command('eval')
    .description('Score a stance model on labelled FNC-1 layout files: FNC-1 score, macro-F1, per-class F1, confusion.')
    .option('-m, --model <file>', 'stance model file (default: the bundled model)')
    .requiredOption('--bodies <file>', 'bodies file: Body ID,articleBody (plain or gzipped CSV)')
    .requiredOption('--stances <file>', 'stances file: Headline,Body ID,Stance (plain or gzipped CSV)')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  $ credence stance eval --bodies competition_test_bodies.csv --stances competition_test_stances.csv
  $ credence stance eval --model my-stance.cdm --bodies b.csv.gz --stances s.csv.gz --json`,
    )
    .action(run(async () => (await import('./stance-eval.js')).stanceEval));

  // `claims` groups the check-worthiness commands and the matching against stored fact-checks.
  const claims = program
    .command('claims')
    .description('Check-worthy claims, and whether they were fact-checked already: match, measure, train.')
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `
Examples:
  $ credence claims match "The vaccine contains a microchip"
  $ credence claims worthiness-eval --data test.jsonl.gz
  $ credence claims worthiness-train --data sentences.jsonl.gz --out my-worthiness.cdm`,
    );

  claims
    .command('match')
    .description('Look a sentence up among the stored fact-checks: matches stated, or suggested for a person to confirm.')
    .argument('<text>', 'the sentence or claim to look up')
    .option('--db <dir>', 'the store folder (default: $CREDENCE_DB, else $XDG_DATA_HOME/credence or ~/.local/share/credence)')
    .option('-n, --limit <n>', 'at most this many matches (default 5)')
    .option('--suggest <score>', 'show for confirmation at or above this score, 0..1 (default 0.3)')
    .option('--confirm <score>', 'state as a match at or above this score, 0..1 (default 0.7)')
    .option('--short-words <n>', 'texts with fewer content words than this are short (default 5)...')
    .option('--short-margin <x>', '...and need both thresholds raised by this much (default 0.1)')
    .option('--since <date>', 'only fact-checks published on or after this date (YYYY-MM-DD)')
    .option('--language <code>', 'only fact-checks in this language (or with none recorded), e.g. en')
    .option('-f, --format <format>', 'text or jsonl', 'text')
    .option('--all', 'also list candidates below --suggest (marked "below")')
    .addHelpText(
      'after',
      `
Examples:
  $ credence factchecks import claimreviews.json
  $ credence claims match "Drinking bleach cures COVID-19"
  $ credence claims match --since 2024-01-01 --format jsonl "The minimum wage doubled last year"`,
    )
    .action(run(async () => (await import('./claims-match.js')).claimsMatch));

  claims
    .command('match-eval')
    .description('Measure claim matching on the CLEF CheckThat! 2020 task 2 layout: MAP@1, MAP@3, MAP@5, MRR, P@1.')
    .requiredOption('--claims <file>', 'verified claims, JSON lines (plain or gzipped)')
    .requiredOption('--queries <file>', 'queries (tweets), JSON lines')
    .requiredOption('--qrels <file>', 'which claim each query matches, JSON lines')
    .option('--json', 'print one JSON object {map1, map3, map5, mrr, p1}')
    .option('--bm25', 'rank by BM25 alone (no re-ranker)')
    .option('--candidates <n>', 'BM25 candidates re-ranked per query (default 30)')
    .option('--train-queries <file>', 'fit a re-ranker on these queries first (with --train-qrels)')
    .option('--train-qrels <file>', 'the training queries\' matching claims')
    .option('--save-reranker <file>', 'write the fitted re-ranker there')
    .addHelpText(
      'after',
      `
Examples:
  $ D=../shared/datasets/clef2020-claim-retrieval
  $ credence claims match-eval --claims $D/vclaims.jsonl.gz --queries $D/queries-dev.jsonl.gz --qrels $D/qrels-dev.jsonl.gz
  $ credence claims match-eval --claims $D/vclaims.jsonl.gz --queries $D/queries-dev.jsonl.gz --qrels $D/qrels-dev.jsonl.gz --bm25 --json`,
    )
    .action(run(async () => (await import('./claims-match-eval.js')).claimsMatchEval));

  claims
    .command('worthiness-eval')
    .description('Measure a check-worthiness model on labelled sentences: precision, recall, F1 (check-worthy), ROC-AUC, and MAP over transcripts.')
    .option('-m, --model <file>', 'check-worthiness model file (default: the bundled model)')
    .requiredOption('-d, --data <file>', 'JSON lines {"text", "label": "check-worthy" | "not-check-worthy"} (plain or gzipped); records with a "debate" field also get MAP')
    .option('--json', 'print one JSON object: {precision, recall, f1, rocAuc, map?}')
    .addHelpText(
      'after',
      `
Examples:
  $ credence claims worthiness-eval --data ../shared/datasets/checkthat-cw-debates/clef2020-test.jsonl.gz
  $ credence claims worthiness-eval --model my-worthiness.cdm --data heldout.jsonl --json`,
    )
    .action(run(async () => (await import('./claims-eval.js')).claimsWorthinessEval));

  claims
    .command('worthiness-train')
    .description('Train a check-worthiness model on labelled sentences, report held-out figures, save it with its card.')
    .requiredOption('-d, --data <file...>', 'JSON lines of labelled sentences (plain or gzipped), one or more; transcripts in several files are taken from the last')
    .option('--exclude <file...>', 'files whose transcripts and sentence texts must stay out of training (test sets)')
    .requiredOption('-o, --out <file>', 'where to write the model (its card goes next to it as .md)')
    .option('-s, --set <key=value>', 'override a setting, e.g. --set transcriptWeight=2 (repeatable)', collect, [])
    .option('--holdout <fraction>', "share of the single sentences held out (stratified, seeded) for the card's figures (0 = none)", '0.2')
    .option('--heldout-out <file>', 'also write the held-out sentences there as JSON lines (for worthiness-eval)')
    .addHelpText(
      'after',
      `
The bundled model is rebuilt from ../shared/datasets by npm run train:worthiness.

Examples:
  $ credence claims worthiness-train --data sentences.jsonl.gz --out my-worthiness.cdm
  $ credence claims worthiness-train --data a.jsonl.gz --data debates.jsonl.gz --exclude test.jsonl.gz --heldout-out /tmp/heldout.jsonl --out my.cdm`,
    )
    .action(run(async () => (await import('./claims-train.js')).claimsWorthinessTrain));

  program
    .command('quotes-eval')
    .description('Score the quote and speaker finder on hand-annotated articles: direct quotes and indirect attributions apart.')
    .requiredOption('-d, --data <file>', 'JSON lines {"id", "text", "quotes": [{"start", "end", "speaker", "speakerStart", "speakerEnd", "direct"}]} (plain or gzipped)')
    .option('--json', 'print one JSON object: {direct: {precision, recall, f1, speakerAccuracy}, indirect: {...}}')
    .option('--ner-model <file>', 'entity recogniser used to name speakers (default: the bundled model)')
    .addHelpText(
      'after',
      `
A quote is found when a predicted span overlaps a gold one by at least half of the longer of the two.
Its speaker is right when the predicted mention overlaps the gold one or names the same entity.

Examples:
  $ node bench/gold-quotes.js eval/quotes/test-a.jsonl eval/quotes/test-b.jsonl > /tmp/quotes-test.jsonl
  $ credence quotes-eval --data /tmp/quotes-test.jsonl --json`,
    )
    .action(run(async () => (await import('./quotes-eval.js')).quotesEval));

  addClickbaitCommands(program, run);
  addFactcheckCommands(program, run);
  addNerCommands(program, run);

  try {
    // --debug is read above; taken out here so that it may follow a subcommand's own options.
    await program.parseAsync(argv.filter((a) => a !== '--debug'), { from: 'user' });
  } catch (err) {
    return reportFailure(err, io, debug);
  }
  return exit;
}

function reportFailure(thrown: unknown, io: Io, debug: boolean): number {
  const err = storeFailure(thrown) ?? thrown;
  if (err instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const c = coloursFor(io, 'stderr');
  if (err instanceof CredenceError) {
    io.stderr.write(`credence: ${c.red('error')}: ${formatWhere(err.where)}${err.message}\n`);
    if (debug && err.stack !== undefined) io.stderr.write(err.stack + '\n');
    return err instanceof UsageError ? EXIT.usage : EXIT.skipped;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.stderr.write(`credence: internal error, please report it: ${e.message}\n${e.stack ?? ''}\n`);
  return EXIT.internal;
}
