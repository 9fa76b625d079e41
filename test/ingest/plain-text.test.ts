import { describe, expect, it } from 'vitest';
import { fixture, read, readStdin } from './helpers.js';

describe('plain text', () => {
  it('takes the first line for the title and keeps the paragraphs of the rest', async () => {
    const { articles, errors } = await read(fixture('text', 'note.txt'));
    expect(errors).toEqual([]);
    expect(articles[0]).toMatchObject({ id: 'note.txt:1', title: 'Volunteers plant two thousand trees along the river' });
    expect(articles[0]!.body).toBe(
      'Volunteers from three schools planted two thousand saplings along the river bank on Sunday, the parks department said.\n' +
        'The project is part of a plan to reduce flooding in the lower town.\n\n' +
        'Organisers hope to plant another thousand next spring.',
    );
    expect(articles[0]!.label).toBeUndefined();
  });

  it('strips the heading marks of a Markdown title', async () => {
    const [article] = (await read(fixture('text', 'story.md'))).articles;
    expect(article!.title).toBe('Local bakery wins national bread award');
  });

  it('does not mistake a one-word heading for a record id', async () => {
    const [article] = (await read(fixture('text', 'heading-intro.txt'))).articles;
    expect(article!.title).toBe('A guide to the new recycling rules');
    expect(article!.body).toMatch(/^Introduction\n\nFrom next month/);
  });

  it('reads a title running straight into its body', async () => {
    const [article] = (await readStdin('Short note\nThe body follows on the next line.\n')).articles;
    expect(article).toMatchObject({ title: 'Short note', body: 'The body follows on the next line.', id: 'stdin:1' });
  });

  it('reports a file with only a title as E_EMPTY', async () => {
    const { articles, errors } = await readStdin('Just a title\n');
    expect(articles).toEqual([]);
    expect(errors[0]!.code).toBe('E_EMPTY');
  });
});
