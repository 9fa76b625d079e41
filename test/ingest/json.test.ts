import { describe, expect, it } from 'vitest';
import { fixture, read, readStdin } from './helpers.js';

describe('JSON documents', () => {
  it('reads one article object', async () => {
    const { articles } = await read(fixture('json', 'one.json'));
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ id: 'single-1', label: 'reliable', sourceLabel: 'real', origin: { record: 1 } });
  });

  it('reads an array of articles, reporting the items that are not objects', async () => {
    const file = fixture('json', 'many.json');
    const { articles, errors } = await read(file);
    expect(articles.map((a) => a.id)).toEqual(['m-1', 'm-3']);
    expect(errors.map((e) => e.describe())).toEqual([`${file}: record 2: expected an article object; got a string`]);
  });

  it('sniffs a pretty-printed object on stdin as one document', async () => {
    const { articles } = await readStdin('{\n  "title": "Pretty",\n  "text": "Printed over lines."\n}\n');
    expect(articles[0]).toMatchObject({ title: 'Pretty', body: 'Printed over lines.' });
  });

  it('reports a document that is not JSON', async () => {
    const { errors } = await readStdin('[{"title": "x",\n');
    expect(errors[0]!.describe()).toMatch(/^<stdin>: expected a JSON document; got invalid JSON/);
  });
});
