/**
 * The entity recogniser: entity-level scoring, IOB2 input and its alignment to our own tokens, the
 * model file, the tagger's cached scores against its training features, and the bundled model on a
 * made-up news paragraph. Every sentence here is written for this test.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/article/errors.js';
import { makeDoc } from '../src/text/doc.js';
import { align, groupSentences, parseIobLine, spansOf, type IobSentence } from '../src/learn/ner/data.js';
import { evaluate, trainingSentences } from '../src/learn/ner/evaluate.js';
import { sentenceViews, T, TAGS } from '../src/learn/ner/features.js';
import { decodeNer, encodeNer } from '../src/learn/ner/file.js';
import { emissions, featurise, LocalCache, trainPerceptron } from '../src/learn/ner/model.js';
import { fromNerFile, loadNer, recogniseEntities } from '../src/learn/ner/ner.js';
import { EntityScore } from '../src/learn/ner/score.js';
import { EMPTY_WORD_INFO } from '../src/learn/ner/wordinfo.js';
import type { NerCard } from '../src/learn/ner/card.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const BUNDLED = join(REPO, 'models', 'ner.cdm');

const sent = (text: string, tags: string, group: string | null = null): IobSentence => {
  const tokens = text.split(' ');
  const t = tags.split(' ');
  if (t.length !== tokens.length) throw new Error(`fixture: ${tokens.length} tokens, ${t.length} tags`);
  return { tokens, tags: t, group, hasDoc: group !== null, line: 0 };
};

describe('entity-level scoring', () => {
  it('reads IOB2 spans, an I- that does not continue its type starting a new one', () => {
    expect(spansOf(['B-PER', 'I-PER', 'O', 'I-LOC', 'I-ORG', 'B-ORG'])).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 3, end: 4, type: 'LOC' },
      { start: 4, end: 5, type: 'ORG' },
      { start: 5, end: 6, type: 'ORG' },
    ]);
  });

  it('counts a mention only when span and type match, and keeps MISC out of the overall figures', () => {
    const s = new EntityScore();
    // gold: PER [0,2), LOC [3,4), MISC [5,6); predicted: PER [0,1) (wrong span), LOC [3,4) (right), ORG [6,7) (spurious), MISC [5,6)
    s.add(
      [
        { start: 0, end: 2, type: 'PER' },
        { start: 3, end: 4, type: 'LOC' },
        { start: 5, end: 6, type: 'MISC' },
      ],
      [
        { start: 0, end: 1, type: 'PER' },
        { start: 3, end: 4, type: 'LOC' },
        { start: 6, end: 7, type: 'ORG' },
        { start: 5, end: 6, type: 'MISC' },
      ],
    );
    const f = s.figures();
    expect(f.precision).toBeCloseTo(1 / 3, 10);
    expect(f.recall).toBeCloseTo(1 / 2, 10);
    expect(f.f1).toBeCloseTo(0.4, 10);
    expect(f.perType.MISC.f1).toBe(1);
    expect(f.perType.PER).toMatchObject({ precision: 0, recall: 0, f1: 0, gold: 1, predicted: 1 });
    expect(f.perType.ORG).toMatchObject({ precision: 0, gold: 0, predicted: 1 });
  });

  it('treats a wrong type on the right span as one miss and one false alarm', () => {
    const s = new EntityScore();
    s.add([{ start: 2, end: 4, type: 'ORG' }], [{ start: 2, end: 4, type: 'LOC' }]);
    const f = s.figures();
    expect(f.perType.ORG.recall).toBe(0);
    expect(f.perType.LOC.precision).toBe(0);
    expect(f.f1).toBe(0);
  });
});

describe('IOB2 lines', () => {
  it('reports a bad line with its file, line and field', () => {
    const cases: [string, string, string | undefined][] = [
      ['{"tokens": ["a"], "tags": ["O"]', 'not valid JSON', undefined],
      ['{"tokens": ["a", "b"], "tags": ["O"]}', '2 tokens but 1 tags', 'tags'],
      ['{"tokens": ["Oslo"], "tags": ["B-CITY"]}', 'tag 0 is "B-CITY"', 'tags'],
      ['{"tokens": ["", "x"], "tags": ["O", "O"]}', 'token 0 is empty', 'tokens'],
      ['[1, 2]', 'expected a JSON object', undefined],
    ];
    for (const [line, message, field] of cases) {
      const r = parseIobLine(line, 'gold.jsonl', 7);
      expect(r).toBeInstanceOf(InputError);
      const e = r as InputError;
      expect(e.message).toContain(message);
      expect(e.where).toMatchObject({ file: 'gold.jsonl', line: 7 });
      expect(e.where.field).toBe(field);
    }
  });

  it('groups an article\'s sentences by "doc" or by the id before "#"', () => {
    const a = parseIobLine('{"id": "fnc1/12#0", "tokens": ["Hi"], "tags": ["O"]}', 'f', 1) as IobSentence;
    const b = parseIobLine('{"id": "fnc1/12#1", "tokens": ["Yo"], "tags": ["O"]}', 'f', 2) as IobSentence;
    const c = parseIobLine('{"doc": 3, "tokens": ["Oh"], "tags": ["O"]}', 'f', 3) as IobSentence;
    expect(groupSentences([a, b, c]).map((g) => g.length)).toEqual([2, 1]);
  });

  it("aligns gold tokens to the Doc's own tokens, B only on an entity's first token", () => {
    const s = sent("Maria Velasquez-Ortiz 's aide flew to St. Petersburg", 'B-PER I-PER O O O O B-LOC I-LOC');
    const a = align(s);
    const tokens = Array.from({ length: a.doc.tokens.length }, (_, i) => a.doc.text.slice(a.doc.tokens.start[i], a.doc.tokens.end[i]));
    const tags = Array.from(a.gold, (g) => TAGS[g]);
    const pairs = tokens.map((t, i) => `${t}/${tags[i]}`);
    expect(pairs).toEqual(["Maria/B-PER", 'Velasquez-Ortiz/I-PER', "'/O", 's/O', 'aide/O', 'flew/O', 'to/O', 'St./B-LOC', 'Petersburg/I-LOC']);
    expect(Array.from(a.goldToken)).toEqual([0, 1, 2, 2, 3, 4, 5, 6, 7]);
    expect(a.spans).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 6, end: 8, type: 'LOC' },
    ]);
  });
});

/** A tiny corpus of our own. */
const TRAIN: IobSentence[] = [
  sent('Minister Halvard Brekke met officials from Norsk Kraftverk in Tromso .', 'O B-PER I-PER O O O B-ORG I-ORG O B-LOC O'),
  sent('Brekke said the plant in Tromso would close .', 'B-PER O O O O B-LOC O O O'),
  sent('Officials at Norsk Kraftverk declined to comment on Monday .', 'O O B-ORG I-ORG O O O O O O'),
  sent('Halvard Brekke flew to Bergen on Tuesday .', 'B-PER I-PER O O B-LOC O O O'),
  sent('The mayor of Bergen , Ingrid Solheim , welcomed the news .', 'O O O B-LOC O B-PER I-PER O O O O O'),
  sent('Solheim told Norsk Kraftverk that Bergen wants the jobs .', 'B-PER O B-ORG I-ORG O B-LOC O O O O'),
];

