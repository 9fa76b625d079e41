/**
 * Dataset layouts: LIAR (Wang 2017; PolitiFact statements with six-way verdicts) as its original
 * 14-column TSV or as JSON lines with named fields, and JSON lines of verified claims
 * (`{"id", "claim", "title"?}`, the CLEF CheckThat! 2020 task 2 collection).
 */
import { InputError, type Where } from '../../article/errors.js';
import type { FactCheckInput } from '../factchecks.js';
import { normaliseVerdict } from '../verdict.js';
import { normaliseDate } from './claimreview.js';

/** LIAR's 14 TSV columns, in order, as its JSON lines name them. */
export const LIAR_COLUMNS = [
  'id', 'label', 'statement', 'subject', 'speaker', 'job', 'state', 'party',
  'barely_true_count', 'false_count', 'half_true_count', 'mostly_true_count', 'pants_on_fire_count', 'context',
] as const;

const LIAR_LABELS = new Set(['pants-fire', 'false', 'barely-true', 'half-true', 'mostly-true', 'true']);

/** A speaker slug as a name: "rick-perry" → "Rick Perry". */
function speakerName(slug: string): string {
  return slug
    .split('-')
    .filter((p) => p !== '')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join(' ');
}

export function isLiarRecord(o: Record<string, unknown>): boolean {
  return typeof o.statement === 'string' && typeof o.label === 'string' && o.id !== undefined;
}

/** One LIAR record (from either layout) to a fact-check. */
export function fromLiar(o: Record<string, unknown>, where: Where): FactCheckInput | InputError {
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id).trim() : '';
  const statement = typeof o.statement === 'string' ? o.statement.trim() : '';
  const label = typeof o.label === 'string' ? o.label.trim() : '';
  if (id === '') return new InputError('E_FIELD', 'LIAR record is missing its id (column 1)', where);
  if (o.statement !== undefined && typeof o.statement !== 'string') return new InputError('E_FIELD', 'LIAR record has a statement that is not text (column 3)', where);
  if (statement === '') return new InputError('E_FIELD', 'LIAR record is missing its statement (column 3)', where);
  if (!LIAR_LABELS.has(label)) {
    return new InputError('E_FIELD', `LIAR record has label "${label}"; expected one of ${[...LIAR_LABELS].join(', ')} (column 2)`, where);
  }
  const str = (k: string) => (typeof o[k] === 'string' && (o[k] as string).trim() !== '' ? (o[k] as string).trim() : undefined);
  const speaker = str('speaker');
  const extra: Record<string, unknown> = {};
  for (const k of ['subject', 'job', 'state', 'party', 'context'] as const) if (str(k) !== undefined) extra[k] = str(k);
  return {
    claim: statement,
    claimant: speaker === undefined ? undefined : speakerName(speaker),
    publisher: 'PolitiFact',
    publisherUrl: 'https://www.politifact.com',
    verdictText: label,
    verdict: normaliseVerdict(label),
    language: 'en',
    source: 'liar',
    sourceId: id.replace(/\.json$/, ''),
    extra,
  };
}

/** One line of LIAR's TSV (tab-separated, no quoting, 14 columns). */
export function fromLiarTsvLine(line: string, where: Where): FactCheckInput | InputError {
  const cells = line.split('\t');
  if (cells.length !== LIAR_COLUMNS.length) {
    return new InputError('E_COLUMN', `expected ${LIAR_COLUMNS.length} tab-separated columns (LIAR: id, label, statement, subject, speaker, job, state, party, 5 counts, context), got ${cells.length}`, where);
  }
  const o: Record<string, unknown> = {};
  LIAR_COLUMNS.forEach((c, i) => (o[c] = cells[i]));
  return fromLiar(o, where);
}

export function isVerifiedClaim(o: Record<string, unknown>): boolean {
  return typeof o.claim === 'string' && (typeof o.id === 'string' || typeof o.id === 'number');
}

/** One verified claim `{id, claim, title?, verdict?, url?, publisher?, date?}` to a fact-check. */
export function fromVerifiedClaim(o: Record<string, unknown>, where: Where): FactCheckInput | InputError {
  const claim = typeof o.claim === 'string' ? o.claim.trim() : '';
  if (o.claim !== undefined && o.claim !== null && typeof o.claim !== 'string') return new InputError('E_FIELD', 'verified claim has a "claim" that is not text', where);
  if (claim === '') return new InputError('E_FIELD', 'verified claim is missing its required field "claim"', where);
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return new InputError('E_FIELD', 'verified claim is missing its required field "id"', where);
  const str = (k: string) => (typeof o[k] === 'string' && (o[k] as string).trim() !== '' ? (o[k] as string).trim() : undefined);
  const verdictText = str('verdict') ?? str('rating') ?? str('label');
  const date = str('date');
  return {
    claim,
    title: str('title'),
    url: str('url'),
    publisher: str('publisher'),
    reviewDate: date === undefined ? undefined : normaliseDate(date),
    verdictText,
    verdict: normaliseVerdict(verdictText),
    language: str('language'),
    source: 'vclaims',
    sourceId: String(o.id),
  };
}
