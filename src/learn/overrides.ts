/**
 * Settings overrides (`--set logistic.C=2`, or a config file's partial settings) applied to defaults:
 * only keys that exist, only values of the type the default has, with "did you mean" for typos.
 */
import { UsageError, didYouMean } from '../article/errors.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Deep copy of `base` with `patch` merged in; `where` names the source in messages. */
export function mergeSettings<T>(base: T, patch: unknown, where: string, path: string[] = []): T {
  if (patch === undefined) return structuredClone(base);
  if (!isObject(base)) return checkValue(base, patch, where, path) as T;
  if (!isObject(patch)) throw new UsageError('E_CONFIG', `${where}: setting "${path.join('.')}": expected an object, got ${describe(patch)}`);
  const out: Record<string, unknown> = structuredClone(base as Record<string, unknown>);
  for (const [k, v] of Object.entries(patch)) {
    // Own keys only: "constructor" or "toString" are not settings.
    if (!Object.hasOwn(out, k)) {
      const name = [...path, k].join('.');
      const known = Object.keys(out).map((x) => [...path, x].join('.'));
      throw new UsageError('E_CONFIG', `${where}: unknown setting "${name}"${didYouMean(name, known)}`);
    }
    out[k] = mergeSettings(out[k], v, where, [...path, k]);
  }
  return out as T;
}

/** `a.b.c=value` → {a: {b: {c: value}}}, the value read as JSON when it parses, else as a string. */
export function parseAssignment(text: string): Record<string, Json> {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError('E_USAGE', `--set: expected key=value, got "${text}"`);
  const keys = text.slice(0, eq).trim().split('.');
  if (keys.some((k) => k.trim() === '')) throw new UsageError('E_USAGE', `--set: expected a dotted key such as logistic.C, got "${text.slice(0, eq)}"`);
  const raw = text.slice(eq + 1);
  let value: Json;
  try {
    value = JSON.parse(raw) as Json;
  } catch {
    value = raw;
  }
  let obj: Json = value;
  for (let i = keys.length - 1; i >= 0; i--) obj = { [keys[i]!]: obj };
  return obj as Record<string, Json>;
}

function checkValue(base: unknown, value: unknown, where: string, path: string[]): unknown {
  const name = path.join('.');
  if (Array.isArray(base)) {
    if (!Array.isArray(value)) throw new UsageError('E_CONFIG', `${where}: setting "${name}": expected a list, got ${describe(value)}`);
    return value;
  }
  if (typeof base !== typeof value || (typeof value === 'number' && !Number.isFinite(value))) {
    const expected = typeof base === 'number' ? 'a finite number' : describe(base, true);
    throw new UsageError('E_CONFIG', `${where}: setting "${name}": expected ${expected}, got ${describe(value)}`);
  }
  return value;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown, kindOnly = false): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object') return 'an object';
  if (kindOnly) return `a ${typeof x}`;
  if (typeof x === 'number' && !Number.isFinite(x)) return `number ${x}`;
  return `${typeof x} ${JSON.stringify(x)}`;
}
