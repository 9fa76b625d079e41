/**
 * `credence clickbait train`: fit the clickbait headline model on JSON lines of labelled headlines, hold
 * out a seeded stratified share (near-duplicate headlines kept on one side) for the card's figures, and
 * save the model with its card. The saved model is the one measured: it never saw the held-out rows
 * (`--heldout-out` writes them, for `credence clickbait eval`).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UsageError } from '../article/errors.js';
import { bool, check, num, obj } from '../learn/header-shape.js';
import { mergeSettings, parseAssignment } from '../learn/overrides.js';
import { renderClickbaitCard, type ClickbaitCard, type ClickbaitHeldOut } from '../learn/clickbait/card.js';
import { headlineFeatures } from '../learn/clickbait/features.js';
import { saveClickbait } from '../learn/clickbait/file.js';
import { clickbaitFigures, titleCase } from '../learn/clickbait/metrics.js';
import { DEFAULT_CLICKBAIT, fitClickbait, scoreHeadline, type ClickbaitSettings } from '../learn/clickbait/model.js';
import { headlineGroups, headlineSignature, headlineSplit } from '../learn/clickbait/split.js';
import { makeDoc } from '../text/doc.js';
import { readHeadlineFile, type HeadlineRecord } from './clickbait-data.js';
import { EXIT, Problems, type Io } from './io.js';
import { checkOutPath, rebuildCommand } from './model-output.js';
import { progressFor } from './progress.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../../package.json') as { version: string }).version;

interface TrainFlags {
  data: string[];
  out: string;
  set: string[];
  holdout: string;
  heldoutOut?: string;
}

export const CLICKBAIT_NOTES = [
  'Trained on Stop Clickbait (Chakraborty, Paranjape, Kakarla & Ganguly, ASONAM 2016; MIT licence, cite the paper): ' +
    'clickbait headlines from BuzzFeed, Upworthy, ViralNova and similar sites, non-clickbait from WikiNews, the New York Times, The Guardian and The Hindu. ' +
    'No text is stored in the model, only hashed n-gram weights.',
  'Labels are by site, not by headline: the model learns how those sites write. Casing is not a feature (the clickbait sites write Title Case, ' +
    'so casing alone would separate the classes on this set and nowhere else).',
  'English only. Read the probability as "written like a clickbait site\'s headline", a cue for a reader, not a verdict on the article.',
];

const settingsShape = obj({
  seed: num({ int: true }),
  features: obj({
    bits: num({ int: true, min: 8, max: 24 }),
    charMin: num({ int: true, min: 0, max: 8 }),
    charMax: num({ int: true, min: 0, max: 8 }),
    cased: bool,
    weights: obj({ word: num({ min: 0 }), char: num({ min: 0 }), form: num({ min: 0 }) }),
  }),
  folds: num({ int: true, min: 2, max: 20 }),
  tolerance: num({ min: 0 }),
  maxPasses: num({ int: true, min: 1 }),
});

export async function clickbaitTrain(io: Io, flags: TrainFlags): Promise<number> {
  let settings: ClickbaitSettings = structuredClone(DEFAULT_CLICKBAIT);
  for (const s of flags.set) settings = mergeSettings(settings, parseAssignment(s), `--set ${s}`);
  check(settingsShape, settings, (field, message) => {
    throw new UsageError('E_CONFIG', `--set: setting "${field}": ${message}`);
  });
  if (!Array.isArray(settings.cGrid) || settings.cGrid.length === 0 || settings.cGrid.some((c) => !(c > 0))) {
    throw new UsageError('E_CONFIG', '--set: setting "cGrid": expected a list of positive numbers');
  }
  if (settings.features.charMax > 0 && settings.features.charMin > settings.features.charMax) {
    throw new UsageError('E_CONFIG', `--set: setting "features.charMin": expected at most features.charMax (${settings.features.charMax}), got ${settings.features.charMin}`);
  }
  const holdout = Number(flags.holdout);
  if (!(holdout >= 0 && holdout < 1)) throw new UsageError('E_USAGE', `--holdout: expected a fraction in [0, 1), got "${flags.holdout}"`);
  checkOutPath(flags.out, '--out', 'the model', [...flags.data]);
  if (flags.heldoutOut !== undefined) checkOutPath(flags.heldoutOut, '--heldout-out', 'the held-out rows', [...flags.data]);

  const problems = new Problems(io);
  const progress = progressFor(io);
  const started = performance.now();
  const files = flags.data.map((f) => readHeadlineFile(f, problems));

  // One record per headline text (case and spacing ignored); the first file given wins.
  const seen = new Set<string>();
  const all: { record: HeadlineRecord; file: number }[] = [];
  files.forEach((f, i) => {
    for (const r of f.records) {
      const key = r.title.toLowerCase().replace(/\s+/g, ' ').trim();
      if (seen.has(key)) continue;
      seen.add(key);
      all.push({ record: r, file: i });
    }
  });
  const y = Uint8Array.from(all, (r) => r.record.y);
  if (!y.includes(1) || !y.includes(0)) {
    throw new UsageError('E_EMPTY', `need clickbait and not-clickbait headlines to train; got ${all.length} headlines from ${flags.data.join(', ')}`);
  }
  const docs = all.map((r, i) => {
    if (i % 4000 === 0) progress.update('reading headlines', i, all.length);
    return makeDoc({ title: r.record.title, body: '' });
  });
  const groups = headlineGroups(docs.map((d) => headlineSignature(d)));
  const test = holdout > 0 ? headlineSplit(y, groups, holdout, settings.seed) : new Uint8Array(all.length);
  const trainIdx: number[] = [];
  const testIdx: number[] = [];
  test.forEach((t, i) => (t === 1 ? testIdx : trainIdx).push(i));

  const rows = trainIdx.map((i) => headlineFeatures(docs[i]!, 0, docs[i]!.tokens.length, settings.features));
  const fit = fitClickbait(rows, Uint8Array.from(trainIdx, (i) => y[i]!), Int32Array.from(trainIdx, (i) => groups[i]!), settings, (what) => progress.update(what, 0));
  const model = fit.model;

  let heldOut: ClickbaitHeldOut | undefined;
  if (testIdx.length > 0) {
    progress.update('scoring the held-out headlines', 0);
    const yt = testIdx.map((i) => y[i]!);
    const figures = (recase: (s: string) => string): ReturnType<typeof clickbaitFigures> =>
      clickbaitFigures(yt, testIdx.map((i) => scoreHeadline(model, recase(all[i]!.record.title))));
    const m = figures((s) => s);
    const lower = figures((s) => s.toLowerCase());
    const title = figures(titleCase);
    heldOut = {
      protocol:
        `${testIdx.length} of the ${all.length} distinct headlines (de-duplicated by text, case ignored), a seeded split stratified by label ` +
        `(seed ${settings.seed}, fraction ${holdout}) keeping near-duplicate headlines (MinHash of word unigrams and bigrams, Jaccard ≥ 0.7) on one side. ` +
        'The saved model is the one measured: it never saw these headlines, and C and the calibration were chosen on the training rows alone.',
      n: m.n,
      positives: m.positives,
      accuracy: m.accuracy,
      precision: m.precision,
      recall: m.recall,
      f1: m.f1,
      rocAuc: m.rocAuc,
      lowerCased: { accuracy: lower.accuracy, rocAuc: lower.rocAuc },
      titleCased: { accuracy: title.accuracy, rocAuc: title.rocAuc },
    };
    if (flags.heldoutOut !== undefined) {
      const lines = testIdx.map((i) => {
        const r = all[i]!.record;
        return JSON.stringify({ ...(r.id !== null ? { id: r.id } : {}), title: r.title, label: r.y === 1 ? 'clickbait' : 'not-clickbait' });
      });
      writeFileSync(flags.heldoutOut, lines.join('\n') + '\n');
    }
  }
  progress.stop();

  const card: ClickbaitCard = {
    name: 'credence-clickbait',
    description:
      'Clickbait headlines: the calibrated probability that a headline is written like clickbait. ' +
      'L2 logistic regression over hashed word 1–2-grams, character 3–5-grams inside words and headline-form cues ' +
      '(starts with a number, addresses "you", asks, superlatives, "this/these", listicle nouns), all lower-cased; ' +
      'C chosen by grouped cross-validation, Platt-calibrated on out-of-fold scores.',
    createdAt: new Date().toISOString(),
    credenceVersion: VERSION,
    command: rebuildCommand(io),
    trainingData: files.map((f, i) => {
      const used = trainIdx.filter((j) => all[j]!.file === i);
      return { file: f.file, sha256: f.sha256, records: f.records.length, used: used.length, clickbait: used.filter((j) => y[j] === 1).length, skipped: f.skipped };
    }),
    notes: CLICKBAIT_NOTES,
    selection: fit.selection,
    metrics: heldOut === undefined ? {} : { heldOut },
    fit: { seconds: Math.round((performance.now() - started) / 100) / 10, rows: rows.length, passes: fit.passes, C: model.C },
  };
  saveClickbait(flags.out, model, card);
  const swapped = flags.out.replace(/(\.[^./]+)?$/, '.md');
  const cardPath = swapped === flags.out ? `${flags.out}.md` : swapped;
  writeFileSync(cardPath, renderClickbaitCard(card, settings));

  const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
  const lines = [`trained on ${rows.length} headlines (${trainIdx.filter((i) => y[i] === 1).length} clickbait) in ${card.fit.seconds} s; C = ${model.C}`];
  for (const s of fit.selection) lines.push(`  cross-validation C=${s.C}: accuracy ${f3(s.accuracy)}  log-loss ${f3(s.logLoss)}  ROC-AUC ${f3(s.rocAuc)}`);
  if (heldOut !== undefined) {
    lines.push(
      `held-out (${heldOut.n} headlines, ${heldOut.positives} clickbait): accuracy ${f3(heldOut.accuracy)}  precision ${f3(heldOut.precision)}  recall ${f3(heldOut.recall)}  F1 ${f3(heldOut.f1)}  ROC-AUC ${f3(heldOut.rocAuc)}`,
      `  re-cased: lower case accuracy ${f3(heldOut.lowerCased.accuracy)}; Title Case accuracy ${f3(heldOut.titleCased.accuracy)}`,
    );
  }
  lines.push(`model: ${flags.out}`, `card:  ${cardPath}`);
  if (flags.heldoutOut !== undefined && heldOut !== undefined) lines.push(`held-out headlines: ${flags.heldoutOut}`);
  io.stdout.write(lines.join('\n') + '\n');
  if (problems.skipped > 0) problems.note(`${problems.skipped} line${problems.skipped === 1 ? '' : 's'} skipped (listed above)`);
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}
