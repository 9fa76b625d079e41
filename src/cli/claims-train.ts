/**
 * `credence claims worthiness-train`: fit the check-worthiness model on JSON-lines files of labelled
 * sentences (single sentences, or sentences of transcripts), hold out a seeded stratified share of the
 * single sentences for the card's figures, and save the model with its card. The held-out sentences
 * never reach training, so the saved model can be measured on them (`--heldout-out` writes them).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UsageError } from '../article/errors.js';
import { arr, bool, check, num, obj } from '../learn/header-shape.js';
import { mergeSettings, parseAssignment } from '../learn/overrides.js';
import { rankAuc } from '../learn/ranking.js';
import { Random } from '../learn/random.js';
import { renderWorthinessCard, type WorthinessCard, type WorthinessDataRecord, type WorthinessHeldOut } from '../learn/worthiness/card.js';
import { sentenceFeatures } from '../learn/worthiness/features.js';
import { saveWorthiness } from '../learn/worthiness/file.js';
import { positiveClass } from '../learn/worthiness/metrics.js';
import { DEFAULT_WORTHINESS, fitWorthiness, isQuestion, scoreSpan, type TrainingRow, type WorthinessSettings, viewCalibration } from '../learn/worthiness/model.js';
import { makeDoc } from '../text/doc.js';
import { readWorthinessFile, sentenceKey, type WorthinessFile, type WorthinessRecord } from './claims-data.js';
import { EXIT, Problems, type Io } from './io.js';
import { checkOutPath, rebuildCommand } from './model-output.js';
import { progressFor } from './progress.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../../package.json') as { version: string }).version;

interface TrainFlags {
  data: string[];
  exclude?: string[];
  out: string;
  set: string[];
  holdout: string;
  heldoutOut?: string;
}

export const WORTHINESS_NOTES = [
  'Single sentences: ClaimBuster (Arslan, Hassan, Li & Tremayne, ICWSM 2020; utaresearch/claimbuster-spotter, GPL-3.0 code, no separate data licence stated); ' +
    'transcripts: CLEF CheckThat! 2019 Task 1 and 2020 Task 5 ("free for general research use"). No text is stored in the model, only hashed n-gram weights.',
  'English only; learned on US political debates and speeches. News prose differs: treat the score as a way to rank sentences for a person to read, not as a verdict.',
  'The score is calibrated to the single sentences\' sense ("a checkable factual claim"), not to the transcripts\' (1–3 % chosen by a fact-checker in that debate).',
];

const settingsShape = obj({
  seed: num({ int: true }),
  features: obj({
    bits: num({ int: true, min: 8, max: 24 }),
    charMin: num({ int: true, min: 0, max: 8 }),
    charMax: num({ int: true, min: 0, max: 8 }),
    weights: obj({ word: num({ min: 0 }), char: num({ min: 0 }), rules: num({ min: 0 }) }),
  }),
  folds: num({ int: true, min: 2, max: 20 }),
  transcriptWeight: num({ min: 0 }),
  tolerance: num({ min: 0 }),
  domainCopies: bool,
  nbScaling: obj({ smoothing: num({ min: 0 }), interpolation: num({ min: 0, max: 1 }) }),
  contextCGrid: arr(num({ min: 0 })),
  maxPasses: num({ int: true, min: 1 }),
});

export async function claimsWorthinessTrain(io: Io, flags: TrainFlags): Promise<number> {
  let settings: WorthinessSettings = structuredClone(DEFAULT_WORTHINESS);
  for (const s of flags.set) settings = mergeSettings(settings, parseAssignment(s), `--set ${s}`);
  check(settingsShape, settings, (field, message) => {
    throw new UsageError('E_CONFIG', `--set: setting "${field}": ${message}`);
  });
  if (settings.cGrid.length === 0 || settings.cGrid.some((c) => !(c > 0))) throw new UsageError('E_CONFIG', '--set: setting "cGrid": expected a list of positive numbers');
  const holdout = Number(flags.holdout);
  if (!(holdout >= 0 && holdout < 1)) throw new UsageError('E_USAGE', `--holdout: expected a fraction in [0, 1), got "${flags.holdout}"`);
  checkOutPath(flags.out, '--out', 'the model', [...flags.data, ...(flags.exclude ?? [])]);
  if (flags.heldoutOut !== undefined) checkOutPath(flags.heldoutOut, '--heldout-out', 'the held-out rows', [...flags.data, ...(flags.exclude ?? [])]);

  const problems = new Problems(io);
  const progress = progressFor(io);
  const started = performance.now();
  const files = flags.data.map((f) => readWorthinessFile(f, problems));
  const excluded = (flags.exclude ?? []).map((f) => readWorthinessFile(f, problems));
  const excludedDebates = new Set(excluded.flatMap((f) => f.records.flatMap((r) => (r.debate === null ? [] : [r.debate]))));
  const excludedTexts = new Set(excluded.flatMap((f) => f.records.map((r) => sentenceKey(r.text))));

  const plan = planRows(files, excludedDebates, excludedTexts, holdout, settings.seed);
  const trainRows = plan.train.map((r) => r.record);
  if (!trainRows.some((r) => r.y === 1) || !trainRows.some((r) => r.y === 0)) {
    progress.stop();
    throw new UsageError('E_EMPTY', `need check-worthy and not-check-worthy sentences to train; got ${trainRows.length} sentences from ${flags.data.join(', ')}`);
  }
  const rows: TrainingRow[] = trainRows.map((r, i) => {
    if (i % 2000 === 0) progress.update('featurising', i, trainRows.length);
    const doc = makeDoc({ title: '', body: r.text });
    const row: TrainingRow = { row: sentenceFeatures(doc, 0, doc.tokens.length, settings.features).row, y: r.y, group: r.debate };
    if (r.debate !== null) row.line = { position: r.position, speaker: r.speaker, question: isQuestion(r.text), tokens: doc.tokens.length };
    return row;
  });
  const fit = fitWorthiness(rows, settings, (what) => progress.update(what, 0));
  const model = fit.model;

  let heldOut: WorthinessHeldOut | undefined;
  if (plan.heldOut.length > 0) {
    progress.update('scoring the held-out sentences', 0);
    const y = plan.heldOut.map((r) => r.y);
    const p = plan.heldOut.map((r) => {
      const doc = makeDoc({ title: '', body: r.text });
      return scoreSpan(model, doc, 0, doc.tokens.length).p;
    });
    const m = positiveClass(y, p, viewCalibration(model, 'sentences').threshold);
    heldOut = {
      protocol:
        `${plan.heldOut.length} of the ${plan.singles} distinct single sentences (de-duplicated by id, then by text, across the files), ` +
        `a seeded stratified split (seed ${settings.seed}, fraction ${holdout}); no held-out text is among the training sentences of any file. ` +
        'The saved model is the one measured: it never saw these sentences.',
      n: plan.heldOut.length,
      positives: y.filter((v) => v === 1).length,
      precision: m.precision,
      recall: m.recall,
      f1: m.f1,
      rocAuc: rankAuc(y, p),
    };
    if (flags.heldoutOut !== undefined) {
      writeFileSync(flags.heldoutOut, plan.heldOut.map((r) => JSON.stringify({ ...(r.id !== null ? { id: r.id } : {}), text: r.text, label: r.y === 1 ? 'check-worthy' : 'not-check-worthy' })).join('\n') + '\n');
    }
  }
  progress.stop();

  const card: WorthinessCard = {
    name: 'credence-worthiness',
    description:
      'Check-worthiness of a sentence: the calibrated probability that it states a checkable factual claim worth a fact-checker\'s time. ' +
      'L2 logistic regression over hashed word 1–2-grams, character 3–5-grams and rule cues (numbers, comparisons, causes, predictions, attributions, laws), ' +
      'the single sentences\' n-gram copy Naive-Bayes scaled, C chosen by cross-validation; lines of a transcript then go through a second stage over their neighbours, speaker and turn. ' +
      'Platt-calibrated on out-of-fold scores.',
    createdAt: new Date().toISOString(),
    credenceVersion: VERSION,
    command: rebuildCommand(io),
    trainingData: files.map((f, i): WorthinessDataRecord => ({
      file: f.file,
      sha256: f.sha256,
      layout: f.records.some((r) => r.debate !== null) ? 'transcripts' : 'sentences',
      records: f.records.length,
      used: plan.train.filter((r) => r.file === i).length,
      checkWorthy: plan.train.filter((r) => r.file === i && r.record.y === 1).length,
      skipped: f.skipped,
    })),
    excluded: excluded.map((f) => ({
      file: f.file,
      sha256: f.sha256,
      debates: new Set(f.records.flatMap((r) => (r.debate === null ? [] : [r.debate]))).size,
      sentences: f.records.length,
    })),
    notes: WORTHINESS_NOTES,
    selection: fit.selection,
    ...(fit.context !== null ? { context: { ...fit.context, C: model.context!.C } } : {}),
    metrics: heldOut === undefined ? {} : { heldOut },
    fit: { seconds: Math.round((performance.now() - started) / 100) / 10, rows: rows.length, passes: fit.passes, C: model.C, threshold: viewCalibration(model, 'sentences').threshold },
  };
  saveWorthiness(flags.out, model, card);
  const swapped = flags.out.replace(/(\.[^./]+)?$/, '.md');
  const cardPath = swapped === flags.out ? `${flags.out}.md` : swapped;
  writeFileSync(cardPath, renderWorthinessCard(card, settings));

  const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
  const lines = [`trained on ${rows.length} sentences (${trainRows.filter((r) => r.y === 1).length} check-worthy) in ${card.fit.seconds} s; C = ${model.C}`];
  for (const s of fit.selection) lines.push(`  cross-validation C=${s.C}: best F1 ${f3(s.f1)}  MAP ${f3(s.map)}`);
  if (fit.context !== null) {
    lines.push(`  transcript context stage: out-of-fold MAP ${fit.context.selection.map((c) => `${f3(c.map)} (C=${c.C})`).join(', ')}; first stage alone ${f3(fit.context.firstStageMap)}`);
  }
  if (heldOut !== undefined) {
    lines.push(`held-out (${heldOut.n} sentences, ${heldOut.positives} check-worthy): precision ${f3(heldOut.precision)}  recall ${f3(heldOut.recall)}  F1 ${f3(heldOut.f1)}  ROC-AUC ${f3(heldOut.rocAuc)}`);
  }
  lines.push(`model: ${flags.out}`, `card:  ${cardPath}`);
  if (flags.heldoutOut !== undefined && heldOut !== undefined) lines.push(`held-out sentences: ${flags.heldoutOut}`);
  io.stdout.write(lines.join('\n') + '\n');
  if (problems.skipped > 0) problems.note(`${problems.skipped} line${problems.skipped === 1 ? '' : 's'} skipped (listed above)`);
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}

export interface Placed {
  record: WorthinessRecord;
  /** Index of the file it came from. */
  file: number;
}

