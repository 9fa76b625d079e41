// @ts-check
/**
 * `npm run bench:checklist`: where the sourcing items of the checklist sit on the shared article sets, by
 * gold label, so their thresholds rest on data: the share of attributed statements that come from
 * unnamed sources, and the share of a body's check-worthy claims (articles with at least three) that are
 * attributed. Articles of more than 800 characters, the first 250 per set and label. (The lexical items'
 * distributions come from `npm run bench:signals`.)
 *
 * Build first (`npm run build`). Writes bench/out/checklist-dist.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadSets, REPO } from './lib/data.js';
import { exitOnHelp } from './lib/help.js';

exitOnHelp(import.meta.url);

const OUT = join(REPO, 'bench', 'out', 'checklist-dist.json');
const { createEngine } = await import('../dist/analyse/engine.js');
const sets = await loadSets(['fakenewsnet-politifact', 'fakenewsnet-gossipcop']);
const engine = createEngine({ stanceModel: null });

/** @param {number[]} v @param {number} p */
const q = (v, p) => {
  const t = [...v].sort((a, b) => a - b);
  return t.length === 0 ? null : Math.round(/** @type {number} */ (t[Math.floor(p * (t.length - 1))]) * 1000) / 1000;
};
/** @type {Record<string, unknown>[]} */
const rows = [];
for (const s of sets) {
  for (const y of [0, 1]) {
    const attributed = [];
    const anonymous = [];
    for (const a of s.articles.filter((x) => x.y === y && x.body.length > 800).slice(0, 250)) {
      const r = engine.analyze({ id: a.id, title: a.title, body: a.body, meta: {}, origin: { file: s.path } });
      const by = Object.fromEntries((r.signals ?? []).map((x) => [x.id, x]));
      const bodyClaims = (r.claims ?? []).filter((c) => c.start >= r.article.bodyStart).length;
      if (bodyClaims >= 3 && by['claims-attributed']?.value !== undefined) attributed.push(by['claims-attributed'].value);
      if (by['anonymous-sources']?.value !== undefined) anonymous.push(by['anonymous-sources'].value);
    }
    const row = {
      set: s.name,
      label: y === 1 ? 'unreliable' : 'reliable',
      anonymousShare: { n: anonymous.length, median: q(anonymous, 0.5), p75: q(anonymous, 0.75), p90: q(anonymous, 0.9) },
      claimsAttributed: { n: attributed.length, p10: q(attributed, 0.1), p25: q(attributed, 0.25), median: q(attributed, 0.5) },
    };
    rows.push(row);
    process.stderr.write(
      `${row.set} ${row.label}: anonymous share (n ${row.anonymousShare.n}) median ${row.anonymousShare.median} p75 ${row.anonymousShare.p75} p90 ${row.anonymousShare.p90}; ` +
        `claims attributed (n ${row.claimsAttributed.n}) p10 ${row.claimsAttributed.p10} p25 ${row.claimsAttributed.p25} median ${row.claimsAttributed.median}\n`,
    );
  }
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify({ date: new Date().toISOString(), rows }, null, 2) + '\n');
process.stderr.write(`written to ${OUT}\n`);
