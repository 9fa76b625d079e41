/** Mapping a dataset's own label codes ("FAKE", "0", "pants-fire") to Credence's two labels. */
import { LABELS, type Label } from '../article/article.js';
import { UsageError } from '../article/errors.js';

const normalise = (code: string): string => code.trim().toLowerCase();

/** Codes are matched trimmed and case-insensitively: "FAKE", "Fake " and "fake" are one code. */
export class LabelMap {
  private constructor(
    private readonly byCode: ReadonlyMap<string, Label>,
    /** The codes as written, for "expected one of …" messages. */
    readonly codes: readonly string[],
  ) {}

  /** Validates a map that may come from a user (CLI flag, config file): UsageError when it is unusable. */
  static from(entries: Readonly<Record<string, unknown>>, name = 'label map'): LabelMap {
    const byCode = new Map<string, Label>();
    const codes: string[] = [];
    for (const [code, label] of Object.entries(entries)) {
      if (normalise(code) === '') throw new UsageError('E_USAGE', `${name}: expected non-empty codes; got ${JSON.stringify(code)}`);
      if (typeof label !== 'string' || !(LABELS as readonly string[]).includes(label)) {
        throw new UsageError('E_USAGE', `${name}: code ${JSON.stringify(code)}: expected ${LABELS.join(' or ')}; got ${JSON.stringify(label)}`);
      }
      const earlier = byCode.get(normalise(code));
      if (earlier !== undefined && earlier !== label) {
        throw new UsageError('E_USAGE', `${name}: code ${JSON.stringify(code)} is given twice (codes ignore case), as ${earlier} and as ${label}`);
      }
      byCode.set(normalise(code), label as Label);
      codes.push(code);
    }
    if (codes.length === 0) throw new UsageError('E_USAGE', `${name}: expected at least one code; got an empty map`);
    return new LabelMap(byCode, codes);
  }

  lookup(code: string): Label | undefined {
    return this.byCode.get(normalise(code));
  }
}

/** For data without a preset: the codes whose meaning is not in doubt, and 0/1 as the record format uses them. */
export const DEFAULT_LABELS = LabelMap.from({
  '0': 'reliable',
  '1': 'unreliable',
  reliable: 'reliable',
  unreliable: 'unreliable',
  real: 'reliable',
  fake: 'unreliable',
  true: 'reliable',
  false: 'unreliable',
});

/** Whether a bare line of a record file reads as a label code: one of `labels`, or a default one. */
export function isLabelCode(labels: LabelMap): (code: string) => boolean {
  return (code) => labels.lookup(code) !== undefined || DEFAULT_LABELS.lookup(code) !== undefined;
}
