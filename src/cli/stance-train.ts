/**
 * `credence stance train`: fit a stance model on FNC-1 layout files, measure it on claims it never saw
 * (no body, headline or claim on both sides), refit on every pair, save it with its card.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UsageError } from '../article/errors.js';
import { readFnc1 } from '../evaluate/fnc1.js';
import { fileSha256, readStanceSides, scoreExamples, stanceCounts, stanceExamples } from '../evaluate/stance-data.js';
import { fncFigures, stanceMetrics, STANCES } from '../evaluate/stance-metrics.js';
import { DEV, stanceSplit, TRAIN } from '../evaluate/stance-split.js';
import { mergeSettings, parseAssignment } from '../learn/overrides.js';
import { renderStanceCard, type StanceCard, type StanceHeldOut } from '../learn/stance/card.js';
import { saveStance } from '../learn/stance/file.js';
import { DEFAULT_STANCE, fitStance, type StanceExample, type StanceSettings } from '../learn/stance/model.js';
import { checkStanceSettings } from '../learn/stance/settings.js';
import { EXIT, Problems, type Io } from './io.js';
import { checkOutPath, rebuildCommand } from './model-output.js';
import { progressFor, type Progress } from './progress.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../../package.json') as { version: string }).version;

interface StanceTrainFlags {
  bodies: string;
  stances: string;
  out: string;
  set: string[];
  holdout: string;
}

export const STANCE_NOTES = [
  'Trained on FNC-1 (Fake News Challenge stage 1, FakeNewsChallenge/fnc-1; built on the Emergent data of Ferreira & Vlachos, NAACL 2016). ' +
    'The FNC-1 repository states no licence: its texts are third-party news articles of 2014-2015, released for research on the challenge. ' +
    'No text is stored in the model, only IDF values, hashed n-gram weights, trees and a small network; check the challenge terms before commercial use.',
  'English only. Learned on rumours and claims of 2014-2015 as reported then; the held-out figures are for claims, headlines and bodies the model never saw, from the same collection.',
  'The stance is how the body reports the headline (agree, disagree, discuss, unrelated), not whether the headline is true.',
];

export async function stanceTrain(io: Io, flags: StanceTrainFlags): Promise<number> {
  let settings: StanceSettings = structuredClone(DEFAULT_STANCE);
  for (const s of flags.set) settings = mergeSettings(settings, parseAssignment(s), `--set ${s}`);
  checkStanceSettings(settings, '--set');
  const holdout = Number(flags.holdout);
  if (!(holdout >= 0 && holdout < 1)) throw new UsageError('E_USAGE', `--holdout: expected a fraction in [0, 1), got "${flags.holdout}"`);
  checkOutPath(flags.out, '--out', 'the model', [flags.bodies, flags.stances]);

  const problems = new Problems(io);
  const progress = progressFor(io);
  const started = performance.now();
  const data = readFnc1(flags.bodies, flags.stances, (e) => problems.error(e), { requireStance: true });
  const sides = readStanceSides(data, (done, total) => progress.update('reading', done, total));
  const examples = stanceExamples(data.pairs, sides);
  const counts = stanceCounts(data.pairs);
  const related = examples.length - counts.unrelated;
  if (examples.length < 4 || related === 0) {
    progress.stop();
    throw new UsageError(
      'E_EMPTY',
      `need at least 4 labelled pairs, some of them agree, disagree or discuss, to train; got ${examples.length} (${related} related) from ${flags.stances}`,
    );
  }

  let heldOut: StanceHeldOut | undefined;
  if (holdout > 0) heldOut = measure(examples, data, holdout, settings, progress, problems);
  const full = fitStance(examples, settings, stageProgress(progress, 'fit'));
  progress.stop();

  const card: StanceCard = {
    name: 'credence-stance',
    description:
      'Stance of an article body toward its headline or a claim (FNC-1: agree, disagree, discuss, unrelated), with the body sentences that most support or contradict it. ' +
      'Stage 1 (related or not): gradient-boosted trees on headline-body similarity. Stage 2 (agree, disagree, discuss): trees and a small MLP on the same features, ' +
      'stance cues and the out-of-fold decision values of linear models over hashed n-grams.',
    createdAt: new Date().toISOString(),
    credenceVersion: VERSION,
    command: rebuildCommand(io),
    trainingData: [
      {
        bodies: flags.bodies,
        stances: flags.stances,
        bodiesSha256: fileSha256(flags.bodies),
        stancesSha256: fileSha256(flags.stances),
        pairs: examples.length,
        bodyCount: sides.bodies.size,
        skipped: data.skipped.bodies + data.skipped.stances,
        counts,
      },
    ],
    notes: STANCE_NOTES,
    metrics: heldOut === undefined ? {} : { heldOut },
    fit: { seconds: round1((performance.now() - started) / 1000), pairs: full.report.pairs, related: full.report.related },
  };
  saveStance(flags.out, full.model, card);
  const swapped = flags.out.replace(/(\.[^./]+)?$/, '.md');
  const cardPath = swapped === flags.out ? `${flags.out}.md` : swapped;
  writeFileSync(cardPath, renderStanceCard(card, settings));

  const lines = [
    `trained on ${examples.length} pairs (${sides.bodies.size} bodies, ${sides.headlines.size} headlines; ${related} related) in ${card.fit.seconds} s`,
  ];
  if (heldOut !== undefined) {
    lines.push(
      `held-out (${heldOut.pairs} pairs of claims never seen in training): FNC ${heldOut.fncScore.toFixed(2)} / ${heldOut.maxScore.toFixed(2)} = ${heldOut.relativeScore.toFixed(2)} %  macro-F1 ${heldOut.macroF1.toFixed(3)}`,
      `  F1 ${STANCES.map((s) => `${s} ${heldOut!.perClassF1[s].toFixed(3)}`).join('  ')}`,
    );
  }
  lines.push(`model: ${flags.out}`, `card:  ${cardPath}`);
  io.stdout.write(lines.join('\n') + '\n');
  if (problems.skipped > 0) problems.note(`trained on ${examples.length} pairs; ${problems.skipped} row${problems.skipped === 1 ? '' : 's'} skipped (listed above)`);
  return problems.skipped > 0 ? EXIT.skipped : EXIT.ok;
}

/**
 * Hold out whole claims (src/evaluate/stance-split.ts): no body, no headline and no claim on both sides.
 * Fit on the rest with the same settings and score the held-out pairs.
 */
