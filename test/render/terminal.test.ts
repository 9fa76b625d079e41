import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, type Report } from '../../src/article/report.js';
import { COLOURS, NO_COLOURS } from '../../src/cli/io.js';
import { renderReport } from '../../src/render/terminal.js';

const TITLE = 'Council approves bus routes';

/** A report over `title + "\n\n" + body`, with features at the given phrases of the text. */
function reportFor(body: string, features: { phrase: string; weight: number }[], p = 0.2): { report: Report; text: string } {
  const text = `${TITLE}\n\n${body}`;
  const spans = (phrase: string) => {
    const out: { start: number; end: number }[] = [];
    for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + 1)) out.push({ start: i, end: i + phrase.length });
    return out;
  };
  const bodyStart = TITLE.length + 2;
  const report: Report = {
    schema: REPORT_SCHEMA,
    article: { id: 'a-1', title: TITLE, bodyStart, length: text.length, words: body.split(/\s+/).length },
    language: { code: 'en', name: 'English', confidence: 1, covered: true },
    reliability: {
      pUnreliable: p,
      band: p < 0.35 ? 'likely reliable' : p > 0.65 ? 'likely unreliable' : 'uncertain',
      model: 'test-model',
      explanation: {
        features: features.map((f) => ({ text: f.phrase.toLowerCase(), kind: 'words', weight: f.weight, spans: spans(f.phrase) })),
        sentences: [{ start: bodyStart, end: text.length, contribution: features.reduce((s, f) => s + f.weight, 0) }],
      },
    },
  };
  return { report, text };
}

/** The text a terminal shows: colour codes removed. */
const visible = (s: string): string => s.replace(/\u001b\[\d+m/g, '');

describe('renderReport', () => {
  it('shows the title, the band, the probability and the features each way', () => {
    const { report, text } = reportFor('The council voted on Tuesday, officials said.', [
      { phrase: 'officials said', weight: -0.8 },
      { phrase: 'Tuesday', weight: 0.3 },
    ]);
    const out = renderReport(report, text, NO_COLOURS, false);
    const lines = out.split('\n');
    expect(lines[0]).toBe(TITLE);
    expect(lines[1]).toBe('id a-1 · 7 words');
    expect(out).toContain('Reliability  LIKELY RELIABLE  ████░░░░░░░░░░░░░░░░  20% chance unreliable');
    expect(out).toContain('▲ towards unreliable: "tuesday" +0.30');
    expect(out).toContain('▼ towards reliable:   "officials said" −0.80');
    // without colour, spans are marked in the sentence
    expect(out).toContain('The council voted on «Tuesday», ‹officials said›.');
  });

  it('says "(no title)" for an untitled article', () => {
    const { report, text } = reportFor('Body.', []);
    report.article.title = '';
    expect(renderReport(report, text, NO_COLOURS, false).split('\n')[0]).toBe('(no title)');
  });

  it('cuts a long sentence at 400 visible characters without leaving a colour open', () => {
    const body = 'The council voted. ' + 'Officials said the plan would go ahead. '.repeat(20);
    const { report, text } = reportFor(body, [
      { phrase: 'Officials said', weight: -0.5 },
      { phrase: 'go ahead', weight: 0.4 },
    ]);
    const out = renderReport(report, text, COLOURS, true);
    const line = out.split('\n').find((l) => l.includes('The council voted.'))!;
    // every colour that opens is closed
    const opened = (line.match(/\u001b\[3[12]m/g) ?? []).length;
    const closed = (line.match(/\u001b\[39m/g) ?? []).length;
    expect(opened).toBeGreaterThan(0);
    expect(closed).toBe(opened);
    const lastOpen = Math.max(line.lastIndexOf('\u001b[31m'), line.lastIndexOf('\u001b[32m'));
    expect(line.lastIndexOf('\u001b[39m')).toBeGreaterThan(lastOpen);
    const sentence = visible(line).slice(visible(line).indexOf('The council voted.'));
    expect(sentence.endsWith('…')).toBe(true);
    expect(sentence.length).toBe(401);
  });

  it('cuts the same sentence at the same place without colour, and marks still pair up', () => {
    const body = 'Officials said the plan would go ahead. '.repeat(20);
    const { report, text } = reportFor(body, [{ phrase: 'go ahead', weight: 0.4 }]);
    const line = renderReport(report, text, NO_COLOURS, false)
      .split('\n')
      .find((l) => l.includes('Officials said'))!;
    expect((line.match(/«/g) ?? []).length).toBe((line.match(/»/g) ?? []).length);
    expect(line.endsWith('…')).toBe(true);
  });

  it('folds line breaks inside a sentence into spaces', () => {
    const { report, text } = reportFor('The council\nvoted on\r\nTuesday.', [{ phrase: 'council', weight: 0.1 }]);
    expect(renderReport(report, text, NO_COLOURS, false)).toContain('The «council» voted on Tuesday.');
  });
});
