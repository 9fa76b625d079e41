import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, read, readStdin } from './helpers.js';

describe('HTML', () => {
  it('takes the main text with Readability and the metadata from JSON-LD first', async () => {
    const { articles, errors, warnings } = await read(fixture('html', 'json-ld.html'));
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(articles[0]).toMatchObject({
      id: 'json-ld.html:1',
      title: 'Dam inspection finds no cracks',
      author: 'Priya Nair',
      published: '2022-06-14T08:30:00+01:00',
      site: 'Example Daily',
      url: 'https://example.org/2022/dam-inspection',
    });
    expect(articles[0]!.body).toBe(
      [
        'Engineers who inspected the Tallow Creek dam last week found no cracks in the wall, the water authority said on Tuesday.',
        'The inspection was ordered after residents reported damp patches on the downstream face of the dam in May.',
        '"The structure is sound," chief engineer Marta Olsen said.\n"We will check it again in the autumn."',
      ].join('\n\n'),
    );
  });

  it('falls back to OpenGraph and <meta> without JSON-LD', async () => {
    const [article] = (await read(fixture('html', 'opengraph.html'))).articles;
    expect(article).toMatchObject({
      title: 'Night buses return to the city centre',
      author: 'Colm Byrne',
      published: '2023-01-20T18:00:00Z',
      site: 'Example Evening News',
      url: 'https://example.com/night-buses',
    });
    expect(article!.body.split('\n\n')).toHaveLength(2);
  });

  it('falls back to <title> without either', async () => {
    const [article] = (await read(fixture('html', 'title-only.htm'))).articles;
    expect(article).toMatchObject({ title: 'Allotment waiting list closes' });
    expect(article!.body).toMatch(/^The council has closed the allotment waiting list/);
    expect(article!.author).toBeUndefined();
  });

  it('sniffs HTML on stdin and warns when a page has no title', async () => {
    const { articles, warnings } = await readStdin('<!doctype html><html><body><p>A page with text but no title at all.</p></body></html>');
    expect(articles[0]).toMatchObject({ title: '', body: 'A page with text but no title at all.' });
    expect(warnings.map((w) => w.code)).toEqual(['E_EMPTY']);
  });

  it('reads a fragment or bare text in an .html file, and a page nested deeper than Readability copes with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-html-'));
    try {
      const file = (name: string, text: string) => {
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      };
      const fragment = await read(file('fragment.html', '<p>Hello, the mayor said. He was sure of it.</p>'));
      expect(fragment.articles[0]!.body).toBe('Hello, the mayor said. He was sure of it.');
      const bare = await read(file('bare.html', 'hello there'));
      expect(bare.articles[0]!.body).toBe('hello there');
      // 20,000 nested elements overflowed Readability's stack; 2,000 took over a minute.
      const deep = await read(file('deep.html', `<html><body>${'<div>'.repeat(20_000)}<p>Deep text, the mayor said.</p>${'</div>'.repeat(20_000)}</body></html>`));
      expect(deep.articles[0]!.body).toBe('Deep text, the mayor said.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a page without text as E_EMPTY', async () => {
    const { articles, errors } = await readStdin('<html><head><title>Empty</title></head><body><script>x()</script></body></html>');
    expect(articles).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual(['E_EMPTY']);
  });
});