function measure(
  examples: StanceExample[],
  data: ReturnType<typeof readFnc1>,
  holdout: number,
  settings: StanceSettings,
  progress: Progress,
  problems: Problems,
): StanceHeldOut | undefined {
  const labelled = data.pairs.filter((p) => p.stance !== undefined);
  const split = stanceSplit(labelled, data.bodies, holdout, settings.seed);
  const train = examples.filter((_, i) => split.part[i] === TRAIN);
  const dev = examples.filter((_, i) => split.part[i] === DEV);
  const trainRelated = train.filter((e) => e.stance !== 'unrelated').length;
  if (dev.length === 0 || train.length < 4 || trainRelated === 0) {
    problems.note(`warning: no held-out figures: holding out ${Math.round(holdout * 100)} % of ${split.claims} claims left ${train.length} training pairs (${trainRelated} related) and ${dev.length} held-out pairs`);
    return undefined;
  }
  const { model } = fitStance(train, settings, stageProgress(progress, 'held-out fit'));
  const { gold, pred } = scoreExamples(model, dev);
  const m = stanceMetrics(gold, pred);
  return {
    protocol:
      `${split.devClaims} of ${split.claims} claims held out (stratified by stance, seed ${settings.seed}, fraction ${holdout}): no body, headline or claim in both ` +
      `the ${train.length} training pairs and the ${dev.length} held-out pairs (${examples.length - train.length - dev.length} unrelated pairs across the split left out), ` +
      'scored by a model fitted with the same settings on the training pairs; the saved model is then refitted on all pairs',
    pairs: dev.length,
    ...fncFigures(m),
  };
}

function stageProgress(progress: Progress, what: string) {
  return (stage: string, done: number, total: number): void => progress.update(`${what}: ${stage}`, done, total);
}

/** Fail before the work, not after it: the model's folder must exist and the path must not be a folder. */


function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
