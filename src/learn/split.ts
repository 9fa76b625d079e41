/**
 * Seeded splits that keep every group (e.g. a set of near-duplicate articles) wholly on one side, with
 * class proportions as even as the groups allow. After scikit-learn's StratifiedGroupKFold with shuffling:
 * groups are shuffled by the seed, ordered with the most class-lopsided (then largest) first, and each is
 * placed in the part that leaves the class proportions across parts most even.
 */
import { UsageError } from '../article/errors.js';
import { Random } from './random.js';

/** The fold (0..k-1) of every row, with each group in exactly one fold. */
export function stratifiedGroupKFold(labels: ArrayLike<number>, groups: Int32Array, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new UsageError('E_USAGE', `the number of folds must be an integer of at least 2, got ${k}`);
  const plan: PartPlan = { shares: new Array<number>(k).fill(1 / k), description: `${k} folds`, nameOf: (f) => `fold ${f}` };
  return assignParts(labels, groups, plan, seed);
}

/** 1 for every test row, 0 for every training row, with each group wholly on one side. */
export function stratifiedGroupSplit(labels: ArrayLike<number>, groups: Int32Array, testFraction: number, seed: number): Uint8Array {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new UsageError('E_USAGE', `the test fraction must be between 0 and 1, got ${testFraction}`);
  }
  const plan: PartPlan = {
    shares: [1 - testFraction, testFraction],
    description: `a training set and a ${Math.round(testFraction * 100)}% test set`,
    nameOf: (part) => (part === 1 ? 'the test set' : 'the training set'),
  };
  return Uint8Array.from(assignParts(labels, groups, plan, seed));
}

interface PartPlan {
  /** Each part's target share of every class; they sum to 1. */
  shares: readonly number[];
  /** The parts as a whole, for messages: "5 folds". */
  description: string;
  /** One part, for messages: "fold 3". */
  nameOf(part: number): string;
}

/** Class counts per group, as a groups × classes table, and which group each row is in. */
interface GroupTable {
  readonly groupCount: number;
  readonly classCount: number;
  /** counts[g * classCount + c]: rows of class c in group g. */
  readonly counts: Float64Array;
  readonly classTotals: Float64Array;
  /** Dense group index of every row. */
  readonly groupOfRow: Int32Array;
}

function assignParts(labels: ArrayLike<number>, groups: Int32Array, plan: PartPlan, seed: number): Int32Array {
  const { shares } = plan;
  const table = tabulate(labels, groups);
  const parts = shares.length;
  if (table.groupCount < parts) {
    throw new UsageError(
      'E_USAGE',
      `cannot make ${plan.description} from ${table.groupCount} group${table.groupCount === 1 ? '' : 's'} of rows: ` +
        'each group (a set of near-duplicates) stays whole',
    );
  }

  const partOfGroup = new Int32Array(table.groupCount);
  const partCounts = new Float64Array(parts * table.classCount);
  for (const g of placementOrder(table, seed)) {
    const part = bestPart(table, g, partCounts, shares);
    partOfGroup[g] = part;
    for (let c = 0; c < table.classCount; c++) partCounts[part * table.classCount + c]! += table.counts[g * table.classCount + c]!;
  }

  const partOfRow = new Int32Array(table.groupOfRow.length);
  const rowsInPart = new Int32Array(parts);
  for (let i = 0; i < partOfRow.length; i++) {
    const part = partOfGroup[table.groupOfRow[i]!]!;
    partOfRow[i] = part;
    rowsInPart[part]!++;
  }
  const empty = rowsInPart.indexOf(0);
  if (empty !== -1) {
    throw new UsageError(
      'E_USAGE',
      `${plan.nameOf(empty)} would be empty: ${table.groupCount} groups of rows are too few or too uneven in size ` +
        `to make ${plan.description}`,
    );
  }
  return partOfRow;
}

