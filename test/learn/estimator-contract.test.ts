/**
 * The estimator contract (in the spirit of scikit-learn's estimator_checks), run against the reliability
 * model: it learns, it is deterministic for a seed, it leaves its inputs alone, its probabilities are
 * probabilities, and its file survives a round trip and refuses to load when damaged.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/article/errors.js';
import { binaryMetrics } from '../../src/evaluate/metrics.js';
import type { ModelCard } from '../../src/learn/card.js';
import { encodeModel, FORMAT_VERSION } from '../../src/learn/model-file.js';
import { loadReliability, saveReliability } from '../../src/learn/reliability-file.js';
import {
  bandOf,
  DEFAULT_RELIABILITY,
  decisionValue,
  fitReliability,
  pUnreliable,
  type ReliabilityModel,
  type ReliabilitySettings,
  type TrainingRow,
} from '../../src/learn/reliability.js';
import { makeDoc, type Doc } from '../../src/text/doc.js';
import { syntheticCorpus } from '../helpers/synthetic.js';

const SETTINGS: ReliabilitySettings = {
  ...DEFAULT_RELIABILITY,
  seed: 11,
  features: { ...DEFAULT_RELIABILITY.features, bucketsLog2: 13 },
  calibration: { ...DEFAULT_RELIABILITY.calibration, method: 'platt' },
};

function rowsOf(articles: ReturnType<typeof syntheticCorpus>, source = 'synthetic'): TrainingRow[] {
  return articles.map((a, i) => ({ doc: makeDoc(a), y: a.label === 'unreliable' ? 1 : 0, source, group: i }));
}

const CARD: ModelCard = {
  name: 'contract-test',
  description: 'A tiny model trained in a test.',
  createdAt: '2024-01-01T00:00:00.000Z',
  credenceVersion: '0.0.0-test',
  command: 'vitest',
  trainingData: [],
  notes: [],
  metrics: {},
  fit: { seconds: 0, passes: 0, converged: true, articles: 0 },
};

// Train on 160 articles, hold out 80 that the model never sees.
const corpus = syntheticCorpus(240, 3, { flip: 0, mix: 0.15 });
const train = rowsOf(corpus.slice(0, 160));
const heldOut = rowsOf(corpus.slice(160));
let model: ReliabilityModel;
let dir: string;

beforeAll(async () => {
  model = (await fitReliability(train, SETTINGS)).model;
  dir = mkdtempSync(join(tmpdir(), 'credence-contract-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fit', () => {
  it('learns the two styles: high ROC-AUC and accuracy on articles it did not see', () => {
    const p = heldOut.map((r) => pUnreliable(model, r.doc));
    const m = binaryMetrics(heldOut.map((r) => r.y), p);
    expect(new Set(heldOut.map((r) => r.y)).size, 'both classes are held out').toBe(2);
    expect(m.rocAuc!).toBeGreaterThan(0.95);
    expect(m.balancedAccuracy).toBeGreaterThan(0.85);
  });

  it('does better than chance with noisy labels too (10% flipped)', async () => {
    const noisy = syntheticCorpus(240, 5, { flip: 0.1, mix: 0.25 });
    const { model: m } = await fitReliability(rowsOf(noisy.slice(0, 160)), SETTINGS);
    // Score against the held-out labels as written, noise included.
    const test = rowsOf(noisy.slice(160));
    const auc = binaryMetrics(test.map((r) => r.y), test.map((r) => pUnreliable(m, r.doc))).rocAuc!;
    expect(auc).toBeGreaterThan(0.75);
  });

  it('gives the same weights, bias and calibrator for the same seed', async () => {
    const again = (await fitReliability(train, SETTINGS)).model;
    expect(Array.from(again.weights)).toEqual(Array.from(model.weights));
    expect(again.bias).toBe(model.bias);
    expect(again.calibrator).toEqual(model.calibrator);
    expect(again.idf === undefined ? undefined : Array.from(again.idf)).toEqual(model.idf === undefined ? undefined : Array.from(model.idf));
  });

  it('leaves its inputs unchanged (rows, docs and settings)', () => {
    const rows = rowsOf(corpus.slice(0, 60));
    const settings = structuredClone(SETTINGS);
    const snapshot = (rs: TrainingRow[]) =>
      JSON.stringify(
        rs.map((r) => ({
          y: r.y,
          source: r.source,
          group: r.group,
          text: r.doc.text,
          start: Array.from(r.doc.tokens.start),
          end: Array.from(r.doc.tokens.end),
          kind: Array.from(r.doc.tokens.kind),
          norm: r.doc.tokens.norm,
          sentences: r.doc.sentences,
          masked: Array.from(r.doc.masked),
          artefacts: r.doc.artefacts,
        })),
      );
    const before = snapshot(rows);
    const order = rows.map((r) => r.doc);
    fitReliability(rows, settings);
    expect(snapshot(rows)).toBe(before);
    expect(rows.map((r) => r.doc)).toEqual(order);
    expect(settings).toEqual(SETTINGS);
  });

  it('refuses too few articles with a clear error', async () => {
    await expect(fitReliability(train.slice(0, 3), SETTINGS)).rejects.toThrow(/at least 4/);
  });
});

describe('predictions', () => {
  const unusual: [string, Doc][] = [
    ['an empty article', makeDoc({ title: '', body: '' })],
    ['a title only', makeDoc({ title: 'SHOCKING!!', body: '' })],
    ['words the model never saw', makeDoc({ title: 'Zyx qwv', body: 'Plorn vexate quibble snorf. Glimmer trundle!' })],
    ['a long repetitive article', makeDoc({ title: 'x', body: 'You will not believe this! '.repeat(5000) })],
    ['another script', makeDoc({ title: 'Новости', body: 'Президент сказал, что переговоры продолжатся.' })],
  ];

  it('are finite probabilities in [0, 1] with a band, on seen, unseen and unusual articles', () => {
    const docs = [...train.slice(0, 20), ...heldOut].map((r) => r.doc).concat(unusual.map(([, d]) => d));
    for (const doc of docs) {
      const p = pUnreliable(model, doc);
      expect(Number.isFinite(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(['likely reliable', 'uncertain', 'likely unreliable']).toContain(bandOf(model, p));
    }
  });

  it('go up with the decision value (calibration is monotone)', () => {
    const scored = heldOut.map((r) => [decisionValue(model, r.doc), pUnreliable(model, r.doc)] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < scored.length; i++) expect(scored[i]![1]).toBeGreaterThanOrEqual(scored[i - 1]![1]);
  });

  it('do not depend on what was scored before', () => {
    const doc = heldOut[0]!.doc;
    const first = pUnreliable(model, doc);
    for (const r of heldOut) pUnreliable(model, r.doc);
    expect(pUnreliable(model, doc)).toBe(first);
  });

  it('put the bands where the settings say', () => {
    const { reliableBelow, unreliableAbove } = model.settings.bands;
    expect(bandOf(model, reliableBelow - 1e-9)).toBe('likely reliable');
    expect(bandOf(model, (reliableBelow + unreliableAbove) / 2)).toBe('uncertain');
    expect(bandOf(model, unreliableAbove + 1e-9)).toBe('likely unreliable');
  });
});

describe('model file', () => {
  let path: string;
  let bytes: Buffer;
  beforeAll(() => {
    path = join(dir, 'model.cdm');
    saveReliability(path, model, CARD);
    bytes = readFileSync(path);
  });

  /** Writes `content` to a fresh file and returns the error loading it raises. */
  function loadError(name: string, content: Buffer | string): UsageError {
    const p = join(dir, name);
    writeFileSync(p, content);
    try {
      loadReliability(p);
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      const e = err as UsageError;
      expect(e.where.file).toBe(p);
      expect(e.message).not.toMatch(/\n/);
      return e;
    }
    throw new Error(`${name} was loaded`);
  }

  function withCrc(b: Buffer): Buffer {
    const copy = Buffer.from(b);
    copy.writeUInt32LE(crc32(copy.subarray(0, copy.length - 4)), copy.length - 4);
    return copy;
  }

  it('round-trips: same settings, weights, card and exactly the same predictions', () => {
    const loaded = loadReliability(path);
    expect(loaded.card).toEqual(CARD);
    expect(loaded.model.settings).toEqual(model.settings);
    expect(loaded.model.bias).toBe(model.bias);
    expect(loaded.model.calibrator).toEqual(model.calibrator);
    expect(Array.from(loaded.model.weights)).toEqual(Array.from(model.weights));
    expect(Array.from(loaded.model.style.mean)).toEqual(Array.from(model.style.mean));
    expect(Array.from(loaded.model.style.sd)).toEqual(Array.from(model.style.sd));
    for (const r of heldOut) expect(pUnreliable(loaded.model, r.doc)).toBe(pUnreliable(model, r.doc));
  });

  it('leaves no temporary file behind', () => {
    const p = join(dir, 'again.cdm');
    saveReliability(p, model, CARD);
    expect(readFileSync(p).equals(bytes)).toBe(true);
  });

  it('refuses a file with one byte flipped', () => {
    for (const at of [20, Math.floor(bytes.length / 2), bytes.length - 10]) {
      const bad = Buffer.from(bytes);
      bad[at] = bad[at]! ^ 0x40;
      expect(loadError(`flipped-${at}.cdm`, bad).message).toMatch(/checksum does not match.*truncated or corrupt/);
    }
  });

  it('refuses a truncated file', () => {
    expect(loadError('half.cdm', bytes.subarray(0, Math.floor(bytes.length / 2))).message).toMatch(/truncated/);
    expect(loadError('last-byte.cdm', bytes.subarray(0, bytes.length - 1)).message).toMatch(/truncated/);
    expect(loadError('header-only.cdm', bytes.subarray(0, 12)).message).toMatch(/truncated/);
  });

  it('refuses a file of another format version, saying which and what to do', () => {
    const other = Buffer.from(bytes);
    other.writeUInt32LE(FORMAT_VERSION + 1, 8);
    const e = loadError('v-next.cdm', withCrc(other));
    expect(e.code).toBe('E_MODEL_VERSION');
    expect(e.message).toContain(`version ${FORMAT_VERSION + 1}`);
    expect(e.message).toContain(`reads version ${FORMAT_VERSION}`);
    expect(e.message).toMatch(/retrain/);
  });

  it('refuses files that are not models', () => {
    expect(loadError('notes.txt', 'City council approves budget\n\nThe vote was 7-2.\n').message).toMatch(/signature/);
    expect(loadError('empty.cdm', '').message).toMatch(/signature|empty/);
    expect(loadError('json.cdm', JSON.stringify({ weights: [1, 2, 3] })).message).toMatch(/signature/);
  });

  it('refuses a model of another kind', () => {
    const stance = encodeModel({ kind: 'stance', header: { anything: true }, arrays: { w: new Float32Array(4) } });
    expect(loadError('stance.cdm', stance).message).toMatch(/holds a "stance" model, not a "reliability" model/);
  });

  it('refuses a well-formed file whose contents do not fit', () => {
    const noWeights = encodeModel({
      kind: 'reliability',
      header: { settings: model.settings, bias: 0, calibrator: model.calibrator, card: CARD },
      arrays: { weights: new Float32Array(10), styleMean: model.style.mean, styleSd: model.style.sd },
    });
    expect(loadError('short-weights.cdm', noWeights).message).toMatch(/array "weights"/);
    const badHeader = encodeModel({ kind: 'reliability', header: { settings: model.settings, bias: 'x' }, arrays: {} });
    expect(loadError('bad-header.cdm', badHeader).message).toMatch(/header field "bias"/);
    // settings that predicting needs, missing: refused on loading, not a crash on the first article
    const { blockWeights: _dropped, ...features } = model.settings.features;
    const partial = encodeModel({
      kind: 'reliability',
      header: { settings: { ...model.settings, features }, bias: 0, calibrator: model.calibrator, card: CARD },
      arrays: { weights: model.weights, styleMean: model.style.mean, styleSd: model.style.sd },
    });
    expect(loadError('partial-settings.cdm', partial).message).toMatch(/header field "settings\.features\.blockWeights"/);
    const shortStyle = encodeModel({
      kind: 'reliability',
      header: { settings: model.settings, bias: 0, calibrator: model.calibrator, card: CARD },
      arrays: { weights: model.weights, styleMean: new Float64Array(2), styleSd: new Float64Array(2) },
    });
    expect(loadError('short-style.cdm', shortStyle).message).toMatch(/array "styleMean"/);
    // an isotonic calibrator with fewer values than thresholds would score NaN
    const lopsided = encodeModel({
      kind: 'reliability',
      header: { settings: model.settings, bias: 0, calibrator: { kind: 'isotonic', thresholds: [-1, 0, 1], values: [0.2] }, card: CARD },
      arrays: { weights: model.weights, styleMean: model.style.mean, styleSd: model.style.sd },
    });
    expect(loadError('lopsided.cdm', lopsided).message).toMatch(/header field "calibrator": thresholds and values must be as many/);
  });

  it('says so when the file is missing', () => {
    expect(() => loadReliability(join(dir, 'nope.cdm'))).toThrow(UsageError);
    expect(() => loadReliability(join(dir, 'nope.cdm'))).toThrow(/no such model file/);
  });
});
