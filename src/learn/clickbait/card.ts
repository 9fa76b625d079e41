/**
 * The clickbait model's card, generated from the model file's own metadata: what data it was fitted on,
 * what was held out and how, what it scored there, and what it says on real news headlines.
 */
import type { ClickbaitFigures } from './metrics.js';
import type { Selection } from './model.js';

export interface ClickbaitDataRecord {
  file: string;
  sha256: string;
  records: number;
  /** Rows used for training (after the held-out split). */
  used: number;
  clickbait: number;
  skipped: number;
}

export interface ClickbaitHeldOut extends ClickbaitFigures {
  /** How rows were held out, in words. */
  protocol: string;
  /** The same held-out rows re-cased: a model that learned casing falls apart on these. */
  lowerCased: { accuracy: number; rocAuc: number | null };
  titleCased: { accuracy: number; rocAuc: number | null };
}

export interface ClickbaitCard {
  name: string;
  description: string;
  createdAt: string;
  credenceVersion: string;
  /** The command that rebuilds this model from its data. */
  command: string;
  trainingData: ClickbaitDataRecord[];
  notes: string[];
  selection: Selection[];
  metrics: { heldOut?: ClickbaitHeldOut };
  fit: { seconds: number; rows: number; passes: number; C: number };
}

const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

export function renderClickbaitCard(card: ClickbaitCard, settings: unknown): string {
  const lines: string[] = [];
  lines.push(`# ${card.name}`, '', card.description, '');
  lines.push("_This card is generated from the model file's metadata by `credence clickbait train`; do not edit it by hand._", '');
  lines.push('| | |', '|---|---|');
  lines.push(`| created | ${card.createdAt} |`, `| Credence | ${card.credenceVersion} |`);
  lines.push(`| rebuild with | \`${card.command}\` |`);
  lines.push(`| rows | ${card.fit.rows} |`, `| fit | ${card.fit.seconds.toFixed(1)} s, C = ${card.fit.C}, ${card.fit.passes} passes |`);
  lines.push('| decision | calibrated probability ≥ 0.5 is clickbait |', '');
  if (card.notes.length > 0) {
    lines.push('## Terms and caveats', '');
    for (const n of card.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  lines.push('## Training data', '');
  lines.push('| file | records | used for training | clickbait used | skipped | SHA-256 |', '|---|---:|---:|---:|---:|---|');
  for (const d of card.trainingData) lines.push(`| \`${d.file}\` | ${d.records} | ${d.used} | ${d.clickbait} | ${d.skipped} | \`${d.sha256.slice(0, 16)}…\` |`);
  lines.push('', '## Model selection', '', 'Out-of-fold figures on the training rows (folds stratified by label, near-duplicate headlines kept together); the least log-loss wins:', '');
  lines.push('| C | accuracy | log-loss | ROC-AUC |', '|---:|---:|---:|---:|');
  for (const s of card.selection) lines.push(`| ${s.C} | ${f3(s.accuracy)} | ${f3(s.logLoss)} | ${f3(s.rocAuc)} |`);
  lines.push('', '## Metrics', '');
  const h = card.metrics.heldOut;
  if (h === undefined) lines.push('No held-out metrics were computed for this model.', '');
  else {
    lines.push(`Held out: ${h.protocol}`, '');
    lines.push('| headlines | clickbait | accuracy | precision | recall | F1 | ROC-AUC |', '|---:|---:|---:|---:|---:|---:|---:|');
    lines.push(`| ${h.n} | ${h.positives} | ${f3(h.accuracy)} | ${f3(h.precision)} | ${f3(h.recall)} | ${f3(h.f1)} | ${f3(h.rocAuc)} |`, '');
    lines.push('The same held-out headlines re-cased (casing is not a feature, so these should not move):', '');
    lines.push('| casing | accuracy | ROC-AUC |', '|---|---:|---:|');
    lines.push(`| all lower case | ${f3(h.lowerCased.accuracy)} | ${f3(h.lowerCased.rocAuc)} |`, `| Title Case Every Word | ${f3(h.titleCased.accuracy)} | ${f3(h.titleCased.rocAuc)} |`, '');
  }
  lines.push('## Settings', '', '```json', JSON.stringify(settings, null, 2), '```', '');
  return lines.join('\n');
}
