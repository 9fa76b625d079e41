/**
 * A model card is generated from the model's own metadata (as spaCy's `generate_readme`), so the card
 * and the numbers in the model file cannot drift apart.
 */

export interface DatasetRecord {
  /** The spec as given on the command line (`PRESET:PATH` or `PATH`). */
  spec: string;
  /** SHA-256 of the file's bytes (or of the sorted file hashes of a directory). */
  sha256: string;
  bytes: number;
  articles: number;
  reliable: number;
  unreliable: number;
  /** Records reported and skipped while reading. */
  skipped: number;
}

export interface HeldOutMetrics {
  /** How the rows were held out, in words. */
  protocol: string;
  n: number;
  accuracy: number;
  balancedAccuracy: number;
  rocAuc: number | null;
  f1: number;
  brier: number;
  ece: number;
}

export interface CrossDatasetCell {
  test: string;
  train: string[];
  n: number;
  rocAuc: number | null;
  balancedAccuracy: number;
}

export interface ModelCard {
  name: string;
  description: string;
  createdAt: string;
  credenceVersion: string;
  /** The command that rebuilds this model from its data. */
  command: string;
  trainingData: DatasetRecord[];
  /** Terms of use and caveats carried from the training configuration. */
  notes: string[];
  metrics: { heldOut?: HeldOutMetrics; crossDataset?: CrossDatasetCell[] };
  fit: { seconds: number; passes: number; converged: boolean; articles: number };
}

const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

export function renderCard(card: ModelCard, settings: unknown): string {
  const lines: string[] = [];
  lines.push(`# ${card.name}`, '', card.description, '');
  lines.push('_This card is generated from the model file\'s metadata by `credence train`; do not edit it by hand._', '');
  lines.push('| | |', '|---|---|');
  lines.push(`| created | ${card.createdAt} |`, `| Credence | ${card.credenceVersion} |`);
  lines.push(`| rebuild with | \`${card.command}\` |`);
  lines.push(`| articles | ${card.fit.articles} |`, `| fit | ${card.fit.seconds.toFixed(1)} s, ${card.fit.passes} passes, ${card.fit.converged ? 'converged' : 'stopped at the pass limit'} |`);
  lines.push('');
  if (card.notes.length > 0) {
    lines.push('## Terms and caveats', '');
    for (const n of card.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  lines.push('## Training data', '');
  lines.push('| data | articles | reliable | unreliable | skipped | bytes | SHA-256 |', '|---|---:|---:|---:|---:|---:|---|');
  for (const d of card.trainingData) {
    lines.push(`| \`${d.spec}\` | ${d.articles} | ${d.reliable} | ${d.unreliable} | ${d.skipped} | ${d.bytes} | \`${d.sha256.slice(0, 16)}…\` |`);
  }
  lines.push('');
  lines.push('## Metrics', '');
  const h = card.metrics.heldOut;
  if (h !== undefined) {
    lines.push(`Held out: ${h.protocol}`, '');
    lines.push('| n | ROC-AUC | balanced accuracy | accuracy | F1 (unreliable) | Brier | ECE |', '|---:|---:|---:|---:|---:|---:|---:|');
    lines.push(`| ${h.n} | ${f3(h.rocAuc)} | ${f3(h.balancedAccuracy)} | ${f3(h.accuracy)} | ${f3(h.f1)} | ${f3(h.brier)} | ${f3(h.ece)} |`, '');
  }
  const x = card.metrics.crossDataset;
  if (x !== undefined && x.length > 0) {
    lines.push('Leave one dataset out: trained on the others with the same settings, tested on the one named (news the model never saw).', '');
    lines.push('| test set | n | ROC-AUC | balanced accuracy |', '|---|---:|---:|---:|');
    for (const c of x) lines.push(`| \`${c.test}\` | ${c.n} | ${f3(c.rocAuc)} | ${f3(c.balancedAccuracy)} |`);
    lines.push('');
  }
  if (h === undefined && (x === undefined || x.length === 0)) lines.push('No held-out metrics were computed for this model.', '');
  lines.push('## Settings', '', '```json', JSON.stringify(settings, null, 2), '```', '');
  return lines.join('\n');
}
