import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/ingest/formats/record.js';
import { fixture, read, readStdin } from './helpers.js';

const isLabel = (code: string) => ['0', '1', 'fake', 'real'].includes(code.toLowerCase());
const EXAMPLE = '/work/shared/examples/record-example.txt';

describe('record format', () => {
  it('reads title, gold label, id and body paragraphs', async () => {
    const { articles, errors, warnings } = await read(fixture('record', 'basic.txt'));
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(articles).toHaveLength(1);
    const [article] = articles;
    expect(article).toMatchObject({
      id: '1042',
      title: 'Harbour town opens its first public library in forty years',
      label: 'reliable',
      sourceLabel: '0',
      origin: { file: fixture('record', 'basic.txt'), line: 1, record: 1 },
      meta: {},
    });
    expect(article!.body.split('\n\n')).toHaveLength(2);
    expect(article!.body).toMatch(/^The town council of Kelsby Harbour/);
  });

  it('tolerates a BOM, CRLF, trailing spaces and several blank lines between blocks', async () => {
    const [article] = (await read(fixture('record', 'messy.txt'))).articles;
    expect(article).toMatchObject({ id: '2207', title: 'Ferry service resumes after strike', label: 'unreliable', sourceLabel: '1' });
    expect(article!.body).toBe('The ferry union and the operator agreed a new contract late on Monday.\n\nSailings resume on Wednesday morning.');
  });

  it('joins a title over several lines with a space', async () => {
    const [article] = (await read(fixture('record', 'multiline-title.txt'))).articles;
    expect(article!.title).toBe('Scientists say the comet seen over the valley was a piece of an old weather satellite');
    expect(article).toMatchObject({ id: 'sat-77', label: 'unreliable' });
  });

  it('reads title and body when the metadata block is missing', () => {
    const parsed = parseRecord('Rail line reopens\n\nEngineers finished the repairs.\n\nTrains run on Monday.\n', isLabel);
    expect(parsed.title.value).toBe('Rail line reopens');
    expect(parsed.body.value).toBe('Engineers finished the repairs.\n\nTrains run on Monday.');
    expect(parsed.label).toBeUndefined();
    expect(parsed.id).toBeUndefined();
  });

  it('takes a one-line metadata block for a label when it looks like one', async () => {
    const [article] = (await read(fixture('record', 'label-only.txt'), { format: 'record' })).articles;
    expect(article).toMatchObject({ label: 'unreliable', sourceLabel: 'fake', id: 'label-only.txt:1' });
  });

  it('takes a one-line metadata block for an id otherwise', async () => {
    const [article] = (await read(fixture('record', 'id-only.txt'))).articles;
    expect(article).toMatchObject({ id: 'A-77', title: 'Council approves new cycle lanes' });
    expect(article!.label).toBeUndefined();
  });

  it('applies a label map to the label line', async () => {
    const [article] = (await read(fixture('record', 'basic.txt'), { labelMap: { '0': 'unreliable', '1': 'reliable' } })).articles;
    expect(article).toMatchObject({ label: 'unreliable', sourceLabel: '0' });
  });

  it('reports an unknown label with its line, and skips the article', async () => {
    const { articles, errors } = await read(fixture('record', 'unknown-label.txt'));
    expect(articles).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('E_FIELD');
    expect(errors[0]!.describe()).toBe(
      `${fixture('record', 'unknown-label.txt')}:3: field "label": expected one of 0, 1, reliable, unreliable, real, fake, true, false; got "maybe"`,
    );
  });

  it('with unknownLabels "warn", reads the article without a label and warns instead', async () => {
    const { articles, errors, warnings } = await read(fixture('record', 'unknown-label.txt'), { unknownLabels: 'warn' });
    expect(errors).toEqual([]);
    expect(articles).toHaveLength(1);
    expect(articles[0]!.label).toBeUndefined();
    expect(articles[0]!.sourceLabel).toBe('maybe');
    expect(warnings.map((w) => w.describe())).toEqual([
      `${fixture('record', 'unknown-label.txt')}:3: field "label": expected one of 0, 1, reliable, unreliable, real, fake, true, false; got "maybe" (the article is read without a gold label)`,
    ]);
  });

  it('reports a record without a body as E_EMPTY', async () => {
    const { articles, errors } = await read(fixture('record', 'empty-body.txt'));
    expect(articles).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual(['E_EMPTY']);
  });

  it('is told from plain text by its metadata block when sniffed from stdin', async () => {
    const { articles } = await readStdin('Ferry returns\n\n1\n88\n\nThe ferry is back.\n');
    expect(articles[0]).toMatchObject({ id: '88', label: 'unreliable', title: 'Ferry returns', origin: { file: '<stdin>' } });
  });

  it.skipIf(!existsSync(EXAMPLE))('reads the shared example record', async () => {
    const { articles, errors } = await read(EXAMPLE);
    expect(errors).toEqual([]);
    expect(articles[0]).toMatchObject({
      title: 'Commander of elite Tajik police force defects to Islamic State',
      label: 'reliable',
      sourceLabel: '0',
      id: '163',
    });
    expect(articles[0]!.body.length).toBeGreaterThan(500);
  });
});
