/** `credence train`: fit a reliability model on labelled data, measure it on held-out rows, save it with its card. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { UsageError } from '../article/errors.js';
import { parseSpec } from '../ingest/index.js';
import { renderCard, type CrossDatasetCell, type HeldOutMetrics, type ModelCard } from '../learn/card.js';
import { mergeSettings, parseAssignment } from '../learn/overrides.js';
import { checkReliabilitySettings } from '../learn/reliability-checks.js';
import { saveReliability } from '../learn/reliability-file.js';
import { ColumnTally } from '../learn/column-tally.js';
import { DEFAULT_RELIABILITY, fitFromCounts, pUnreliableFromCounts, type ReliabilitySettings } from '../learn/reliability.js';
import { stratifiedGroupSplit } from '../learn/split.js';
import { binaryMetrics } from '../evaluate/metrics.js';
import { featureRows, loadLabelled, type FeatureRow } from '../evaluate/labelled.js';
import { EXIT, Problems, type Io } from './io.js';
import { checkOutPath, rebuildCommand } from './model-output.js';
import { readOptions, type DataFlags } from './options.js';
import { progressFor, type Progress } from './progress.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../../package.json') as { version: string }).version;

interface TrainFlags extends DataFlags {
  data?: string[];
  out: string;
  config?: string;
  set: string[];
  holdout: string;
  crossDataset?: boolean;
}

interface TrainConfig {
  name?: string;
  description?: string;
  data?: string[];
  settings?: unknown;
  notes?: string[];
}

export async function train(io: Io, flags: TrainFlags): Promise<number> {
  const config = flags.config === undefined ? {} : readConfig(flags.config);
  const base = flags.config === undefined ? process.cwd() : dirname(resolve(flags.config));
  // Read from the resolved path; name each set as the user wrote it (cards stay portable).
  const named = [...(config.data ?? []).map((s) => ({ name: s, spec: resolveSpec(s, base) })), ...(flags.data ?? []).map((s) => ({ name: s, spec: s }))];
  const specs = named.map((n) => n.spec);
  if (specs.length === 0) throw new UsageError('E_USAGE', 'no training data: give --data SPEC (or a --config with "data")');
  let settings = mergeSettings(DEFAULT_RELIABILITY, config.settings, flags.config ?? 'config');
  for (const s of flags.set) settings = mergeSettings(settings, parseAssignment(s), `--set ${s}`);
  checkReliabilitySettings(settings, flags.config ?? '--set');
  const holdout = Number(flags.holdout);
  if (!(holdout >= 0 && holdout < 1)) throw new UsageError('E_USAGE', `--holdout: expected a fraction in [0, 1), got "${flags.holdout}"`);
  const inputs = [...specs.map((s) => parseSpec(s).path), ...(flags.config === undefined ? [] : [flags.config])];
  checkOutPath(flags.out, '--out', 'the model', inputs);
  checkOutPath(cardPathFor(flags.out), '--out (its card)', 'the model card', inputs);

  const problems = new Problems(io);
  const progress = progressFor(io);
  const sets = (await loadLabelled(specs, readOptions(flags), problems, (n) => progress.update('reading', n))).map((set, i) => ({
    ...set,
    spec: named[i]!.name,
    record: { ...set.record, spec: named[i]!.name },
  }));
  const total = sets.reduce((n, s) => n + s.articles.length, 0);
  const classes = new Set(sets.flatMap((s) => s.articles.map((a) => a.y)));
  if (total < 10 || classes.size < 2) {
    progress.stop();
    throw new UsageError('E_EMPTY', `need at least 10 labelled articles of both classes to train; got ${total} (${[...classes].length} class${classes.size === 1 ? '' : 'es'})`);
  }

  const started = performance.now();
  const tally = new ColumnTally(settings.features);
  const rows = await featureRows(sets, settings.features, settings.styleWeight !== 0, (done, all) => progress.update('features', done, all), tally);
  let heldOut: HeldOutMetrics | undefined;
  if (holdout > 0) {
    const test = stratifiedGroupSplit(Uint8Array.from(rows, (r) => r.y), Int32Array.from(rows, (r) => r.group), holdout, settings.seed);
    heldOut = await measure(rows.filter((_, i) => test[i] === 0), rows.filter((_, i) => test[i] === 1), settings, progress, 'held-out fit');
    heldOut.protocol = `${Math.round(holdout * 100)}% of the articles (stratified, near-duplicates kept together, seed ${settings.seed}), scored by a model fitted with the same settings on the other ${Math.round((1 - holdout) * 100)}%; the saved model is then refitted on all articles`;
  }
  let crossDataset: CrossDatasetCell[] | undefined;
  if (flags.crossDataset === true && sets.length > 1) {
    crossDataset = [];
    for (const s of sets) {
      const test = rows.filter((r) => r.source === s.spec);
      // A story near-duplicated in the held-out set stays out of training too.
      const held = new Set(test.map((r) => r.group));
      const m = await measure(rows.filter((r) => r.source !== s.spec && !held.has(r.group)), test, settings, progress, `without ${s.spec}`);
      crossDataset.push({ test: s.spec, train: sets.filter((o) => o !== s).map((o) => o.spec), n: m.n, rocAuc: m.rocAuc, balancedAccuracy: m.balancedAccuracy });
    }
  }
  const { model, report } = await fit(rows, settings, progress, 'fit', tally);
  progress.stop();

  const card: ModelCard = {
    name: config.name ?? 'reliability',
    description: config.description ?? 'Probability that a news article is unreliable, from its title and body text.',
    createdAt: new Date().toISOString(),
    credenceVersion: VERSION,
    command: rebuildCommand(io),
    trainingData: sets.map((s) => s.record),
    notes: config.notes ?? [],
    metrics: { ...(heldOut ? { heldOut } : {}), ...(crossDataset ? { crossDataset } : {}) },
    fit: { seconds: round((performance.now() - started) / 1000), passes: report.iterations, converged: report.converged, articles: rows.length },
  };
  saveReliability(flags.out, model, card);
  const cardPath = cardPathFor(flags.out);
  writeFileSync(cardPath, renderCard(card, settings));

  const lines = [`trained on ${rows.length} articles from ${sets.length} dataset${sets.length === 1 ? '' : 's'} in ${card.fit.seconds} s`];
  if (heldOut) {
    lines.push(
      `held-out (${heldOut.n} articles): ROC-AUC ${fmt(heldOut.rocAuc)}  balanced accuracy ${fmt(heldOut.balancedAccuracy)}  F1 ${fmt(heldOut.f1)}  Brier ${fmt(heldOut.brier)}  ECE ${fmt(heldOut.ece)}`,
    );
  }
  for (const c of crossDataset ?? []) lines.push(`without ${c.test} (${c.n} articles): ROC-AUC ${fmt(c.rocAuc)}  balanced accuracy ${fmt(c.balancedAccuracy)}`);
  lines.push(`model: ${flags.out}`, `card:  ${cardPath}`);
  io.stdout.write(lines.join('\n') + '\n');
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}

function fit(rows: readonly FeatureRow[], settings: ReliabilitySettings, progress: Progress, stage: string, tally?: ColumnTally) {
  return fitFromCounts(
    rows.map((r) => r.counts),
    rows.map((r) => r.raw),
    rows,
    settings,
    { progress: (_s, done, total) => progress.update(stage, done, total), ...(tally === undefined ? {} : { tally }) },
  );
}

async function measure(train: FeatureRow[], test: FeatureRow[], settings: ReliabilitySettings, progress: Progress, stage: string): Promise<HeldOutMetrics> {
  const { model } = await fit(train, settings, progress, stage);
  const p = test.map((r) => pUnreliableFromCounts(model, r.counts, r.raw));
  const m = binaryMetrics(test.map((r) => r.y), p);
  return {
    protocol: '',
    n: m.n,
    accuracy: round(m.accuracy),
    balancedAccuracy: round(m.balancedAccuracy),
    rocAuc: m.rocAuc === null ? null : round(m.rocAuc),
    f1: round(m.f1),
    brier: round(m.brier),
    ece: round(m.ece),
  };
}

/** Fail before the work, not after it: the model's folder must exist and the path must not be a folder. */

