import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/ingest/index.js';
import { fixture, read, scratch } from './helpers.js';

describe('presets', () => {
  it('lists every preset', () => {
    expect([...PRESETS].sort()).toEqual(['fakenewsnet', 'isot', 'jsonl', 'kaggle-fake-news', 'liar', 'mcintire', 'welfake']);
  });

  describe('kaggle-fake-news', () => {
    it('reads train.csv: 0 is reliable, 1 unreliable; an empty title is a warning', async () => {
      const { articles, errors, warnings } = await read(`kaggle-fake-news:${fixture('presets', 'kaggle', 'train.csv')}`);
      expect(errors).toEqual([]);
      expect(articles.map((a) => [a.id, a.label, a.sourceLabel, a.author])).toEqual([
        ['0', 'reliable', '0', 'Dana Cole'],
        ['1', 'unreliable', '1', 'Anon Poster'],
        ['2', 'reliable', '0', 'Sam Hill'],
      ]);
      expect(warnings.map((w) => [w.where.line, w.where.field])).toEqual([[4, 'title']]);
    });

    it('reads test.csv, which has no label column, without labels', async () => {
      const { articles, errors } = await read(`kaggle-fake-news:${fixture('presets', 'kaggle', 'test.csv')}`);
      expect(errors).toEqual([]);
      expect(articles[0]).toMatchObject({ id: '20800', title: 'School term starts a week late' });
      expect(articles[0]!.label).toBeUndefined();
    });

  });

  it('refuses a file that does not fit, naming the preset, the file and the missing columns', async () => {
    const file = fixture('csv', 'no-text.csv');
    await expect(read({ preset: 'mcintire', path: file })).rejects.toMatchObject({
      name: 'UsageError',
      code: 'E_PRESET',
      message: `mcintire: ${file} does not fit the preset: missing "title", "text", "label"; the columns are "id", "headline", "verdict"`,
    });
  });

  describe('isot', () => {
    it('labels Fake.csv unreliable and True.csv reliable, from the file names', async () => {
      const fake = await read(`isot:${fixture('presets', 'isot', 'Fake.csv')}`);
      expect(fake.articles[0]).toMatchObject({ label: 'unreliable', sourceLabel: 'Fake', published: 'December 31, 2017', meta: { subject: 'politics' } });
      const real = await read(`isot:${fixture('presets', 'isot', 'True.csv')}`);
      expect(real.articles.map((a) => [a.label, a.sourceLabel, a.title])).toEqual([
        ['reliable', 'True', 'Parliament passes water bill'],
        ['reliable', 'True', 'Trade talks resume'],
      ]);
      expect(real.articles[0]!.id).toBe('True.csv:1');
    });

    it('reads both files of a folder', async () => {
      const { articles } = await read(`isot:${fixture('presets', 'isot')}`);
      expect(articles.map((a) => a.label)).toEqual(['unreliable', 'reliable', 'reliable']);
    });

    it('asks for a label map when the file name says neither', async () => {
      const file = join(scratch(), 'politics.csv');
      copyFileSync(fixture('presets', 'isot', 'True.csv'), file);
      await expect(read(`isot:${file}`)).rejects.toThrow(
        /^isot: cannot tell the label from the file name "politics.csv": expected one of Fake, True in it \(as in Fake.csv, True.csv\); for other names pass a label map such as --label-map politics=reliable$/,
      );
      const { articles } = await read(`isot:${file}`, { labelMap: { politics: 'reliable' } });
      expect(articles.map((a) => a.label)).toEqual(['reliable', 'reliable']);
    });
  });

  it('mcintire: reads the unnamed id column and FAKE/REAL labels', async () => {
    const { articles, errors } = await read(`mcintire:${fixture('presets', 'mcintire', 'fake_or_real_news.csv')}`);
    expect(errors).toEqual([]);
    expect(articles.map((a) => [a.id, a.label, a.sourceLabel])).toEqual([
      ['8476', 'unreliable', 'FAKE'],
      ['10294', 'reliable', 'REAL'],
    ]);
  });

  it('welfake: 0 is fake and 1 real, as the authors describe the file', async () => {
    const { articles } = await read(`welfake:${fixture('presets', 'welfake', 'WELFake_Dataset.csv')}`);
    expect(articles.map((a) => [a.id, a.label, a.title])).toEqual([
      ['0', 'reliable', 'Storm closes coastal road'],
      ['1', 'unreliable', 'Celebrity replaced by a clone fans say'],
    ]);
  });

  describe('liar', () => {
    const file = fixture('presets', 'liar', 'train.tsv');

    it('reads the headerless TSV: statement as body, no title and no warning about it, six labels made two', async () => {
      const { articles, warnings } = await read(`liar:${file}`);
      expect(warnings).toEqual([]);
      expect(articles.map((a) => [a.id, a.label, a.sourceLabel])).toEqual([
        ['101.json', 'unreliable', 'pants-fire'],
        ['102.json', 'reliable', 'half-true'],
        ['103.json', 'reliable', 'mostly-true'],
        ['105.json', 'reliable', 'true'],
      ]);
      expect(articles[0]).toMatchObject({ title: '', meta: { speaker: 'pat-lane', party: 'democrat', context: 'a radio interview' } });
      // A statement that starts with a quotation mark is text, not a quoted field.
      expect(articles[1]!.body).toBe('"We have cut the waiting list in half," the minister said of hospital queues.');
    });

    it('reports a line with the wrong number of columns', async () => {
      const { errors } = await read(`liar:${file}`);
      expect(errors.map((e) => e.describe())).toEqual([`${file}:4: expected 14 columns (the liar layout); got 12 columns`]);
    });

    it('also reads the shared LIAR set, which is JSON Lines with the same names', async () => {
      const jsonl = join(scratch(), 'train.jsonl');
      writeFileSync(jsonl, '{"id": "9.json", "label": "barely-true", "statement": "A claim.", "speaker": "x"}\n');
      const { articles, warnings } = await read(`liar:${jsonl}`);
      expect(warnings).toEqual([]);
      expect(articles[0]).toMatchObject({ id: '9.json', body: 'A claim.', label: 'unreliable', sourceLabel: 'barely-true', title: '' });
    });
  });

  describe('fakenewsnet', () => {
    const root = fixture('presets', 'fakenewsnet');

    it('walks <site>/<fake|real>/<id>/news content.json: label from the folder, id from the folder name', async () => {
      const { articles, errors } = await read(`fakenewsnet:${root}`);
      expect(errors).toEqual([]);
      expect(articles.map((a) => [a.id, a.label, a.sourceLabel, a.meta['collection']])).toEqual([
        ['gossipcop-5001', 'reliable', 'real', 'gossipcop'],
        ['politifact900', 'unreliable', 'fake', 'politifact'],
        ['politifact901', 'reliable', 'real', 'politifact'],
      ]);
      expect(articles[1]).toMatchObject({
        title: 'Governor vetoed every single bill',
        url: 'https://example.net/story/900',
        author: 'Staff Writer',
        published: '2018-01-01T00:00:00.000Z',
        site: 'https://example.net',
        meta: { canonical_link: 'https://example.net/story/900', meta_data: { og: { type: 'article' } } },
      });
      expect(articles[2]!.author).toBe('Mina Roy, Jon Hale');
      expect(articles[2]!.published).toBeUndefined();
    });

    it('reads one news content.json given directly', async () => {
      const { articles } = await read(`fakenewsnet:${join(root, 'politifact', 'fake', 'politifact900', 'news content.json')}`);
      expect(articles).toHaveLength(1);
      expect(articles[0]).toMatchObject({ id: 'politifact900', label: 'unreliable' });
    });
  });

  it('jsonl: reads the shared layout', async () => {
    const { articles } = await read(`jsonl:${fixture('jsonl', 'shared-layout.jsonl')}`);
    expect(articles).toHaveLength(3);
  });

  it('an unknown preset is a UsageError with a did-you-mean', async () => {
    await expect(read('kagle-fake-news:train.csv')).rejects.toMatchObject({
      name: 'UsageError',
      code: 'E_PRESET',
      message: expect.stringContaining('unknown preset "kagle-fake-news" in "kagle-fake-news:train.csv" (did you mean "kaggle-fake-news"?)'),
    });
  });
});
