import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse';
import { fixture, read, readStdin } from './helpers.js';

describe('CSV and TSV', () => {
  it('sniffs a CSV or TSV table with a header naming the text column on stdin, and leaves prose alone', async () => {
    const csv = await readStdin('id,title,text,label\n1,Bus routes approved,"The council approved new routes, officials said.",0\n2,Moon cheese,The moon is cheese.,1\n');
    expect(csv.articles.map((a) => [a.id, a.title, a.label])).toEqual([
      ['1', 'Bus routes approved', 'reliable'],
      ['2', 'Moon cheese', 'unreliable'],
    ]);
    const tsv = await readStdin('title\tbody\nBus routes approved\tThe council approved new routes.\n');
    expect(tsv.articles.map((a) => a.body)).toEqual(['The council approved new routes.']);
    // A title that happens to read like a header is followed by a blank line, not by a row.
    const prose = await readStdin('Text, lies\n\nAn article about text and lies, and what the mayor said.\n');
    expect(prose.articles.map((a) => a.title)).toEqual(['Text, lies']);
  });

  it('reads a header, maps the usual column names and keeps the rest in meta', async () => {
    const file = fixture('csv', 'articles.csv');
    const { articles, errors, warnings } = await read(file);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(articles[0]).toMatchObject({
      title: 'Town hall clock fixed',
      body: 'The town hall clock, silent since March, chimed again on Monday.\n\nA local watchmaker repaired it for free.',
      label: 'reliable',
      sourceLabel: '0',
      author: 'Ruth Ames',
      url: 'https://example.org/clock',
      published: '2021-05-03',
      site: 'Example Gazette',
      meta: { topic: 'local' },
      origin: { file, line: 2, record: 1 },
    });
    expect(articles[1]).toMatchObject({ title: 'Mayor "bans" umbrellas, says satire site', label: 'unreliable', origin: { line: 5, record: 2 } });
    expect(articles[1]!.author).toBeUndefined();
    expect(articles[2]).toMatchObject({ origin: { line: 6, record: 3 }, meta: { topic: 'transport' } });
  });

  it('reads TSV with its own column names and quoted tabs', async () => {
    const { articles, errors } = await read(fixture('csv', 'headlines.tsv'));
    expect(errors).toEqual([]);
    expect(articles.map((a) => [a.id, a.title, a.label])).toEqual([
      ['t-1', 'Tabs are fine', 'reliable'],
      ['t-2', 'Second tab row', 'unreliable'],
    ]);
    expect(articles[1]!.body).toBe('A quoted field\twith a tab in it.');
  });

  it('maps columns the user names', async () => {
    const { articles } = await read(fixture('csv', 'no-text.csv'), { columns: { body: 'headline', label: 'verdict' } });
    expect(articles[0]).toMatchObject({ body: 'Only headlines here', label: 'reliable' });
    expect(articles[0]!.title).toBe('');
  });

  it('throws a UsageError with a did-you-mean for a column that is not in the header', async () => {
    const file = fixture('csv', 'articles.csv');
    await expect(read(file, { columns: { title: 'titel' } })).rejects.toMatchObject({
      name: 'UsageError',
      code: 'E_COLUMN',
      message: `${file}: column "titel" (given for title) is not there (did you mean "title"?); the columns are "id", "title", "text", "label", "author", "url", "date", "source", "topic"`,
    });
  });

  it('throws a UsageError when no column holds the text', async () => {
    await expect(read(fixture('csv', 'no-text.csv'))).rejects.toThrow(/expected a column with the article text .*; got "id", "headline", "verdict"; name it with --body-col \(columns\.body in a config or in code\)/);
  });

  describe('a broken row in the middle', () => {
    it('costs that row only when its quote is never closed', async () => {
      const file = fixture('csv', 'broken-quote.csv');
      const { articles, errors } = await read(file);
      expect(articles.map((a) => a.id)).toEqual(['1', '3', '4']);
      expect(articles[1]!.body).toBe('This row comes after the broken one, "quoted" words included.');
      expect(errors.map((e) => e.describe())).toEqual([
        `${file}:3: expected a CSV record; got a broken one: a quoted field is never closed (reading resumes on the next line)`,
      ]);
    });

    it('costs that row only when a closing quote is followed by text', async () => {
      const file = fixture('csv', 'stray-quote.csv');
      const { articles, errors } = await read(file);
      expect(articles.map((a) => a.id)).toEqual(['1', '3']);
      expect(errors.map((e) => [e.code, e.where.line])).toEqual([['E_PARSE', 3]]);
      expect(errors[0]!.message).toMatch(/a closing quote is followed by more text instead of a delimiter/);
    });

    it('costs that row only when it has the wrong number of fields', async () => {
      const file = fixture('csv', 'wrong-count.csv');
      const { articles, errors } = await read(file);
      expect(articles.map((a) => a.id)).toEqual(['1', '3']);
      expect(errors.map((e) => e.describe())).toEqual([`${file}:3: expected 4 fields, as in the header; got 5 fields`]);
    });

    it('resumes after a quote that swallows many lines, even in a big file', async () => {
      const rows = Array.from({ length: 2000 }, (_, i) => `${i},Title ${i},"Body ${i}, with a comma.",${i % 2}`);
      rows[1000] = '1000,"Unclosed title,Body,0';
      const { articles, errors } = await readStdin(`id,title,text,label\n${rows.join('\n')}\n`, { format: 'csv' });
      expect(articles).toHaveLength(1999);
      expect(errors.map((e) => e.where.line)).toEqual([1002]);
    });

    // Why table-rows.ts frames records itself: csv-parse alone loses the row after an unclosed
    // quote. If this starts failing, csv-parse has learned to recover and the framing could go.
    it('is more than csv-parse alone recovers from', async () => {
      const parser = parse({ skip_records_with_error: true, relax_column_count: true });
      const records: string[][] = [];
      parser.on('data', (record: string[]) => records.push(record));
      const done = new Promise((resolve) => parser.on('end', resolve));
      parser.end('id,title\n1,fine\n2,"unclosed\n3,"quoted"\n4,fine\n');
      await done;
      expect(records.map((r) => r[0])).toEqual(['id', '1', '4']); // row 3 is gone
    });
  });

  it('reports a file with no header row', async () => {
    const { errors } = await readStdin('\n\n', { format: 'csv' });
    expect(errors.map((e) => e.message)).toEqual(['expected a header row; got an empty file']);
  });

  it('reads CRLF line endings, inside quoted fields too', async () => {
    const { articles } = await readStdin('title,text\r\nWindows,"Two\r\nlines"\r\n', { format: 'csv' });
    expect(articles[0]).toMatchObject({ title: 'Windows', body: 'Two\nlines' });
  });
});
