import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixture, read, readStdin, scratch } from './helpers.js';

const COAID = '/work/shared/datasets/coaid/data.jsonl.gz';

describe('JSON Lines', () => {
  it('reads the shared datasets’ layout', async () => {
    const file = fixture('jsonl', 'shared-layout.jsonl');
    const { articles, errors, warnings } = await read(file);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual(['demo/Real/0', 'demo/Fake/1', 'demo/Real/2']);
    expect(articles[0]).toMatchObject({
      title: 'Clinic extends opening hours for winter',
      label: 'reliable',
      sourceLabel: 'Real',
      url: 'https://example.org/clinic-hours',
      author: 'Ana Ruiz, Lee Park',
      published: '2020-10-02T09:00:00Z',
      site: 'Example Herald',
      meta: { type: 'article' },
      origin: { file, line: 1, record: 1 },
    });
    expect(articles[1]).toMatchObject({ label: 'unreliable', sourceLabel: 'Fake', meta: { type: 'post' } });
    expect(articles[1]!.author).toBeUndefined();
    expect(articles[1]!.published).toBeUndefined();
  });

  it('applies a label map to source_label, the original code', async () => {
    const { articles } = await read(fixture('jsonl', 'shared-layout.jsonl'), { labelMap: { Real: 'unreliable', Fake: 'reliable' } });
    expect(articles.map((a) => [a.label, a.sourceLabel])).toEqual([
      ['unreliable', 'Real'],
      ['reliable', 'Fake'],
      ['unreliable', 'Real'],
    ]);
  });

  it('accepts body and content for the text, numeric labels and Unix dates, and keeps unknown fields in meta', async () => {
    const { articles, errors } = await read(fixture('jsonl', 'variants.jsonl'));
    expect(errors).toEqual([]);
    expect(articles[0]).toMatchObject({
      title: 'Body key variant',
      body: 'This record keeps its text under body.',
      label: 'reliable',
      sourceLabel: '0',
      author: 'Kim Lo',
      published: '2017-04-06T05:00:00.000Z',
      id: 'variants.jsonl:1',
    });
    expect(articles[1]).toMatchObject({ body: 'This record keeps its text under content.', label: 'unreliable', site: 'Example Times', meta: { topic: 'health', score: 0.4 } });
    expect(articles[2]!.label).toBeUndefined();
  });

  it('reports each bad line with its number and reads the others', async () => {
    const file = fixture('jsonl', 'bad-lines.jsonl');
    const { items, articles } = await read(file);
    expect(articles.map((a) => a.id)).toEqual(['ok-1', 'no-title', 'ok-2']);
    const problems = items.flatMap((item) => (item.kind === 'article' ? [] : [`${item.kind} ${item.error.code} ${item.error.describe()}`]));
    expect(problems[0]).toMatch(new RegExp(`^error E_PARSE ${file}:2: expected a JSON object; got invalid JSON \\(`));
    expect(problems.slice(1)).toEqual([
      `error E_PARSE ${file}:3: expected a JSON object; got an array`,
      `error E_FIELD ${file}:5: field "label": expected one of 0, 1, reliable, unreliable, real, fake, true, false; got "maybe"`,
      `error E_EMPTY ${file}:6: field "text": expected the article body; got an empty value`,
      `warning E_EMPTY ${file}:7: field "title": expected a title; got an empty value (the article is read with an empty title)`,
    ]);
    // The warning comes just before the article it is about.
    const warningAt = items.findIndex((item) => item.kind === 'warning');
    expect(items[warningAt + 1]).toMatchObject({ kind: 'article', article: { id: 'no-title', title: '' } });
  });

  it('says what a text or label field held when it held no text, instead of calling it empty', async () => {
    const { errors } = await readStdin(
      [
        JSON.stringify({ id: 'a', title: 'A', text: { nested: true } }),
        JSON.stringify({ id: 'b', title: 'B', text: 'A body that is fine.', label: { a: 1 } }),
      ].join('\n') + '\n',
    );
    expect(errors.map((e) => e.describe())).toEqual([
      '<stdin>:1: field "text": expected the article body as text; got an object without text',
      '<stdin>:2: field "label": expected one of 0, 1, reliable, unreliable, real, fake, true, false; got an object without text',
    ]);
  });

  it('throws a UsageError with a did-you-mean for a column override that is not there', async () => {
    await expect(read(fixture('jsonl', 'shared-layout.jsonl'), { columns: { body: 'txet' } })).rejects.toThrow(
      /column "txet" \(given for body\) is not there \(did you mean "text"\?\)/,
    );
  });

  it('detects gzip by its magic bytes, whatever the file is called', async () => {
    const dir = scratch();
    const plain = join(dir, 'plain-name.jsonl');
    writeFileSync(plain, gzipSync('{"title": "Zipped", "text": "Gzip hides behind a plain name."}\n'));
    const fake = join(dir, 'not-really.jsonl.gz');
    writeFileSync(fake, '{"title": "Not zipped", "text": "A .gz name on plain text."}\n');
    expect((await read(plain)).articles[0]).toMatchObject({ title: 'Zipped' });
    expect((await read(fake)).articles[0]).toMatchObject({ title: 'Not zipped' });
  });

  it('reports a truncated gzip stream as an error item', async () => {
    const dir = scratch();
    const file = join(dir, 'cut.jsonl.gz');
    const whole = gzipSync(Buffer.from('{"title": "t", "text": "x"}\n'.repeat(2000)));
    writeFileSync(file, whole.subarray(0, whole.length - 40));
    const { errors, articles } = await read(file);
    expect(articles.length).toBeGreaterThan(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.describe()).toMatch(/expected gzip data; got a corrupt or truncated gzip stream/);
  });

  it('reports a line of invalid UTF-8 by its number and reads the others', async () => {
    const dir = scratch();
    const file = join(dir, 'latin1.jsonl');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('{"title": "Fine", "text": "Plain ASCII."}\n'),
        Buffer.from('{"title": "Caf\xe9", "text": "Latin-1 bytes."}\n', 'latin1'),
        Buffer.from('{"title": "Café", "text": "Real UTF-8."}\n'),
      ]),
    );
    const { articles, errors } = await read(file);
    expect(articles.map((a) => a.title)).toEqual(['Fine', 'Café']);
    expect(errors.map((e) => [e.code, e.where.line])).toEqual([['E_ENCODING', 2]]);
    expect(errors[0]!.message).toMatch(/^expected UTF-8 text; got bytes that are not valid UTF-8/);
  });

  it('keeps a "__proto__" key as data in meta', async () => {
    const [article] = (await readStdin('{"title": "t", "text": "x", "__proto__": {"polluted": true}}\n')).articles;
    expect(Object.getPrototypeOf(article!.meta)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(article!.meta, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('sniffs JSON Lines on stdin', async () => {
    const { articles } = await readStdin('{"title": "From a pipe", "text": "Read from stdin."}\n');
    expect(articles[0]).toMatchObject({ title: 'From a pipe', origin: { file: '<stdin>', line: 1 } });
  });

  it.skipIf(!existsSync(COAID))('reads the first records of the shared CoAID set', async () => {
    const articles = [];
    for await (const item of (await import('../../src/ingest/index.js')).readDataset(`jsonl:${COAID}`)) {
      if (item.kind === 'article') articles.push(item.article);
      if (articles.length === 5) break;
    }
    expect(articles).toHaveLength(5);
    for (const article of articles) {
      expect(['reliable', 'unreliable']).toContain(article.label);
      expect(['Real', 'Fake']).toContain(article.sourceLabel);
      expect(article.body.length).toBeGreaterThan(0);
      expect(article.origin.file).toBe(COAID);
    }
  });
});
