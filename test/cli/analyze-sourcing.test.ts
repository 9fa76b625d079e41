/**
 * `credence analyze` with the bundled models: the language, checklist, sourcing and entities sections of
 * a report, an article in another language, and `quotes-eval` on a small gold file written here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credence, expectNoStack, tempFolder } from './helpers.js';

const ARTICLE = `Harbour chief quits over dredging contract

The head of the Port of Wellmouth has resigned over a disputed dredging contract, she said in a letter on Monday.

Captain Maria Okafor ran the port for nine years. She stepped down after an audit by the Harbour Authority found that the port had paid twice for the same work.

“I did nothing wrong, and the records will show it,” Okafor said. “I will answer every question.”

Two officials who declined to be named said the contract was worth far more than reported. The dredging firm could not be reached for comment.
`;

const SPANISH = `El puerto de Valmar cierra por obras

El ayuntamiento de Valmar anunció el lunes que el puerto permanecerá cerrado durante tres meses para realizar obras de dragado. Según el alcalde, los trabajos comenzarán la próxima semana y costarán dos millones de euros.
`;

let dir: string;
let remove: () => void;
beforeAll(() => {
  ({ dir, remove } = tempFolder());
  writeFileSync(join(dir, 'harbour.txt'), ARTICLE);
  writeFileSync(join(dir, 'valmar.txt'), SPANISH);
});
afterAll(() => remove());

describe('analyze: sourcing, entities, language and the checklist', () => {
  it('reports quotes with speakers, sources by kind, entities and signals', () => {
    const run = credence(['analyze', '--format', 'json', '--no-claims', '--no-headline', 'harbour.txt'], dir);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    const text: string = ARTICLE.trim().split(/\n\s*\n/).map((p) => p.trim()).join('\n\n');
    expect(r.language).toMatchObject({ code: 'en', covered: true });
    const direct = r.sourcing.quotes.filter((q: { direct: boolean }) => q.direct);
    expect(direct.map((q: { start: number; end: number }) => text.slice(q.start, q.end))).toEqual(['I did nothing wrong, and the records will show it,', 'I will answer every question.']);
    const okafor = r.sourcing.sources.find((s: { name: string }) => /Okafor/.test(s.name));
    expect(okafor).toMatchObject({ kind: 'person', quotes: 2 });
    const kinds = Object.fromEntries(r.sourcing.sources.map((s: { name: string; kind: string }) => [s.name, s.kind]));
    expect(kinds['Two officials who declined to be named']).toBe('anonymous');
    const firm = r.sourcing.sources.find((s: { name: string }) => s.name === 'The dredging firm');
    expect(firm.notes.map((n: { note: string }) => n.note)).toEqual(['not reached']);
    const people = r.entities.filter((e: { type: string }) => e.type === 'PER').map((e: { name: string }) => e.name);
    expect(people).toContain('Maria Okafor');
    const ids = r.signals.map((s: { id: string }) => s.id);
    expect(ids).toEqual(['language', 'clickbait-headline', 'headline-form', 'named-sources', 'anonymous-sources', 'claims-attributed', 'loaded-language', 'hedging', 'direct-address', 'readability']);
    for (const s of r.signals) expect(['pass', 'warn', 'fail', 'n/a']).toContain(s.status);
  });

  it('says plainly that an article in another language is not scored', () => {
    const json = credence(['analyze', '--format', 'json', 'valmar.txt'], dir);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout);
    expect(r.language).toMatchObject({ code: 'es', covered: false });
    expect(r.reliability).toBeUndefined();
    expect(r.claims).toBeUndefined();
    expect(r.signals.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([['language', 'fail']]);
    const text = credence(['analyze', 'valmar.txt'], dir);
    expect(text.stdout).toMatch(/Not scored.*Spanish.*English only/);
    const csv = credence(['analyze', '--format', 'csv', 'valmar.txt'], dir);
    expect(csv.code).toBe(0);
  });

  it('never lets control characters of the article reach the terminal', () => {
    writeFileSync(join(dir, 'escape.txt'), 'Port \u001b[2J news\n\n“We will win,” said Mayor Ana\u001b]0;x\u0007 Lind. The port stays open.\n');
    const run = credence(['analyze', 'escape.txt'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Port [2J news');
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('leaves sourcing out with --no-sourcing and refuses --ner-model with it', () => {
    const r = JSON.parse(credence(['analyze', '--format', 'json', '--no-sourcing', 'harbour.txt'], dir).stdout);
    expect(r.sourcing).toBeUndefined();
    expect(r.entities).toBeUndefined();
    const both = credence(['analyze', '--no-sourcing', '--ner-model', 'x.cdm', 'harbour.txt'], dir);
    expect(both.code).toBe(1);
    expect(both.errLines).toEqual(['credence: error: --ner-model and --no-sourcing: choose one']);
    expectNoStack(both);
  });
});

describe('analyze over a corpus', () => {
  it('gives the same reports, in the same order, on worker threads as in one thread', () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        id: `a${i}`,
        title: i % 2 ? `Council approves budget number ${i}` : `SHOCKING truth number ${i}!!`,
        text: `“We will fund ${i} new buses,” said Mayor Ana Lind. Officials said the plan costs ${i} million dollars. The port stays open.`,
      }),
    );
    writeFileSync(join(dir, 'corpus.jsonl'), lines.join('\n') + '\n');
    const one = credence(['analyze', '--format', 'jsonl', 'corpus.jsonl'], dir, undefined, { CREDENCE_THREADS: '1' });
    const two = credence(['analyze', '--format', 'jsonl', 'corpus.jsonl'], dir, undefined, { CREDENCE_THREADS: '2' });
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).article.id)).toEqual(lines.map((_, i) => `a${i}`));
    expect(two.stdout).toBe(one.stdout);
    expect(two.errLines).toEqual(['credence: analysed 40 articles']);
  });
});

describe('quotes-eval', () => {
  it('scores direct and indirect quotes and reports bad lines with file:line', () => {
    const text = 'The mayor resigned on Monday.\n\n“We did our best,” said Mayor Ana Lind. Officials said the port would close.';
    const at = (s: string) => text.indexOf(s);
    const gold = {
      id: 'a1',
      text,
      quotes: [
        { start: at('We did'), end: at('We did') + 'We did our best,'.length, speaker: 'Ana Lind', speakerStart: at('Mayor Ana'), speakerEnd: at('Mayor Ana') + 'Mayor Ana Lind'.length, direct: true },
        { start: at('the port'), end: at('the port') + 'the port would close'.length, speaker: 'Officials', speakerStart: at('Officials'), speakerEnd: at('Officials') + 9, direct: false },
      ],
    };
    writeFileSync(
      join(dir, 'gold.jsonl'),
      JSON.stringify(gold) + '\n' + '{"id": "bad", "text": "x", "quotes": [{"start": 5, "end": 2, "direct": true}]}\nnot json\n{"id": "nil", "text": "x", "quotes": [null]}\n',
    );
    const run = credence(['quotes-eval', '--data', 'gold.jsonl', '--json'], dir);
    expect(run.code).toBe(2);
    expect(run.errLines).toEqual([
      'credence: error: gold.jsonl:2: field "quotes[0]": expected 0 <= start < end <= 1; got start 5, end 2',
      'credence: error: gold.jsonl:3: expected a JSON object {"id", "text", "quotes": [...]}; got a line that is not JSON',
      'credence: error: gold.jsonl:4: field "quotes[0]": expected a quote object {start, end, direct, …}; got null',
    ]);
    const m = JSON.parse(run.stdout);
    expect(m.direct).toMatchObject({ precision: 1, recall: 1, f1: 1, speakerAccuracy: 1 });
    expect(m.indirect).toMatchObject({ recall: 1, speakerAccuracy: 1 });
  });
});
