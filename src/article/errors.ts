/**
 * Every expected failure is a CredenceError with a stable code and a location.
 * The CLI prints `credence: error: <where>: <message>` without a stack trace;
 * anything that is not a CredenceError is a bug and is reported as one.
 */

export interface Where {
  file?: string;
  line?: number;
  record?: number;
  field?: string;
}

export type ErrorCode =
  | 'E_USAGE'
  | 'E_NO_FILE'
  | 'E_UNREADABLE'
  | 'E_BINARY'
  | 'E_ENCODING'
  | 'E_PARSE'
  | 'E_FIELD'
  | 'E_EMPTY'
  | 'E_TOO_LARGE'
  | 'E_PRESET'
  | 'E_COLUMN'
  | 'E_MODEL'
  | 'E_MODEL_VERSION'
  | 'E_CONFIG';

export class CredenceError extends Error {
  readonly code: ErrorCode;
  readonly where: Where;
  constructor(code: ErrorCode, message: string, where: Where = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.where = where;
  }

  /** `file:line: field "x": message`, the form the CLI prints. */
  describe(): string {
    return `${formatWhere(this.where)}${this.message}`;
  }
}

/** Bad flags, configuration or a missing/bad model: fatal, nothing is written (exit 1). */
export class UsageError extends CredenceError {}

/** One bad file or record: reported, skipped, the run goes on and ends with exit 2. */
export class InputError extends CredenceError {}

export function formatWhere(where: Where): string {
  let out = '';
  if (where.file !== undefined) {
    out += where.file;
    if (where.line !== undefined) out += `:${where.line}`;
    else if (where.record !== undefined) out += `: record ${where.record}`;
    out += ': ';
  } else if (where.record !== undefined) {
    out += `record ${where.record}: `;
  }
  if (where.field !== undefined) out += `field "${where.field}": `;
  return out;
}

/** Closest candidates for a "did you mean" hint (Damerau-free Levenshtein, small inputs only). */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const scored = candidates
    .map((c) => ({ c, d: editDistance(input.toLowerCase(), c.toLowerCase()) }))
    .filter(({ c, d }) => d <= Math.max(2, Math.floor(c.length / 3)))
    .sort((a, b) => a.d - b.d);
  return scored.length > 0 ? ` (did you mean "${scored[0]!.c}"?)` : '';
}

function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 64;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}