/**
 * Which record trains and which is held out. Single sentences: one per id, then one per text (the first
 * file given wins), then the seeded stratified split. Transcripts: a transcript in several files is
 * taken from the last file that has it (give newer editions last), transcripts named in an excluded
 * file are dropped. No training sentence has the text of a held-out or excluded sentence.
 */
export function planRows(files: WorthinessFile[], excludedDebates: Set<string>, excludedTexts: Set<string>, holdout: number, seed: number) {
  const singles: Placed[] = [];
  const ids = new Set<string>();
  const texts = new Set<string>();
  const lastFileOf = new Map<string, number>();
  files.forEach((f, i) => {
    for (const r of f.records) {
      if (r.debate !== null) {
        lastFileOf.set(r.debate, i);
        continue;
      }
      const key = sentenceKey(r.text);
      if ((r.id !== null && ids.has(r.id)) || texts.has(key)) continue;
      if (r.id !== null) ids.add(r.id);
      texts.add(key);
      singles.push({ record: r, file: i });
    }
  });
  const rng = new Random(seed);
  const heldOut: WorthinessRecord[] = [];
  const train: Placed[] = [];
  for (const label of [0, 1]) {
    const members = rng.shuffle(singles.filter((s) => s.record.y === label));
    const cut = Math.round(holdout * members.length);
    members.forEach((s, j) => (j < cut ? heldOut.push(s.record) : train.push(s)));
  }
  const heldOutTexts = new Set(heldOut.map((r) => sentenceKey(r.text)));
  const clean = (p: Placed): boolean => {
    const key = sentenceKey(p.record.text);
    return !heldOutTexts.has(key) && !excludedTexts.has(key);
  };
  const kept = train.filter(clean);
  files.forEach((f, i) => {
    for (const r of f.records) {
      if (r.debate === null || lastFileOf.get(r.debate) !== i || excludedDebates.has(r.debate)) continue;
      const p = { record: r, file: i };
      if (clean(p)) kept.push(p);
    }
  });
  return { train: kept, heldOut, singles: singles.length };
}

/** Fail before the work, not after it: the folder must exist and the path must not be a folder. */

