/**
 * `credence analyze` end to end: a model trained by the real CLI on invented data, then reports in every
 * format, and every kind of bad input with its exact stderr line and exit code.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNCIL, credence, expectNoStack, REPO, SHOUTING, tempFolder, trainTiny, writeJsonl } from './helpers.js';

interface ReportJson {
  schema: string;
  article: { id: string; title: string; label?: string; bodyStart: number; length: number; words: number };
  reliability: {
    pUnreliable: number;
    band: string;
    model: string;
    explanation: {
      features: { text: string; kind: string; weight: number; spans: { start: number; end: number }[] }[];
      sentences: { start: number; end: number; contribution: number }[];
    };
  };
}

const BANDS = ['likely reliable', 'uncertain', 'likely unreliable'];
let dir: string;
let remove: () => void;

beforeAll(() => {
  ({ dir, remove } = tempFolder());
  writeJsonl(join(dir, 'train.jsonl'), 60, 101);
  trainTiny(dir, 'train.jsonl');
  writeFileSync(join(dir, 'council.txt'), COUNCIL);
  writeFileSync(join(dir, 'shouting.txt'), SHOUTING);
});
afterAll(() => remove());

/** The article text a report's offsets point into, for a plain-text file: title, blank line, paragraphs. */
function textOf(file: string): string {
  const [title, ...paragraphs] = file.trim().split(/\n\s*\n/);
  return [title!, ...paragraphs.map((p) => p.trim())].join('\n\n');
}

function checkReport(r: ReportJson, text: string): void {
  expect(r.schema).toBe('credence.report/1');
  expect(r.article.length).toBe(text.length);
  expect(r.article.title).toBe(text.slice(0, text.indexOf('\n\n')));
  const { pUnreliable: p, band, explanation } = r.reliability;
  expect(p).toBeGreaterThanOrEqual(0);
  expect(p).toBeLessThanOrEqual(1);
  expect(band).toBe(p < 0.35 ? 'likely reliable' : p > 0.65 ? 'likely unreliable' : 'uncertain');
  expect(explanation.features.length).toBeGreaterThan(0);
  for (const f of explanation.features) {
    expect(typeof f.text).toBe('string');
    expect(Number.isFinite(f.weight)).toBe(true);
    for (const s of f.spans) {
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeLessThanOrEqual(text.length);
      expect(s.end).toBeGreaterThan(s.start);
      const surface = text.slice(s.start, s.end);
      if (f.kind === 'words' || f.kind === 'headline words') expect(surface.toLowerCase().replace(/\s+/g, ' ')).toBe(f.text);
      else if (f.kind === 'spelling') expect(surface.toLowerCase()).toBe(f.text);
      else if (f.kind === 'writing pattern') expect(surface).toBe(f.text);
      if (f.kind === 'headline words') expect(s.end).toBeLessThanOrEqual(r.article.bodyStart);
    }
  }
  expect(explanation.sentences.length).toBeGreaterThan(0);
  expect(explanation.sentences.length).toBeLessThanOrEqual(3);
  for (const s of explanation.sentences) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(text.length);
    expect(Number.isFinite(s.contribution)).toBe(true);
  }
}

