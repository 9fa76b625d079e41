import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

interface Entity {
  start: number;
  end: number;
  type: string;
}
interface IobModule {
  iobSentence(text: string, start: number, end: number, entities: Entity[]): { tokens: string[]; tags: string[]; offsets: [number, number][] };
}

// bench/ is plain JS without declarations: import it through a non-literal specifier.
const IOB_PATH = '../bench/lib/iob.js';
const { iobSentence } = (await import(IOB_PATH)) as IobModule;

/** An entity at the `nth` occurrence of `surface` in `text`. */
function at(text: string, surface: string, type: string, nth = 0): Entity {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(surface, i + 1);
  if (i < 0) throw new Error(`no "${surface}"`);
  return { start: i, end: i + surface.length, type };
}

const pairs = (t: { tokens: string[]; tags: string[] }) => t.tokens.map((tok, i) => `${tok}/${t.tags[i]}`);

describe('iobSentence', () => {
  const text = 'Intro line.\n"We’re done," said U.S. Sen. Maria de la Cruz-Obando of the Senate’s Ethics Committee, on Aug. 4 (in Rio de Janeiro\'s port) — 3.5 miles away.';
  const s = text.indexOf('"');
  const e = text.length;
  const entities = [
    at(text, 'Maria de la Cruz-Obando', 'PER'),
    at(text, 'U.S.', 'LOC'),
    at(text, 'Senate', 'ORG'),
    at(text, 'Ethics Committee', 'ORG'),
    at(text, 'Rio de Janeiro', 'LOC'),
  ];

  it('tags entities B-/I- by their offsets and splits punctuation, possessives and abbreviations', () => {
    const t = iobSentence(text, s, e, entities);
    expect(pairs(t)).toEqual([
      '"/O', 'We’re/O', 'done/O', ',/O', '"/O', 'said/O', 'U.S./B-LOC', 'Sen./O',
      'Maria/B-PER', 'de/I-PER', 'la/I-PER', 'Cruz-Obando/I-PER',
      'of/O', 'the/O', 'Senate/B-ORG', '’s/O', 'Ethics/B-ORG', 'Committee/I-ORG', ',/O',
      'on/O', 'Aug./O', '4/O', '(/O', 'in/O', 'Rio/B-LOC', 'de/I-LOC', 'Janeiro/I-LOC', "'s/O", 'port/O', ')/O',
      '—/O', '3.5/O', 'miles/O', 'away/O', './O',
    ]);
    // offsets point back into the text
    for (let i = 0; i < t.tokens.length; i++) expect(text.slice(...t.offsets[i]!)).toBe(t.tokens[i]);
  });

  it('ignores entities outside the sentence', () => {
    const t = iobSentence(text, 0, text.indexOf('\n'), entities);
    expect(pairs(t)).toEqual(['Intro/O', 'line/O', './O']);
  });

  it('always splits at entity boundaries, even inside a word', () => {
    const x = 'The Obama-backed plan and ISIS\' claim about Syria-Turkey.';
    const t = iobSentence(x, 0, x.length, [at(x, 'Obama', 'PER'), at(x, 'ISIS', 'ORG'), at(x, 'Syria', 'LOC'), at(x, 'Turkey', 'LOC')]);
    expect(pairs(t)).toEqual([
      'The/O', 'Obama/B-PER', '-/O', 'backed/O', 'plan/O', 'and/O', 'ISIS/B-ORG', "'/O", 'claim/O', 'about/O',
      'Syria/B-LOC', '-/O', 'Turkey/B-LOC', './O',
    ]);
  });

  it('starts a new B- for adjacent entities of the same type', () => {
    const x = 'Paris, France';
    const t = iobSentence(x, 0, x.length, [at(x, 'Paris', 'LOC'), at(x, 'France', 'LOC')]);
    expect(t.tags).toEqual(['B-LOC', 'O', 'B-LOC']);
  });
});

describe('bench/gold-ner.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-gold-ner-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const body = 'Anna Schmidt left Berlin.\n\nShe joined Acme Corp. in May.';
  mkdirSync(join(dir, 'fnc1'));
  writeFileSync(join(dir, 'fnc1', 'bodies.csv.gz'), gzipSync(`Body ID,articleBody\n7,"${body}"\n`));
  const hash = createHash('sha1').update(body, 'utf8').digest('hex').slice(0, 12);
  const s2 = body.indexOf('She');
  const good = {
    dataset: 'fnc1',
    id: '7',
    textHash: hash,
    sentences: [[0, 25], [s2, body.length]],
    entities: [at(body, 'Anna Schmidt', 'PER'), at(body, 'Berlin', 'LOC'), at(body, 'Acme Corp.', 'ORG')],
  };
  const run = (lines: object[]) => {
    const file = join(dir, 'ann.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return spawnSync(process.execPath, ['bench/gold-ner.js', file], { encoding: 'utf8', env: { ...process.env, CREDENCE_DATASETS: dir } });
  };

  it('prints one IOB2 line per sentence', () => {
    const r = run([good]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: 'fnc1/7#0', tokens: ['Anna', 'Schmidt', 'left', 'Berlin', '.'], tags: ['B-PER', 'I-PER', 'O', 'B-LOC', 'O'] },
      { id: 'fnc1/7#1', tokens: ['She', 'joined', 'Acme', 'Corp.', 'in', 'May', '.'], tags: ['O', 'O', 'B-ORG', 'I-ORG', 'O', 'O', 'O'] },
    ]);
  });

  it('fails with file:line on a changed text, a stray entity or an unknown type', () => {
    const bad = [
      { ...good, textHash: '000000000000' },
      { ...good, sentences: [[0, 25]] },
      { ...good, entities: [{ ...good.entities[0], type: 'PERSON' }] },
      { ...good, entities: [{ start: 0, end: 5, type: 'PER' }] },
    ];
    const expected = [/ann\.jsonl:2: .*changed \(textHash/, /ann\.jsonl:2: .*"Acme Corp\." is not inside one listed sentence/, /ann\.jsonl:2: .*type "PERSON"/, /ann\.jsonl:2: .*"Anna " starts or ends with white space/];
    bad.forEach((b, k) => {
      const r = run([good, b]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(expected[k]!);
    });
  });
});
