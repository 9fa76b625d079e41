/**
 * `credence factchecks import|search|export`: the fact-check database. Registered on the main program
 * by addFactcheckCommands; each command's code is imported only when it runs.
 */
import type { Command } from 'commander';
import type { Io } from './io.js';

export type Run = <A extends unknown[]>(load: () => Promise<(io: Io, ...args: A) => Promise<number>>) => (...args: A) => Promise<void>;

const DB_HELP = 'the store folder (default: $CREDENCE_DB, else $XDG_DATA_HOME/credence or ~/.local/share/credence)';

export function addFactcheckCommands(program: Command, run: Run): void {
  const factchecks = program
    .command('factchecks')
    .description('The fact-check database: import ClaimReview JSON-LD and datasets, search it, export it.')
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `
The database is a SQLite file (credence.db) in the store folder: --db DIR, else $CREDENCE_DB, else
$XDG_DATA_HOME/credence (~/.local/share/credence). It is created and migrated on first use.

Examples:
  $ credence factchecks import claimreviews.json pages/*.html liar/train.jsonl.gz
  $ credence factchecks search "vaccines cause autism"
  $ credence factchecks export --format claimreview > factchecks.json`,
    );

  factchecks
    .command('import')
    .description('Import fact-checks: ClaimReview JSON-LD (object, array, @graph, or in HTML pages), Fact Check Tools API responses, LIAR TSV or JSON lines, verified-claim JSON lines.')
    .argument('<files...>', 'files to import (gzipped or not; the layout is read from the content)')
    .option('--db <dir>', DB_HELP)
    .addHelpText(
      'after',
      `
A fact-check imported again (same review URL; else same dataset id; else same publisher and claim
text) is updated, never duplicated. Bad records are reported one per line and skipped; the summary
counts imported, updated and skipped; the exit code is 2 when anything was skipped.

Examples:
  $ credence factchecks import claimreview.json
  $ credence factchecks import --db ./store page1.html page2.html api-response.json
  $ credence factchecks import ../shared/datasets/liar/train.jsonl.gz liar_dataset/test.tsv`,
    )
    .action(run(async () => (await import('./factchecks-import.js')).factchecksImport));

  factchecks
    .command('search')
    .description('Find stored fact-checks that share words with TEXT, best first (BM25).')
    .argument('<text>', 'the words to look for (any text: quotes and operators are taken as words)')
    .option('--db <dir>', DB_HELP)
    .option('-n, --limit <n>', 'how many fact-checks to show', '10')
    .option('-f, --format <format>', 'text or jsonl', 'text')
    .option('--since <date>', 'only fact-checks published on or after this date (YYYY-MM-DD)')
    .option('--language <code>', 'only fact-checks in this language (e.g. en)')
    .addHelpText(
      'after',
      `
Examples:
  $ credence factchecks search "5G towers spread the coronavirus"
  $ credence factchecks search --limit 3 --format jsonl "minimum wage"`,
    )
    .action(run(async () => (await import('./factchecks-search.js')).factchecksSearch));

  factchecks
    .command('export')
    .description('Write every stored fact-check as ClaimReview JSON-LD (a JSON array) on stdout.')
    .option('--db <dir>', DB_HELP)
    .option('-f, --format <format>', 'claimreview (a JSON array) or jsonl (one ClaimReview per line)', 'claimreview')
    .addHelpText(
      'after',
      `
The export can be imported again (by this or another Credence): each ClaimReview carries the
store's key as its identifier, so nothing is duplicated.

Examples:
  $ credence factchecks export --format claimreview > factchecks.json
  $ credence factchecks export --db ./store --format jsonl | gzip > factchecks.jsonl.gz`,
    )
    .action(run(async () => (await import('./factchecks-export.js')).factchecksExport));
}