function tinyModel() {
  const data = TRAIN.flatMap((s) => trainingSentences(s, 1));
  const settings = { bits: 12, epochs: 8, seed: 3 };
  const weights = trainPerceptron(data, EMPTY_WORD_INFO, settings);
  const card = { name: 'test-ner', news: [], induced: { words: 0, clusters: 0, tokens: 0 }, heldOut: [] } as unknown as NerCard;
  return { tagger: { weights, words: EMPTY_WORD_INFO }, settings, card };
}

describe('the tagger', () => {
  const file = tinyModel();
  const model = fromNerFile(file);

  it('learns its own training sentences', () => {
    const f = evaluate(model, TRAIN);
    expect(f.f1).toBeGreaterThan(0.9);
  });

  it('sums the same feature weights from its cache as training computed', () => {
    const a = align(sent('Ingrid Brekke visited Norsk Kraftverk in Tromso .', 'B-PER I-PER O B-ORG I-ORG O B-LOC O'));
    const views = sentenceViews(a.doc.text, a.doc.tokens, a.doc.sentences);
    expect(views).toHaveLength(1);
    const view = views[0]!;
    const cached = emissions(model.tagger, new LocalCache(model.tagger), view, a.doc.tokens.ids);
    const { feats, offs } = featurise(view, EMPTY_WORD_INFO, file.settings.bits);
    const { emit, scale } = file.tagger.weights;
    for (let k = 0; k < view.to - view.from; k++) {
      for (let t = 0; t < T; t++) {
        let direct = 0;
        for (let p = offs[k]!; p < offs[k + 1]!; p++) direct += emit[feats[p]! * T + t]! * scale;
        expect(cached[k * T + t]).toBeCloseTo(direct, 3);
      }
    }
  });

  it('round-trips through the model file and predicts the same', () => {
    const bytes = encodeNer(file, TAGS);
    const back = fromNerFile(decodeNer(bytes, TAGS));
    const doc = makeDoc({ title: '', body: 'Solheim met Brekke in Bergen. Norsk Kraftverk said nothing.' });
    expect(recogniseEntities(doc, back)).toEqual(recogniseEntities(doc, model));
    expect(recogniseEntities(doc, back).length).toBeGreaterThan(0);
    const broken = Buffer.from(bytes);
    broken[broken.length - 10]! ^= 0xff;
    expect(() => decodeNer(broken, TAGS, 'ner.cdm')).toThrow(/checksum/);
    expect(() => decodeNer(bytes, [...TAGS].reverse(), 'ner.cdm')).toThrow(/retrain/);
  });
});