function tabulate(labels: ArrayLike<number>, groups: Int32Array): GroupTable {
  if (labels.length !== groups.length) throw new RangeError(`${labels.length} labels but ${groups.length} group ids`);
  if (labels.length === 0) throw new RangeError('no rows to split');
  const classIndex = denseIndex(labels, 'label');
  const groupIndex = denseIndex(groups, 'group');
  const classCount = classIndex.size;
  const groupOfRow = new Int32Array(groups.length);
  const counts = new Float64Array(groupIndex.size * classCount);
  const classTotals = new Float64Array(classCount);
  for (let i = 0; i < labels.length; i++) {
    const g = groupIndex.get(groups[i]!)!;
    const c = classIndex.get(labels[i]!)!;
    groupOfRow[i] = g;
    counts[g * classCount + c]!++;
    classTotals[c]!++;
  }
  return { groupCount: groupIndex.size, classCount, counts, classTotals, groupOfRow };
}

/** Maps each distinct value to 0, 1, 2... in order of first appearance. */
function denseIndex(values: ArrayLike<number>, what: string): Map<number, number> {
  const index = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) throw new RangeError(`${what} at row ${i} is ${v}, expected an integer`);
    if (!index.has(v)) index.set(v, index.size);
  }
  return index;
}

/**
 * Seeded shuffle, then a stable sort: the most lopsided groups (largest standard deviation of their class
 * counts, as scikit-learn orders them) first, then the largest. These are the hardest to place evenly.
 */
function placementOrder(table: GroupTable, seed: number): number[] {
  const order = new Random(seed).shuffle(Array.from({ length: table.groupCount }, (_, g) => g));
  const lopsided = new Float64Array(table.groupCount);
  const size = new Float64Array(table.groupCount);
  for (let g = 0; g < table.groupCount; g++) {
    const row = table.counts.subarray(g * table.classCount, (g + 1) * table.classCount);
    lopsided[g] = standardDeviation(row);
    size[g] = row.reduce((s, v) => s + v, 0);
  }
  return order.sort((a, b) => lopsided[b]! - lopsided[a]! || size[b]! - size[a]!);
}

/**
 * The part that, given group g, leaves the fill of each class across parts most even: the least mean over
 * classes of the standard deviation, across parts, of (rows of the class in the part) / (class total × share).
 * Near-ties go to the part least filled for its share, then to the lower index.
 */
function bestPart(table: GroupTable, g: number, partCounts: Float64Array, shares: readonly number[]): number {
  const { classCount, counts, classTotals } = table;
  const parts = shares.length;
  const fill = new Float64Array(parts);
  let best = 0;
  let bestSpread = Infinity;
  let bestLoad = Infinity;
  for (let candidate = 0; candidate < parts; candidate++) {
    let spread = 0;
    for (let c = 0; c < classCount; c++) {
      for (let part = 0; part < parts; part++) {
        const rows = partCounts[part * classCount + c]! + (part === candidate ? counts[g * classCount + c]! : 0);
        fill[part] = rows / (classTotals[c]! * shares[part]!);
      }
      spread += standardDeviation(fill) / classCount;
    }
    let rowsInCandidate = 0;
    for (let c = 0; c < classCount; c++) rowsInCandidate += partCounts[candidate * classCount + c]!;
    const load = rowsInCandidate / shares[candidate]!;
    if (candidate === 0 || (isClose(spread, bestSpread) ? load < bestLoad : spread < bestSpread)) {
      best = candidate;
      bestSpread = spread;
      bestLoad = load;
    }
  }
  return best;
}

/** Population standard deviation. */
function standardDeviation(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return Math.sqrt(squares / values.length);
}

/** numpy.isclose with its default tolerances. */
function isClose(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}

/** The training and test rows of each fold of a fold assignment; a fold with either side empty is left out. */
export function foldRows(fold: ArrayLike<number>, folds: number): { fold: number; train: number[]; test: number[] }[] {
  const out: { fold: number; train: number[]; test: number[] }[] = [];
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
    if (test.length > 0 && train.length > 0) out.push({ fold: f, train, test });
  }
  return out;
}
