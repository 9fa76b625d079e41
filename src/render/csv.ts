/** One CSV row per report: the summary a spreadsheet wants, RFC 4180 quoting by csv-stringify. */
import { stringify } from 'csv-stringify/sync';
import type { Report } from '../article/report.js';

export const CSV_COLUMNS = [
  'id',
  'title',
  'label',
  'p_unreliable',
  'band',
  'headline_stance',
  'claims',
  'fact_checked',
  'words',
  'top_unreliable',
  'top_reliable',
  'language',
  'direct_quotes',
  'named_sources',
  'anonymous_sources',
  'checklist_fail',
  'checklist_warn',
] as const;

export function csvHeader(): string {
  return stringify([CSV_COLUMNS as unknown as string[]]);
}

export function csvRow(r: Report): string {
  const f = r.reliability?.explanation.features ?? [];
  const top = (sign: 1 | -1): string =>
    f
      .filter((x) => Math.sign(x.weight) === sign)
      .slice(0, 3)
      .map((x) => x.text)
      .join('; ');
  // Empty when the report has no such section (--no-claims; no fact-check store searched).
  const claims = r.claims?.length ?? '';
  const factChecked = r.claims?.some((c) => c.matches !== undefined) === true ? r.claims.filter((c) => c.matches!.some((m) => m.level === 'confirm')).length : '';
  // Empty when sourcing or the checklist was turned off.
  const s = r.sourcing;
  const directQuotes = s?.quotes.filter((q) => q.direct).length ?? '';
  const named = s?.sources.filter((x) => x.kind !== 'anonymous' && x.kind !== 'unresolved' && x.quotes + x.attributions > 0).length ?? '';
  const anonymous = s?.sources.filter((x) => x.kind === 'anonymous' && x.quotes + x.attributions > 0).length ?? '';
  const count = (status: string) => r.signals?.filter((x) => x.status === status).length ?? '';
  return stringify([
    [
      r.article.id,
      r.article.title,
      r.article.label ?? '',
      r.reliability?.pUnreliable ?? '',
      r.reliability?.band ?? '',
      r.headline?.stance ?? '',
      claims,
      factChecked,
      r.article.words,
      top(1),
      top(-1),
      r.language.code,
      directQuotes,
      named,
      anonymous,
      count('fail'),
      count('warn'),
    ],
  ]);
}
