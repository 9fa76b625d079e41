/**
 * The check-worthiness model's card, generated from the model file's own metadata (as the reliability
 * and stance cards are): what data it was fitted on, what was held out, what it scored there.
 */
import type { Selection } from './model.js';

export interface WorthinessDataRecord {
  /** The file as given. */
  file: string;
  sha256: string;
  /** "sentences" (ClaimBuster layout) or "transcripts" (CheckThat! layout, records carry a debate id). */
  layout: 'sentences' | 'transcripts';
  records: number;
  /** Rows this file gave to training after de-duplication, exclusions and the held-out split. */
  used: number;
  checkWorthy: number;
  skipped: number;
}

export interface WorthinessHeldOut {
  /** How rows were held out, in words. */
  protocol: string;
  n: number;
  positives: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number | null;
}

export interface WorthinessCard {
  name: string;
  description: string;
  createdAt: string;
  credenceVersion: string;
  /** The command that rebuilds this model from its data. */
  command: string;
  trainingData: WorthinessDataRecord[];
  /** Files whose transcripts and sentences were kept out of training. */
  excluded: { file: string; sha256: string; debates: number; sentences: number }[];
  notes: string[];
  selection: Selection[];
  /** The transcript context stage's selection (absent: no such stage). */
  context?: { selection: { C: number; map: number }[]; firstStageMap: number; C: number };
  metrics: { heldOut?: WorthinessHeldOut };
  fit: { seconds: number; rows: number; passes: number; C: number; threshold: number };
}

const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

export function renderWorthinessCard(card: WorthinessCard, settings: unknown): string {
  const lines: string[] = [];
  lines.push(`# ${card.name}`, '', card.description, '');
  lines.push("_This card is generated from the model file's metadata by `credence claims worthiness-train`; do not edit it by hand._", '');
  lines.push('| | |', '|---|---|');
  lines.push(`| created | ${card.createdAt} |`, `| Credence | ${card.credenceVersion} |`);
  lines.push(`| rebuild with | \`${card.command}\` |`);
  lines.push(`| rows | ${card.fit.rows} |`, `| fit | ${card.fit.seconds.toFixed(1)} s, C = ${card.fit.C}, ${card.fit.passes} passes |`);
  lines.push(`| decision | calibrated score ≥ ${card.fit.threshold.toFixed(3)} is check-worthy |`, '');
  if (card.notes.length > 0) {
    lines.push('## Terms and caveats', '');
    for (const n of card.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  lines.push('## Training data', '');
  lines.push('| file | layout | records | used for training | check-worthy used | skipped | SHA-256 |', '|---|---|---:|---:|---:|---:|---|');
  for (const d of card.trainingData) {
    lines.push(`| \`${d.file}\` | ${d.layout} | ${d.records} | ${d.used} | ${d.checkWorthy} | ${d.skipped} | \`${d.sha256.slice(0, 16)}…\` |`);
  }
  lines.push('');
  if (card.excluded.length > 0) {
    lines.push('Kept out of training (every transcript named in these files, and every sentence with the same text):', '');
    lines.push('| file | transcripts | sentences | SHA-256 |', '|---|---:|---:|---|');
    for (const e of card.excluded) lines.push(`| \`${e.file}\` | ${e.debates} | ${e.sentences} | \`${e.sha256.slice(0, 16)}…\` |`);
    lines.push('');
  }
  lines.push('## Model selection', '', 'Out-of-fold figures on the training rows (sentences stratified by label; transcripts kept whole):', '');
  lines.push('| C | best F1 (single sentences) | MAP (transcripts) |', '|---:|---:|---:|');
  for (const s of card.selection) lines.push(`| ${s.C} | ${f3(s.f1)} | ${f3(s.map)} |`);
  if (card.context !== undefined) {
    lines.push('', `Transcript context stage (lines of a transcript; first stage alone: MAP ${f3(card.context.firstStageMap)}; chosen C = ${card.context.C}):`, '');
    lines.push('| C | MAP (transcripts) |', '|---:|---:|');
    for (const s of card.context.selection) lines.push(`| ${s.C} | ${f3(s.map)} |`);
  }
  lines.push('', '## Metrics', '');
  const h = card.metrics.heldOut;
  if (h === undefined) lines.push('No held-out metrics were computed for this model.', '');
  else {
    lines.push(`Held out: ${h.protocol}`, '');
    lines.push('| sentences | check-worthy | precision | recall | F1 | ROC-AUC |', '|---:|---:|---:|---:|---:|---:|');
    lines.push(`| ${h.n} | ${h.positives} | ${f3(h.precision)} | ${f3(h.recall)} | ${f3(h.f1)} | ${f3(h.rocAuc)} |`, '');
  }
  lines.push('## Settings', '', '```json', JSON.stringify(settings, null, 2), '```', '');
  return lines.join('\n');
}
