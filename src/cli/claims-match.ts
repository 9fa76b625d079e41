/**
 * `credence claims match "TEXT"`: has this been fact-checked before? Stored fact-checks that check
 * TEXT, best first, each stated as a match (score ≥ --confirm) or suggested for a person to confirm
 * (score ≥ --suggest). Exit 0 whether or not anything matched.
 *
 * Registration: `.argument('<text>', 'the sentence or claim to look up')` and these flags:
 *   --db <dir>             the store folder (default: $CREDENCE_DB, else $XDG_DATA_HOME/credence or ~/.local/share/credence)
 *   -n, --limit <n>        at most this many matches (default 5)
 *   --suggest <score>      show for confirmation at or above this score, 0..1 (default 0.3)
 *   --confirm <score>      state as a match at or above this score, 0..1 (default 0.7)
 *   --short-words <n>      texts with fewer content words than this are short (default 5)...
 *   --short-margin <x>     ...and need both thresholds raised by this much (default 0.1)
 *   --since <date>         only fact-checks published on or after this date (YYYY-MM-DD)
 *   --language <code>      only fact-checks in this language (or with none recorded), e.g. en
 *   -f, --format <format>  text or jsonl (default text)
 *   --all                  also list candidates below --suggest (marked "below")
 */
import { UsageError } from '../article/errors.js';
import { MATCH_DEFAULTS, matchClaims, type MatchOptions } from '../store/match.js';
import { Store, storeDir } from '../store/store.js';
import { isoDateFlag, positiveInt } from './factchecks-search.js';
import { coloursFor, EXIT, type Io } from './io.js';

export interface ClaimsMatchFlags {
  db?: string;
  limit?: string;
  suggest?: string;
  confirm?: string;
  shortWords?: string;
  shortMargin?: string;
  since?: string;
  language?: string;
  format?: string;
  all?: boolean;
}

function unitFlag(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1) throw new UsageError('E_USAGE', `${flag} expects a number from 0 to 1, got "${value}"`);
  return x;
}

/** The matcher's options from the command's flags (checked). */
export function matchOptions(flags: ClaimsMatchFlags): MatchOptions {
  const suggest = unitFlag(flags.suggest, MATCH_DEFAULTS.suggest, '--suggest');
  const confirm = unitFlag(flags.confirm, MATCH_DEFAULTS.confirm, '--confirm');
  if (confirm < suggest) throw new UsageError('E_USAGE', `--confirm (${confirm}) must be at least --suggest (${suggest})`);
  const opts: MatchOptions = {
    limit: positiveInt(flags.limit, MATCH_DEFAULTS.limit, '--limit'),
    suggest,
    confirm,
    shortWords: positiveInt(flags.shortWords, MATCH_DEFAULTS.shortWords, '--short-words'),
    shortMargin: unitFlag(flags.shortMargin, MATCH_DEFAULTS.shortMargin, '--short-margin'),
  };
  const since = isoDateFlag(flags.since, '--since');
  if (since !== undefined) opts.since = since;
  if (flags.language !== undefined) opts.language = flags.language;
  if (flags.all === true) opts.all = true;
  return opts;
}

export async function claimsMatch(io: Io, text: string, flags: ClaimsMatchFlags): Promise<number> {
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'jsonl') throw new UsageError('E_USAGE', `--format expects text or jsonl, got "${format}"`);
  const opts = matchOptions(flags);
  if (!/[\p{L}\p{N}]/u.test(text)) throw new UsageError('E_USAGE', 'the text to match has no words');
  const store = Store.open(storeDir(flags.db, io.env));
  try {
    let matches = matchClaims(store, text, opts);
    if (opts.all === true) matches = matches.slice(0, opts.limit);
    const c = coloursFor(io, 'stdout');
    for (const m of matches) {
      if (format === 'jsonl') {
        const { factCheck, ...rest } = m;
        io.stdout.write(JSON.stringify({ ...rest, score: Math.round(m.score * 1e4) / 1e4, bm25: Math.round(m.bm25 * 1e4) / 1e4, claim: factCheck.claim, factCheck }) + '\n');
        continue;
      }
      const tag = m.level === 'confirm' ? c.green('match    ') : m.level === 'suggest' ? c.yellow('possible ') : c.dim('below    ');
      const meta = [m.verdict + (m.verdictText !== undefined && m.verdictText !== m.verdict ? ` (${m.verdictText})` : ''), m.publisher, m.date].filter((x) => x !== undefined).join(' · ');
      io.stdout.write(`${tag}${m.score.toFixed(2)}  ${m.factCheck.claim.replace(/\s+/g, ' ')}\n               ${c.dim(meta)}${m.url !== undefined ? '  ' + m.url : ''}\n`);
    }
    if (matches.length === 0 && format === 'text') {
      const hint = opts.all === true ? 'no stored fact-check shares a word with it' : 'try --all to see the nearest';
      io.stderr.write(`credence: no fact-check matches this text (${store.factChecks.count()} stored; ${hint})\n`);
    }
  } finally {
    store.close();
  }
  return EXIT.ok;
}