describe('analyze: reports', () => {
  it('--format json prints one object with the article and an explained reliability score', () => {
    const run = credence(['analyze', 'council.txt', '--model', 'tiny.cdm', '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as ReportJson;
    expect(r.article.id).toBe('council.txt:1');
    expect(r.article.title).toBe('Council approves new bus routes');
    expect(r.article).not.toHaveProperty('label');
    checkReport(r, textOf(COUNCIL));
  });

  it('reports an article whose gold label it does not know, with a warning, rather than skipping it', () => {
    writeFileSync(join(dir, 'odd-label.json'), JSON.stringify({ title: 'Council approves new bus routes', text: textOf(COUNCIL), label: 'satire' }));
    const run = credence(['analyze', 'odd-label.json', '--model', 'tiny.cdm', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    expect(run.errLines).toEqual([expect.stringMatching(/odd-label\.json: record 1: field "label": expected one of .*; got "satire" \(the article is read without a gold label\)$/)]);
    expect((JSON.parse(run.stdout) as ReportJson).article.title).toBe('Council approves new bus routes');
  });

  it('scores the two styles apart: the sober article is more reliable than the shouting one', () => {
    const p = (file: string) => (JSON.parse(credence(['analyze', file, '--model', 'tiny.cdm', '--format', 'json'], dir).stdout) as ReportJson).reliability.pUnreliable;
    const sober = p('council.txt');
    const loud = p('shouting.txt');
    expect(sober).toBeLessThan(0.5);
    expect(loud).toBeGreaterThan(0.5);
  });

  it('--format json with several files prints one JSON line each, in order, and a summary on stderr', () => {
    const run = credence(['analyze', 'council.txt', 'shouting.txt', '--model', 'tiny.cdm', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    expect(run.errLines).toEqual(['credence: analysed 2 articles']);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const reports = lines.map((l) => JSON.parse(l) as ReportJson);
    expect(reports.map((r) => r.article.id)).toEqual(['council.txt:1', 'shouting.txt:1']);
    checkReport(reports[0]!, textOf(COUNCIL));
    checkReport(reports[1]!, textOf(SHOUTING));
  });

  it('--format jsonl gives the same reports as json, one per line', () => {
    const jsonl = credence(['analyze', 'council.txt', '--model', 'tiny.cdm', '--format', 'jsonl'], dir);
    const json = credence(['analyze', 'council.txt', '--model', 'tiny.cdm', '--format', 'json'], dir);
    expect(jsonl.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(jsonl.stdout)).toEqual(JSON.parse(json.stdout));
  });

  it('reads a labelled JSON Lines file and keeps the gold label in the report', () => {
    writeJsonl(join(dir, 'few.jsonl'), 5, 7);
    const run = credence(['analyze', 'few.jsonl', '--model', 'tiny.cdm', '--format', 'jsonl'], dir);
    expect(run.code).toBe(0);
    const reports = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as ReportJson);
    expect(reports).toHaveLength(5);
    expect(reports.map((r) => r.article.id)).toEqual([0, 1, 2, 3, 4].map((i) => `syn-7-${i}`));
    for (const r of reports) expect(['reliable', 'unreliable']).toContain(r.article.label);
  });

  it('--format csv prints a header and one RFC 4180 row per article', () => {
    const run = credence(['analyze', 'council.txt', 'shouting.txt', '--model', 'tiny.cdm', '--format', 'csv'], dir);
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['id', 'title', 'label', 'p_unreliable', 'band', 'headline_stance', 'claims', 'fact_checked', 'words', 'top_unreliable', 'top_reliable', 'language', 'direct_quotes', 'named_sources', 'anonymous_sources', 'checklist_fail', 'checklist_warn']);
    expect(rows.map((r) => r.id)).toEqual(['council.txt:1', 'shouting.txt:1']);
    expect(rows[1]!.title).toBe('SHOCKING: the TRUTH about the water plan!!');
    for (const r of rows) {
      expect(Number(r.p_unreliable)).toBeGreaterThanOrEqual(0);
      expect(Number(r.p_unreliable)).toBeLessThanOrEqual(1);
      expect(BANDS).toContain(r.band);
      expect(['agree', 'disagree', 'discuss', 'unrelated']).toContain(r.headline_stance);
      expect(r.claims).toMatch(/^\d+$/);
      expect(r.fact_checked).toBe(''); // no store searched
      expect(r.language).toBe('en');
      for (const k of ['direct_quotes', 'named_sources', 'anonymous_sources', 'checklist_fail', 'checklist_warn']) expect(r[k]).toMatch(/^\d+$/);
    }
    // the same numbers as the JSON report
    const json = JSON.parse(credence(['analyze', 'council.txt', '--model', 'tiny.cdm', '--format', 'json'], dir).stdout) as ReportJson;
    expect(Number(rows[0]!.p_unreliable)).toBe(json.reliability.pUnreliable);
    expect(Number(rows[0]!.words)).toBe(json.article.words);
  });

  it('prints a readable report by default, without colour codes under NO_COLOR', () => {
    const run = credence(['analyze', 'council.txt', '--model', 'tiny.cdm'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stdout.split('\n')[0]).toBe('Council approves new bus routes');
    expect(run.stdout).toMatch(/Reliability {2}(LIKELY RELIABLE|UNCERTAIN|LIKELY UNRELIABLE) .* \d+% chance unreliable/);
    expect(run.stdout).toContain('Sentences that weighed most');
    // without colour, highlighted n-grams are marked «…» (towards unreliable) or ‹…› (towards reliable)
    expect(run.stdout).toMatch(/[«‹][^»›]+[»›]/);
  });

  it('reads stdin for "-"', () => {
    const fromFile = credence(['analyze', 'council.txt', '--model', 'tiny.cdm', '--format', 'json'], dir);
    const fromStdin = credence(['analyze', '-', '--model', 'tiny.cdm', '--format', 'json'], dir, COUNCIL);
    expect(fromStdin.code).toBe(0);
    const a = JSON.parse(fromFile.stdout) as ReportJson;
    const b = JSON.parse(fromStdin.stdout) as ReportJson;
    expect(b.reliability).toEqual(a.reliability);
    expect(b.article.title).toBe(a.article.title);
  });

  it('reads a folder recursively', () => {
    mkdirSync(join(dir, 'folder', 'nested'), { recursive: true });
    writeFileSync(join(dir, 'folder', 'a.txt'), COUNCIL);
    writeFileSync(join(dir, 'folder', 'nested', 'b.txt'), SHOUTING);
    const run = credence(['analyze', 'folder', '--model', 'tiny.cdm', '--format', 'jsonl'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('analyze: bad input', () => {
  it('a missing file: one line naming it, exit 2', () => {
    const run = credence(['analyze', 'does-not-exist.txt', '--model', 'tiny.cdm'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.errLines).toEqual(['credence: error: does-not-exist.txt: no such file', 'credence: analysed 0 articles; 1 skipped (listed above)']);
    expectNoStack(run);
  });

  it('a mistyped file name, with "did you mean"', () => {
    const run = credence(['analyze', 'councl.txt', '--model', 'tiny.cdm'], dir);
    expect(run.code).toBe(2);
    expect(run.errLines[0]).toBe('credence: error: councl.txt: no such file (did you mean "council.txt"?)');
  });

  it('a missing file among good ones: the others are analysed', () => {
    const run = credence(['analyze', 'council.txt', 'does-not-exist.txt', 'shouting.txt', '--model', 'tiny.cdm', '--format', 'jsonl'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(run.errLines).toEqual(['credence: error: does-not-exist.txt: no such file', 'credence: analysed 2 articles; 1 skipped (listed above)']);
  });

  it('a CSV with one broken row in the middle: the other rows are analysed, the broken one reported with its line', () => {
    writeFileSync(
      join(dir, 'broken.csv'),
      'id,title,text,label\n' +
        '1,Council approves routes,"The council voted 6 to 3, officials said.",0\n' +
        '2,"Unclosed quote in this title,The body of the broken row.,1\n' +
        '3,Water plan costs more,"The plan will cost 40 million dollars, the report said.",0\n' +
        '4,SHOCKING secret REVEALED,"You will not believe what they are hiding!",1\n',
    );
    const run = credence(['analyze', 'broken.csv', '--model', 'tiny.cdm', '--format', 'csv'], dir);
    expect(run.code).toBe(2);
    expect(run.errLines).toHaveLength(2);
    expect(run.errLines[0]).toMatch(/^credence: error: broken\.csv:3: .*quoted field is never closed/);
    expect(run.errLines[1]).toBe('credence: analysed 3 articles; 1 skipped (listed above)');
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(['1', '3', '4']);
    expectNoStack(run);
  });

  it('a CSV row with a field too many is reported with its line and what was expected', () => {
    writeFileSync(join(dir, 'extra.csv'), 'id,title,text,label\n1,First,A fine row here.,0\n2,Second,One field too many.,1,extra\n3,Third,Another fine row.,0\n');
    const run = credence(['analyze', 'extra.csv', '--model', 'tiny.cdm', '--format', 'jsonl'], dir);
    expect(run.code).toBe(2);
    expect(run.errLines).toEqual([
      'credence: error: extra.csv:3: expected 4 fields, as in the header; got 5 fields',
      'credence: analysed 2 articles; 1 skipped (listed above)',
    ]);
  });

  it('binary files, named as such, and the text files beside them still analysed', () => {
    writeFileSync(join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]));
    writeFileSync(join(dir, 'blob.txt'), Buffer.concat([Buffer.from('Title\n\nBody'), Buffer.from([0, 1, 2, 3])]));
    const run = credence(['analyze', 'photo.txt', 'council.txt', 'blob.txt', '--model', 'tiny.cdm', '--format', 'jsonl'], dir);
    expect(run.code).toBe(2);
    expect(run.errLines).toEqual([
      'credence: error: photo.txt: expected text; got a binary file (a PNG image)',
      'credence: error: blob.txt: expected text; got a binary file (a NUL byte at offset 11)',
      'credence: analysed 1 article; 2 skipped (listed above)',
    ]);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expectNoStack(run);
  });

  it('invalid UTF-8, with the line and how to convert the file', () => {
    writeFileSync(join(dir, 'latin1.txt'), Buffer.concat([Buffer.from('A title\n\nThe caf'), Buffer.from([0xe9]), Buffer.from(' opened on Monday.\n')]));
    const run = credence(['analyze', 'latin1.txt', '--model', 'tiny.cdm'], dir);
    expect(run.code).toBe(2);
    expect(run.errLines[0]).toBe(
      'credence: error: latin1.txt:3: expected UTF-8 text; got bytes that are not valid UTF-8 (convert the file first, e.g. iconv -f windows-1252 -t utf-8)',
    );
    expect(run.errLines[1]).toBe('credence: analysed 0 articles; 1 skipped (listed above)');
    expectNoStack(run);
  });

  it('an article with an empty body', () => {
    writeFileSync(join(dir, 'title-only.txt'), 'Just a headline\n');
    const run = credence(['analyze', 'title-only.txt', '--model', 'tiny.cdm'], dir);
    expect(run.code).toBe(2);
    expect(run.errLines).toEqual([
      'credence: error: title-only.txt:1: field "body": expected the article body; got an empty value',
      'credence: analysed 0 articles; 1 skipped (listed above)',
    ]);
  });

  it('an article over --max-bytes', () => {
    writeFileSync(join(dir, 'long.txt'), 'A long one\n\n' + 'word '.repeat(400) + '\n');
    const run = credence(['analyze', 'long.txt', '--model', 'tiny.cdm', '--max-bytes', '1000'], dir);
    expect(run.code).toBe(2);
    expect(run.errLines[0]).toMatch(/^credence: error: long\.txt:1: expected an article of at most 1000 bytes; got /);
  });

  it('an empty folder: nothing to analyse is a usage error, exit 1', () => {
    mkdirSync(join(dir, 'empty'));
    const run = credence(['analyze', 'empty', '--model', 'tiny.cdm'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual(['credence: error: no articles found in empty']);
  });

  it('an unknown preset, with "did you mean"', () => {
    const run = credence(['analyze', 'kagle-fake-news:train.csv', '--model', 'tiny.cdm'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.errLines).toHaveLength(1);
    expect(run.errLines[0]).toMatch(/^credence: error: unknown preset "kagle-fake-news" .*\(did you mean "kaggle-fake-news"\?\)/);
    expectNoStack(run);
  });

  it('an unknown option, with "did you mean" on the same line', () => {
    const run = credence(['analyze', 'council.txt', '--formt', 'json'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual(["credence: error: unknown option '--formt' (did you mean --format?)"]);
  });

  it('an unknown output format', () => {
    const run = credence(['analyze', 'council.txt', '--model', 'tiny.cdm', '--format', 'xml'], dir);
    expect(run.code).toBe(1);
    expect(run.errLines).toEqual(['credence: error: --format: expected one of text, json, jsonl, csv; got "xml"']);
  });
});

describe('analyze: the bundled model', () => {
  const record = join(REPO, '..', 'shared', 'examples', 'record-example.txt');

  it('analyses the example article committed with the code', () => {
    const run = credence(['analyze', 'examples/council-budget.txt', '--format', 'json'], REPO);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as ReportJson;
    expect(r.article.title).toBe('City council approves budget with new funding for bus routes');
    expect(BANDS).toContain(r.reliability.band);
    expect(r.reliability.explanation.features.length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(record))('reads the shared record example: id 163, gold label reliable', () => {
    const run = credence(['analyze', record, '--format', 'json'], REPO);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as ReportJson;
    expect(r.article.id).toBe('163');
    expect(r.article.label).toBe('reliable');
    expect(r.reliability.pUnreliable).toBeGreaterThanOrEqual(0);
    expect(r.reliability.pUnreliable).toBeLessThanOrEqual(1);
  });
});
