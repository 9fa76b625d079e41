/**
 * `credence ner-train`: induce word facts from unlabelled news (gold-set records left out), fit the
 * entity recogniser on IOB2-tagged sentences, measure it on held-out articles and on any --eval files,
 * and save it with its card.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError, UsageError } from '../article/errors.js';
import { renderNerCard, type NerCard, type NerDataRecord, type NerHeldOut, type NerNewsRecord } from '../learn/ner/card.js';
import { groupSentences, readIobFile, type IobSentence } from '../learn/ner/data.js';
import { evaluate, trainingSentences } from '../learn/ner/evaluate.js';
import { caseOf, isCapital, TAGS } from '../learn/ner/features.js';
import { readNerFile, saveNer } from '../learn/ner/file.js';
import { DEFAULT_NER_SETTINGS, trainPerceptron, type NerSettings, type TrainSentence } from '../learn/ner/model.js';
import { fromNerFile, recogniseEntities } from '../learn/ner/ner.js';
import { Inducer, TypeCounter, type WordInfo } from '../learn/ner/wordinfo.js';
import { makeDoc } from '../text/doc.js';
import { readFileText, type FileText } from '../text/file-text.js';
import { EXIT, Problems, type Io } from './io.js';
import { checkOutPath, rebuildCommand } from './model-output.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../../package.json') as { version: string }).version;

interface TrainFlags {
  data: string[];
  out: string;
  news?: string[];
  exclude?: string;
  wordsFrom?: string;
  holdoutEvery: string;
  heldoutOut?: string;
  eval?: string[];
  set: string[];
  selfTrain: boolean;
}

export const NER_NOTES = [
  'Labelled data: our own news gold (eval/ner/news-dev.jsonl, 20 articles; news-test.jsonl is never trained on), Wikigold (Balasuriya et al. 2009, CC-BY 4.0) and WNUT-17 (Derczynski et al. 2017, CC-BY 4.0; its types mapped to CoNLL: group and corporation to ORG, creative-work and product to MISC). ' +
    'Word facts induced from FakeNewsNet, CoAID, ReCOVery and FNC-1 texts. No text is stored in the model: only hashed feature weights and, per word form, a hash with its cluster, capitalisation rate and cues.',
  'Self-training: a first model, trained on the same data, tagged the unlabelled news; how often each form was part of each type is a word fact of this model.',
  'English news; trained mostly on Wikipedia and social-media sentences and a small news set. Expect more misses on names that are new, lower-cased, or only ever seen at the start of a sentence.',
];

/** FILE or FILE@WEIGHT. */
function parseDataSpec(spec: string): { file: string; weight: number } {
  const at = spec.lastIndexOf('@');
  const file = at > 0 ? spec.slice(0, at) : spec;
  const weight = at > 0 ? Number(spec.slice(at + 1)) : 1;
  if (!(weight > 0)) throw new UsageError('E_USAGE', `--data ${spec}: the weight after @ must be a positive number`);
  return { file, weight };
}

function readFile(path: string): FileText {
  const r = readFileText(path);
  if (r instanceof InputError) throw new UsageError(r.code, r.message, r.where);
  return r;
}

export const textHash = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 12);

/** The texts of an unlabelled news file: JSON lines (title, text) or CSV (articleBody). */
async function newsTexts(path: string, raw: string, problems: Problems): Promise<{ title: string; text: string }[]> {
  const out: { title: string; text: string }[] = [];
  if (/\.csv(\.gz)?$/i.test(path)) {
    const { parse } = await import('csv-parse/sync');
    let rows: Record<string, string>[];
    try {
      rows = parse(raw, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
    } catch (err) {
      throw new UsageError('E_PARSE', `cannot read it as CSV: ${(err as Error).message}`, { file: path });
    }
    for (const r of rows) {
      const text = r.articleBody ?? r.text ?? r.body;
      if (typeof text === 'string') out.push({ title: r.title ?? '', text });
    }
    if (rows.length > 0 && out.length === 0) throw new UsageError('E_COLUMN', 'no "articleBody", "text" or "body" column', { file: path });
    return out;
  }
  const lines = raw.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      problems.warning(new UsageError('E_PARSE', 'not valid JSON (line skipped)', { file: path, line: i + 1 }));
      continue;
    }
    if (typeof r !== 'object' || r === null || Array.isArray(r) || typeof (r as Record<string, unknown>).text !== 'string') {
      problems.warning(new UsageError('E_PARSE', 'expected a JSON object with a "text" string (line skipped)', { file: path, line: i + 1 }));
      continue;
    }
    const o = r as Record<string, unknown>;
    out.push({ title: typeof o.title === 'string' ? o.title : '', text: o.text as string });
  }
  return out;
}

