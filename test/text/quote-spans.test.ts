import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from '../../src/text/quote-spans.js';

const quoted = (t: string) => findQuoteSpans(t).map((q) => t.slice(q.start, q.end));

describe('findQuoteSpans', () => {
  it('finds curly and straight double quotes without their marks', () => {
    expect(quoted('“We will win,” he said. She said "not today" and left.')).toEqual(['We will win,', 'not today']);
  });

  it('keeps a quote split by "he said" as two quotes', () => {
    expect(quoted('"We will win," he said, "and soon."')).toEqual(['We will win,', 'and soon.']);
  });

  it('joins a quote that runs over paragraphs into one', () => {
    const t = '“The first part of it.\n\n“The second part,” she said.';
    const qs = findQuoteSpans(t);
    expect(qs).toHaveLength(1);
    expect(t.slice(qs[0]!.start, qs[0]!.end)).toBe('The first part of it.\n\n“The second part,');
    expect(qs[0]!.paragraphs).toBe(2);
    expect(qs[0]!.closed).toBe(true);
  });

  it('ends a quote that never closes at the end of its paragraph', () => {
    const t = 'He said “this never ends\n\nNext paragraph here.';
    const qs = findQuoteSpans(t);
    expect(qs.map((q) => [t.slice(q.start, q.end), q.closed])).toEqual([['this never ends', false]]);
  });

  it('keeps apostrophes as apostrophes and takes single quotes that close in the paragraph', () => {
    expect(quoted("Tajikistan’s police, the officers’ union and rock 'n' roll.")).toEqual([]);
    expect(quoted('Trump says ‘no deal’ on trade')).toEqual(['no deal']);
    expect(quoted("Headline: 'We are coming' says the colonel")).toEqual(['We are coming']);
  });

  it('joins a British single-quoted passage over paragraphs, and drops a single mark that never closes', () => {
    const t = '‘They never sleep,’ he said. ‘Not at night.\n\n‘Not in the day either.’\n\nThe ‘90s were quieter.';
    expect(quoted(t)).toEqual(['They never sleep,', 'Not at night.\n\n‘Not in the day either.']);
    expect(quoted('He said ‘this never closes\n\nand this paragraph has no mark.')).toEqual([]);
  });

  it('ignores single marks inside a double quote', () => {
    expect(quoted('“He told me ‘go home’ twice,” she said.')).toEqual(['He told me ‘go home’ twice,']);
  });

  it('reads German „…“ quotes', () => {
    expect(quoted('Er sagte: „Wir kommen.“ Dann ging er.')).toEqual(['Wir kommen.']);
  });

  it('stays linear and sensible on 10,000 marks in a row and on a huge unpunctuated paragraph', () => {
    const marks = '"'.repeat(10_000) + ' tail “open';
    const t0 = performance.now();
    const qs = findQuoteSpans(marks);
    const para = 'word '.repeat(200_000);
    const qs2 = findQuoteSpans('“' + para);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(qs.length).toBeLessThanOrEqual(1);
    expect(qs2).toHaveLength(1);
    expect(qs2[0]!.closed).toBe(false);
  });

  it('stays linear on a long paragraph of single-quoted tokens with no spaces (minified JSON)', () => {
    const json = '{' + Array.from({ length: 60_000 }, (_, i) => `'k${i}':'v${i}'`).join(',') + '}';
    const t0 = performance.now();
    findQuoteSpans(json);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('does not call empty or punctuation-only marks quotes', () => {
    expect(quoted('He said "" and “…” and "?"')).toEqual([]);
  });
});