describe.runIf(existsSync(BUNDLED))('the bundled model', () => {
  it('loads in a few milliseconds', () => {
    loadNer(BUNDLED);
    const t0 = performance.now();
    loadNer(BUNDLED);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('finds the people, places and organisations of a news paragraph of our own', () => {
    const model = loadNer(BUNDLED);
    const doc = makeDoc({
      title: 'Police commander defects to militants',
      body:
        'Colonel Gulmurod Khalimov, the head of Tajikistan\'s special police, has appeared in a video from Syria. ' +
        'The Interior Ministry in Dushanbe said it had opened an investigation, according to Radio Liberty. ' +
        "Khalimov was trained in the United States, a spokesman for the State Department told reporters on Thursday. Khalimov's brother lives in Moscow.",
    });
    const found = recogniseEntities(doc, model).map((m) => `${m.type}:${doc.text.slice(m.start, m.end)}`);
    for (const want of ['PER:Gulmurod Khalimov', 'LOC:Syria', 'LOC:Dushanbe', 'ORG:Radio Liberty', 'PER:Khalimov', 'LOC:United States', 'ORG:State Department']) {
      expect(found).toContain(want);
    }
    expect(found.some((f) => f.includes('Colonel') || f.includes('Thursday') || f.includes("'s"))).toBe(false);
    const mentions = recogniseEntities(doc, model);
    for (let i = 1; i < mentions.length; i++) expect(mentions[i]!.start).toBeGreaterThanOrEqual(mentions[i - 1]!.start);
    for (const m of mentions) {
      expect(doc.tokens.start[m.tokenStart]).toBe(m.start);
      expect(m.end).toBeLessThanOrEqual(doc.tokens.end[m.tokenEnd - 1]!);
    }
  });

  it('ner-eval reports a bad line with file:line, skips it, and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-ner-'));
    try {
      const file = join(dir, 'gold.jsonl');
      writeFileSync(
        file,
        [
          JSON.stringify({ tokens: ['Ingrid', 'Solheim', 'visited', 'Oslo', '.'], tags: ['B-PER', 'I-PER', 'O', 'B-LOC', 'O'] }),
          '{"tokens": ["broken"',
          JSON.stringify({ tokens: ['Oslo', 'is', 'cold'], tags: ['B-LOC', 'O', 'O'] }),
        ].join('\n') + '\n',
      );
      const r = spawnSync(process.execPath, [join(REPO, 'bin', 'credence.js'), 'ner-eval', '--data', file, '--json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${file}:2: not valid JSON`);
      const out = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(Object.keys(out).sort()).toEqual(['f1', 'perType', 'precision', 'recall']);
      expect(Object.keys(out.perType as object).sort()).toEqual(['LOC', 'MISC', 'ORG', 'PER']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