function parseSettings(sets: string[]): NerSettings {
  const s: NerSettings = { ...DEFAULT_NER_SETTINGS };
  for (const a of sets) {
    const eq = a.indexOf('=');
    const key = a.slice(0, eq);
    const v = Number(a.slice(eq + 1));
    if (eq <= 0 || !(key in s)) throw new UsageError('E_USAGE', `--set: expected bits=N, epochs=N or seed=N, got "${a}"`);
    if (!Number.isInteger(v)) throw new UsageError('E_USAGE', `--set ${key}: expected an integer, got "${a.slice(eq + 1)}"`);
    if (key === 'bits' && (v < 8 || v > 22)) throw new UsageError('E_USAGE', '--set bits: expected 8 to 22');
    if (key === 'epochs' && v < 1) throw new UsageError('E_USAGE', '--set epochs: expected at least 1');
    s[key as keyof NerSettings] = v;
  }
  return s;
}

export async function nerTrain(io: Io, flags: TrainFlags): Promise<number> {
  const started = Date.now();
  const problems = new Problems(io);
  const settings = parseSettings(flags.set);
  const every = Number(flags.holdoutEvery);
  if (!Number.isInteger(every) || every < 0) throw new UsageError('E_USAGE', `--holdout-every: expected a whole number, got "${flags.holdoutEvery}"`);
  // Everything that could fail after training is checked before it: where the model and the held-out rows
  // go, and that the evaluation files are there.
  const dataSpecs = flags.data.map(parseDataSpec);
  const inputs = [...dataSpecs.map((d) => d.file), ...(flags.news ?? []), ...(flags.eval ?? [])];
  checkOutPath(flags.out, '--out', 'the model', inputs);
  if (flags.heldoutOut !== undefined) checkOutPath(flags.heldoutOut, '--heldout-out', 'the held-out rows', inputs);
  for (const e of flags.eval ?? []) readFile(e);
  const newsFiles = flags.news ?? [];
  if (flags.wordsFrom === undefined && newsFiles.length === 0) {
    throw new UsageError('E_USAGE', 'give --news files to induce word facts from, or --words-from a model file');
  }

  // Unlabelled news, gold-set records left out.
  const excluded = new Set<string>();
  if (flags.exclude !== undefined) {
    const list = flags.exclude === '-' ? await readStdin(io) : readFile(flags.exclude).text;
    for (const [i, line] of list.split('\n').entries()) {
      if (line.trim() === '') continue;
      const cols = line.split('\t');
      if (cols.length < 4 || !/^[0-9a-f]{12}$/.test(cols[3]!.trim())) {
        throw new UsageError('E_PARSE', 'expected "set<TAB>dataset<TAB>id<TAB>hash" (12 hex digits)', { file: flags.exclude === '-' ? '<stdin>' : flags.exclude, line: i + 1 });
      }
      excluded.add(cols[3]!.trim());
    }
  }
  const texts: string[] = [];
  const news: NerNewsRecord[] = [];
  for (const file of newsFiles) {
    const { bytes, text } = readFile(file);
    const records = await newsTexts(file, text, problems);
    let left = 0;
    for (const t of records) {
      if (excluded.has(textHash(t.text))) {
        left++;
        continue;
      }
      if (t.title !== '') texts.push(t.title);
      if (t.text !== '') texts.push(t.text);
    }
    news.push({ file, sha256: createHash('sha256').update(bytes).digest('hex'), texts: records.length, excluded: left });
    problems.note(`news: ${file}: ${records.length} texts, ${left} left out`);
  }

  // Word facts: clusters, capitalisation rates and cues (induced, or taken from a model file).
  let words: WordInfo;
  let inducedTokens = 0;
  if (flags.wordsFrom !== undefined) {
    const from = readNerFile(flags.wordsFrom, TAGS);
    words = from.tagger.words;
    if (news.length === 0) news.push(...from.card.news);
    inducedTokens = from.card.induced.tokens;
  } else {
    const inducer = new Inducer();
    for (const t of texts) inducer.add(t);
    words = inducer.induce(undefined, (line) => problems.note(line));
    inducedTokens = inducer.tokens;
  }

  // Labelled data, with every k-th article held out.
  const train: TrainSentence[] = [];
  const heldOut: { file: string; sentences: IobSentence[] }[] = [];
  const records: NerDataRecord[] = [];
  for (const { file, weight } of dataSpecs) {
    const { bytes } = readFile(file);
    let skipped = 0;
    const sentences = readIobFile(file, (e) => {
      skipped++;
      problems.error(e);
    });
    const groups = new Map<string, number>();
    const held: IobSentence[] = [];
    let used = 0;
    for (const g of groupSentences(sentences)) {
      const key = g[0]!.hasDoc ? g[0]!.group : null;
      if (key !== null && every > 0) {
        if (!groups.has(key)) groups.set(key, groups.size);
        if (groups.get(key)! % every === every - 1) {
          held.push(...g);
          continue;
        }
      }
      used += g.length;
      train.push(...trainingSentences(g, weight));
    }
    if (held.length > 0) heldOut.push({ file, sentences: held });
    records.push({ file, sha256: createHash('sha256').update(bytes).digest('hex'), sentences: sentences.length, used, weight, skipped });
    problems.note(`data: ${file}: ${sentences.length} sentences, ${used} for training`);
  }
  if (train.length === 0) throw new UsageError('E_EMPTY', 'no labelled sentences to train on');

  const tokens = train.reduce((n, s) => n + s.gold.length, 0);
  if (flags.selfTrain && texts.length > 0) {
    // Self-training: a first model tags the news; how often each form is part of each type becomes a word fact.
    const first = trainPerceptron(train, words, settings, (p) => problems.note(`first model, pass ${p.epoch}: ${p.errors} token errors of ${p.tokens}`));
    const firstModel = fromNerFile({ tagger: { weights: first, words }, settings, card: {} as NerCard });
    const counter = new TypeCounter();
    const typeIndex: Record<string, number> = { PER: 0, ORG: 1, LOC: 2, MISC: 3 };
    for (const text of texts) {
      const doc = makeDoc({ title: '', body: text });
      const typeOf = new Int8Array(doc.tokens.length).fill(-1);
      for (const m of recogniseEntities(doc, firstModel)) for (let i = m.tokenStart; i < m.tokenEnd; i++) typeOf[i] = typeIndex[m.type]!;
      const t = doc.tokens;
      counter.add(t.ids, (i) => isCapital(caseOf(doc.text, t.start[i]!, t.end[i]!, t.kind[i]!)), typeOf);
    }
    const before = words.hashes.length;
    words = counter.apply(words);
    problems.note(`self-training: the first model tagged ${texts.length} news texts; type shares for ${words.hashes.length - before} more forms (${words.hashes.length} in all)`);
  }
  const weights = trainPerceptron(train, words, settings, (p) => problems.note(`pass ${p.epoch}: ${p.errors} token errors of ${p.tokens}`));
  const seconds = (Date.now() - started) / 1000;

  const card: NerCard = {
    name: 'credence-ner',
    description:
      'Named entities (PER, ORG, LOC, MISC) in news text: an averaged structured perceptron over BIO tags with Viterbi decoding, on hashed features of each token and its neighbours ' +
      '(form, letter case, affixes, own word lists, how the form is written elsewhere in the article, and word facts induced from unlabelled news: distributional clusters, ' +
      'mid-sentence capitalisation rate, "said"/"Mr." cues, and the share of each type a first model gave the form there).',
    createdAt: new Date().toISOString(),
    credenceVersion: VERSION,
    command: rebuildCommand(io),
    trainingData: records,
    news,
    induced: { words: words.hashes.length, clusters: words.clusters, tokens: inducedTokens },
    notes: NER_NOTES,
    heldOut: [],
    fit: { seconds, epochs: settings.epochs, tokens },
  };
  const file = { tagger: { weights, words }, settings, card };
  const model = fromNerFile(file);
  for (const h of heldOut) {
    const figures = evaluate(model, h.sentences);
    card.heldOut.push({ name: `every ${ordinal(every)} article of \`${h.file}\``, sentences: h.sentences.length, figures } satisfies NerHeldOut);
  }
  if (flags.heldoutOut !== undefined) {
    const all = heldOut.flatMap((h) => h.sentences);
    writeFileSync(flags.heldoutOut, all.map((s) => JSON.stringify({ tokens: s.tokens, tags: s.tags, doc: s.group })).join('\n') + (all.length > 0 ? '\n' : ''));
  }
  for (const e of flags.eval ?? []) {
    const sentences = readIobFile(e, (err) => problems.error(err));
    if (sentences.length > 0) card.heldOut.push({ name: `\`${e}\``, sentences: sentences.length, figures: evaluate(model, sentences) });
  }
  for (const h of card.heldOut) problems.note(`held out: ${h.name}: F1 ${h.figures.f1.toFixed(3)} (P ${h.figures.precision.toFixed(3)}, R ${h.figures.recall.toFixed(3)}; PER ${h.figures.perType.PER.f1.toFixed(3)}, ORG ${h.figures.perType.ORG.f1.toFixed(3)}, LOC ${h.figures.perType.LOC.f1.toFixed(3)}, MISC ${h.figures.perType.MISC.f1.toFixed(3)})`);
  saveNer(flags.out, file, TAGS);
  writeFileSync(flags.out.replace(/\.cdm$/, '') + '.md', renderNerCard(card, settings));
  problems.note(`saved ${flags.out} (${seconds.toFixed(1)} s)`);
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}

function ordinal(k: number): string {
  return k === 1 ? '' : k === 2 ? '2nd' : k === 3 ? '3rd' : `${k}th`;
}

async function readStdin(io: Io): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of io.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}
