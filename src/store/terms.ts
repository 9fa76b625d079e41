/**
 * The store's own word forms. Text is indexed and queried as lower-case Porter stems of its letter
 * and digit runs, with diacritics removed, so that the full-text index, the query and the
 * re-ranker's features all see the same words. FTS5 itself only splits on spaces (unicode61 without
 * diacritic folding): the normalisation happens here, once, in one place.
 */
import { stem } from '../text/stem.js';

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Common English words that carry no matching signal; dropped from queries (still indexed). */
export const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its ' +
    'just me my no nor not of on or our out over she so than that the their them then there these they this those to too ' +
    'up us was we were what when where which while who whom why will with would you your rt via amp'
  ).split(' '),
);

/** The stems of the stopwords, to drop them from indexed stems. */
export const STOP_STEMS = new Set([...STOPWORDS].map(stem));

/** Lower-case, diacritic-free word runs of `text`, in order (not stemmed). */
export function words(text: string): string[] {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().match(WORD) ?? [];
}

/** The stems of `text`, in order, as the index stores them. */
export function terms(text: string): string[] {
  return words(text).map(stem);
}

/** The text the full-text index holds for `text`: its stems joined by spaces. */
export function indexText(text: string | null | undefined): string {
  return text === null || text === undefined ? '' : terms(text).join(' ');
}

/**
 * The distinct query stems of `text`, stopwords dropped (all of them kept if nothing else is left), at
 * most `max` in text order. A search takes them all: the posting budget keeps the rarest.
 */
export function queryTerms(text: string, max = Infinity): string[] {
  const all = words(text);
  const kept = all.filter((w) => !STOPWORDS.has(w));
  const out = new Set<string>();
  for (const w of kept.length > 0 ? kept : all) {
    out.add(stem(w));
    if (out.size >= max) break;
  }
  return [...out];
}

/**
 * An FTS5 MATCH expression that finds rows holding any of `stems`. Every term is a quoted string
 * (with `"` doubled, though stems never hold one), so no user text can reach FTS5 as syntax: NEAR,
 * AND, OR, NOT, `*`, `^`, `:` and parentheses are either stripped by `words` or quoted here.
 * Returns undefined when there is nothing to search for.
 */
export function ftsQuery(stems: readonly string[]): string | undefined {
  if (stems.length === 0) return undefined;
  return stems.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
}