function readConfig(path: string): TrainConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError('E_CONFIG', 'cannot read the training config', { file: path });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError('E_CONFIG', `not valid JSON (${(err as Error).message})`, { file: path });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError('E_CONFIG', 'expected a JSON object', { file: path });
  const c = parsed as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!['name', 'description', 'data', 'settings', 'notes', '$comment'].includes(key)) {
      throw new UsageError('E_CONFIG', `unknown key "${key}" (expected name, description, data, settings, notes)`, { file: path });
    }
  }
  const strings = (k: string): string[] | undefined => {
    const v = c[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new UsageError('E_CONFIG', `"${k}" must be a list of strings`, { file: path });
    return v as string[];
  };
  return {
    ...(typeof c.name === 'string' ? { name: c.name } : {}),
    ...(typeof c.description === 'string' ? { description: c.description } : {}),
    ...(strings('data') ? { data: strings('data') } : {}),
    ...(c.settings !== undefined ? { settings: c.settings } : {}),
    ...(strings('notes') ? { notes: strings('notes') } : {}),
  };
}

/** A config's data paths are relative to the config file. */
function resolveSpec(spec: string, base: string): string {
  const { preset, path } = parseSpec(spec);
  const abs = path === '-' || isAbsolute(path) ? path : resolve(base, path);
  return preset === undefined ? abs : `${preset}:${abs}`;
}


function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function fmt(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(3);
}

/** The card goes beside the model as .md, never over it (--out model.md). */
function cardPathFor(out: string): string {
  const swapped = out.replace(/(\.[^./]+)?$/, '.md');
  return swapped === out ? `${out}.md` : swapped;
}
