/**
 * Shapes of model-file headers, checked on every load. Deliberately not zod: `credence analyze` loads two
 * models on every start, and importing zod alone costs about 60 ms of a 300 ms start-up budget. Settings
 * given by people (`--set`, configs) are still checked with zod, where messages matter more than speed.
 *
 * A shape returns the first problem as `{path, message}`, or undefined when the value fits.
 */

export interface Problem {
  path: (string | number)[];
  message: string;
}

export type Shape = (value: unknown, path: (string | number)[]) => Problem | undefined;

const fail = (path: (string | number)[], message: string): Problem => ({ path, message });

export function num(opts: { int?: boolean; min?: number; max?: number } = {}): Shape {
  return (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(path, `expected a number, got ${describe(v)}`);
    if (opts.int === true && !Number.isInteger(v)) return fail(path, `expected an integer, got ${v}`);
    if (opts.min !== undefined && v < opts.min) return fail(path, `expected at least ${opts.min}, got ${v}`);
    if (opts.max !== undefined && v > opts.max) return fail(path, `expected at most ${opts.max}, got ${v}`);
    return undefined;
  };
}

export const bool: Shape = (v, path) => (typeof v === 'boolean' ? undefined : fail(path, `expected true or false, got ${describe(v)}`));

export const str: Shape = (v, path) => (typeof v === 'string' ? undefined : fail(path, `expected a string, got ${describe(v)}`));

export function oneOf(values: readonly (string | number)[]): Shape {
  return (v, path) =>
    values.includes(v as string | number) ? undefined : fail(path, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${describe(v)}`);
}

/** An object with at least these fields (others are allowed: a card or settings may carry more). */
export function obj(fields: Record<string, Shape>): Shape {
  return (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, `expected an object, got ${describe(v)}`);
    for (const [k, shape] of Object.entries(fields)) {
      const p = shape((v as Record<string, unknown>)[k], [...path, k]);
      if (p !== undefined) return p;
    }
    return undefined;
  };
}

export function arr(item: Shape): Shape {
  return (v, path) => {
    if (!Array.isArray(v)) return fail(path, `expected an array, got ${describe(v)}`);
    for (let i = 0; i < v.length; i++) {
      const p = item(v[i], [...path, i]);
      if (p !== undefined) return p;
    }
    return undefined;
  };
}

export function nullable(shape: Shape): Shape {
  return (v, path) => (v === null ? undefined : shape(v, path));
}

/** The shape, then a rule over the whole value (with the message when the rule fails). */
export function refine(shape: Shape, rule: (v: never) => boolean, message: string): Shape {
  return (v, path) => shape(v, path) ?? (rule(v as never) ? undefined : fail(path, message));
}

/** One of several object shapes, chosen by the string in `field`. */
export function byKind(field: string, shapes: Record<string, Shape>): Shape {
  return (v, path) => {
    const kind = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[field] : undefined;
    const shape = typeof kind === 'string' && Object.hasOwn(shapes, kind) ? shapes[kind] : undefined;
    if (shape === undefined) return fail([...path, field], `expected one of ${Object.keys(shapes).map((k) => JSON.stringify(k)).join(', ')}, got ${describe(kind)}`);
    return shape(v, path);
  };
}

/** Checks `value`; the message names the first field that does not fit. */
export function check<T>(shape: Shape, value: unknown, onProblem: (field: string, message: string) => never): T {
  const p = shape(value, []);
  if (p !== undefined) onProblem(p.path.join('.'), p.message);
  return value as T;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}
