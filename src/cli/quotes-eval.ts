/**
 * `credence quotes-eval --data FILE [--json]`: the quote and speaker finder against hand-annotated
 * articles, JSON lines {"id", "text", "quotes": [{"start", "end", "speaker", "speakerStart", "speakerEnd",
 * "direct"}]} (offsets into "text"). Prints precision, recall and F1 of direct quotes and of indirect
 * attributions apart, and speaker accuracy on the quotes found (see src/evaluate/quote-metrics.ts).
 */
import { UsageError } from '../article/errors.js';
import { analyseSourcing } from '../analyse/sourcing.js';
import { entityRecogniser } from '../analyse/engine.js';
import { countQuotes, emptyCounts, quoteScores, type FoundQuote, type GoldQuote, type QuoteScores } from '../evaluate/quote-metrics.js';
import { makeDoc } from '../text/doc.js';
import { EXIT, Problems, type Io } from './io.js';
import { readJsonLines } from './json-lines.js';

export interface QuotesEvalFlags {
  data: string;
  json?: boolean;
  nerModel?: string;
}

interface GoldArticle {
  id: string;
  text: string;
  quotes: GoldQuote[];
  line: number;
}

const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function readGold(file: string, problems: Problems): GoldArticle[] {
  const out: GoldArticle[] = [];
  const layout = '{"id", "text", "quotes": [...]}';
  readJsonLines(file, problems, { full: layout, short: layout }, ({ line, record, bad }) => {
    const article = goldArticle(record, line, bad);
    if (article !== null) out.push(article);
  });
  return out;
}

/** One annotated article, or null (reported through `bad`) when a field is wrong. */
function goldArticle(r: Record<string, unknown>, line: number, bad: (message: string, field?: string) => void): GoldArticle | null {
  if (typeof r.text !== 'string') return fail(bad, 'expected the article text as a string', 'text');
  if (!Array.isArray(r.quotes)) return fail(bad, 'expected an array of quotes', 'quotes');
  const quotes: GoldQuote[] = [];
  for (const [k, q] of (r.quotes as unknown[]).entries()) {
    const field = `quotes[${k}]`;
    if (typeof q !== 'object' || q === null || Array.isArray(q)) return fail(bad, `expected a quote object {start, end, direct, …}; got ${q === null ? 'null' : Array.isArray(q) ? 'an array' : JSON.stringify(q)}`, field);
    const o = q as Record<string, unknown>;
    if (!isOffset(o.start) || !isOffset(o.end) || o.end <= o.start || o.end > r.text.length) {
      return fail(bad, `expected 0 <= start < end <= ${r.text.length}; got start ${JSON.stringify(o.start)}, end ${JSON.stringify(o.end)}`, field);
    }
    if (typeof o.direct !== 'boolean') return fail(bad, 'expected "direct": true or false', field + '.direct');
    const named = o.speakerStart !== null && o.speakerStart !== undefined;
    if (named && (!isOffset(o.speakerStart) || !isOffset(o.speakerEnd) || o.speakerEnd <= o.speakerStart || o.speakerEnd > r.text.length)) {
      return fail(bad, 'expected speakerStart < speakerEnd inside the text, or both null', field);
    }
    quotes.push({
      start: o.start,
      end: o.end,
      direct: o.direct,
      // Without a name, the speaker is the mention as written.
      speaker: named ? (typeof o.speaker === 'string' && o.speaker !== '' ? o.speaker : r.text.slice(o.speakerStart as number, o.speakerEnd as number)) : null,
      speakerStart: named ? (o.speakerStart as number) : null,
      speakerEnd: named ? (o.speakerEnd as number) : null,
    });
  }
  return { id: typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : `line ${line}`, text: r.text, quotes, line };
}

function fail(bad: (message: string, field?: string) => void, message: string, field: string): null {
  bad(message, field);
  return null;
}

export interface QuotesEvalResult {
  articles: number;
  direct: QuoteScores;
  indirect: QuoteScores;
}

export function evaluateQuotes(articles: readonly GoldArticle[], recognise: ReturnType<typeof entityRecogniser>): QuotesEvalResult {
  const direct = emptyCounts();
  const indirect = emptyCounts();
  for (const a of articles) {
    const doc = makeDoc({ title: '', body: a.text });
    const { sourcing } = analyseSourcing(doc, recognise(doc));
    const found: FoundQuote[] = sourcing.quotes.map((q) => ({
      start: q.start,
      end: q.end,
      direct: q.direct,
      ...(q.speaker ? { speakerStart: q.speaker.start, speakerEnd: q.speaker.end } : {}),
      ...(q.source !== undefined ? { speaker: sourcing.sources[q.source]!.name } : {}),
    }));
    countQuotes(a.quotes.filter((q) => q.direct), found.filter((q) => q.direct), direct);
    countQuotes(a.quotes.filter((q) => !q.direct), found.filter((q) => !q.direct), indirect);
  }
  return { articles: articles.length, direct: quoteScores(direct), indirect: quoteScores(indirect) };
}

export async function quotesEval(io: Io, flags: QuotesEvalFlags): Promise<number> {
  const problems = new Problems(io);
  const articles = readGold(flags.data, problems);
  if (articles.length === 0) throw new UsageError('E_EMPTY', 'no annotated articles to evaluate', { file: flags.data });
  const result = evaluateQuotes(articles, entityRecogniser(flags.nerModel));
  if (flags.json) {
    const pick = (s: QuoteScores) => ({ precision: s.precision, recall: s.recall, f1: s.f1, speakerAccuracy: s.speakerAccuracy, gold: s.gold, predicted: s.predicted, found: s.found });
    io.stdout.write(JSON.stringify({ articles: result.articles, direct: pick(result.direct), indirect: pick(result.indirect) }) + '\n');
  } else {
    const row = (name: string, s: QuoteScores) =>
      `${name.padEnd(9)} ${String(s.gold).padStart(5)} ${String(s.predicted).padStart(9)} ${String(s.found).padStart(6)}  ${s.precision.toFixed(3)}     ${s.recall.toFixed(3)}  ${s.f1.toFixed(3)}  ${s.speakerAccuracy.toFixed(3)}\n`;
    io.stdout.write(`${result.articles} articles${problems.skipped ? ` (${problems.skipped} skipped)` : ''}\n`);
    io.stdout.write('          gold  predicted  found  precision  recall  F1     speaker accuracy\n');
    io.stdout.write(row('direct', result.direct));
    io.stdout.write(row('indirect', result.indirect));
  }
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}
