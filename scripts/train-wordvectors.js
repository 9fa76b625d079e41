// @ts-check
/**
 * `npm run train:vectors` (`node scripts/train-wordvectors.js [--out FILE] [--dimensions N] [--vocabulary N]`):
 * rebuilds models/wordvectors.cdm, the claim matcher's word vectors (PPMI + seeded randomised SVD,
 * src/learn/vectors/ppmi.ts), from the shared corpora in ../shared/datasets: the article sets
 * (FakeNewsNet GossipCop and PolitiFact, CoAID, ReCOVery: title and text), the FNC-1 bodies, the LIAR
 * train statements, the CLEF 2020 verified claims and the CLEF 2020 *train* tweets (never the dev
 * tweets, on which the matcher is evaluated). Words are the store's stems, stopwords dropped; tweets
 * get the matcher's own cleaning (links dropped, hashtags split). Deterministic: the same files give
 * the same model, byte for byte. Also writes the card beside it (models/wordvectors.md; `--card-only`
 * rewrites the card from an existing file). Build first (`npx tsc -p tsconfig.build.json`); about three minutes.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const DATA = join(REPO, '..', 'shared', 'datasets');
const args = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? /** @type {string} */ (args[i + 1]) : fallback;
};
const OUT = opt('--out', join(REPO, 'models', 'wordvectors.cdm'));

const { TokenStream, trainVectors, VECTOR_DEFAULTS } = await import(join(REPO, 'dist/learn/vectors/ppmi.js'));
const { saveWordVectors, loadWordVectors, VECTORS_KIND } = await import(join(REPO, 'dist/store/vectors.js'));
const { loadModel } = await import(join(REPO, 'dist/learn/model-file.js'));
const CARD = OUT.replace(/\.cdm$/, '') + '.md';

/** The card: what the file holds and how it was made, from its own header. */
function writeCard() {
  const header = /** @type {any} */ (loadModel(OUT, VECTORS_KIND).header);
  const v = loadWordVectors(OUT);
  const made = header.made;
  const show = ['hurrican', 'migrant', 'vaccin', 'elect', 'photograph'].filter((w) => v.row(w) >= 0);
  const lines = [
    '# credence-wordvectors',
    '',
    "Word vectors for the claim matcher's re-ranker (src/store/features.ts): one vector per Porter stem, and each stem's nearest neighbours by cosine, which is what the matcher reads (a neighbour counts as a near-match of a word).",
    '',
    '_This card is generated from the model file by `npm run train:vectors`; do not edit it by hand._',
    '',
    '| | |',
    '|---|---|',
    `| rebuild with | \`${made.command}\` |`,
    `| words | ${v.words.length} stems × ${header.dimensions} dimensions (int8, one scale per word), ${header.neighbours} nearest neighbours each |`,
    `| file | ${(statSync(OUT).size / 1e6).toFixed(1)} MB |`,
    `| method | ${made.method} |`,
    `| settings | ${Object.entries(made.settings).map(([k, x]) => `${k} ${x}`).join(', ')} |`,
    `| co-occurrence | ${made.pairs} distinct pairs, ${made.nonZero} positive PPMI cells, ${made.tokens} positions |`,
    '',
    '## Training text',
    '',
    'Stems of the texts below, stopwords dropped (../shared/datasets; positions kept per file). The CLEF 2020 *train* tweets are in; the dev tweets, on which the matcher is evaluated, are not. No text is stored, only the stems and their vectors.',
    '',
    '| file | positions |',
    '|---|---:|',
    ...Object.entries(made.corpora).map(([f, n]) => `| \`${f}\` | ${n} |`),
    '',
    '## Nearest neighbours, for a look',
    '',
    ...show.map((w) => `- **${w}**: ${v.nearest(w).slice(0, 8).map((x) => `${x.word} ${x.cosine.toFixed(2)}`).join(', ')}`),
    '',
    '## Caveats',
    '',
    '- Trained on about 7 M content words of English news and claims (mostly 2016–2020, much of it celebrity gossip and COVID-19): they know topics (hurricane ↔ irma) far better than paraphrases, and nothing of other languages.',
    '- The article sets are partial crawls with their own terms (see each dataset README); check them before commercial use.',
    '',
  ];
  writeFileSync(CARD, lines.join('\n'));
  process.stderr.write(`train:vectors: card → ${CARD}\n`);
}
if (args.includes('--card-only')) {
  writeCard();
  process.exit(0);
}
const { terms, STOP_STEMS } = await import(join(REPO, 'dist/store/terms.js'));
const { cleanText } = await import(join(REPO, 'dist/store/match.js'));

const settings = { ...VECTOR_DEFAULTS, dimensions: Number(opt('--dimensions', String(VECTOR_DEFAULTS.dimensions))), vocabulary: Number(opt('--vocabulary', String(VECTOR_DEFAULTS.vocabulary))) };

/** @param {string} rel @returns {any[]} */
function jsonl(rel) {
  return gunzipSync(readFileSync(join(DATA, rel)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

const stream = new TokenStream();
/** @param {string | undefined | null} text */
const add = (text) => {
  if (typeof text !== 'string' || text === '') return;
  stream.add(terms(text).filter((/** @type {string} */ t) => !STOP_STEMS.has(t)));
};
/** @type {Record<string, number>} */
const corpora = {};
/** @param {string} name @param {() => void} fill */
const corpus = (name, fill) => {
  const before = stream.length;
  fill();
  corpora[name] = stream.length - before;
};

for (const set of ['fakenewsnet-gossipcop', 'fakenewsnet-politifact', 'coaid', 'recovery']) {
  corpus(`${set}/data.jsonl.gz`, () => {
    for (const r of jsonl(`${set}/data.jsonl.gz`)) {
      add(r.title);
      add(r.text);
    }
  });
}
corpus('fnc1/bodies.csv.gz', () => {
  const rows = parse(gunzipSync(readFileSync(join(DATA, 'fnc1', 'bodies.csv.gz'))), { columns: true, skip_empty_lines: true });
  for (const r of rows) add(r.articleBody);
});
corpus('liar/train.jsonl.gz', () => {
  for (const r of jsonl('liar/train.jsonl.gz')) add(r.statement);
});
corpus('clef2020-claim-retrieval/vclaims.jsonl.gz', () => {
  for (const r of jsonl('clef2020-claim-retrieval/vclaims.jsonl.gz')) {
    add(r.claim);
    add(r.title);
  }
});
corpus('clef2020-claim-retrieval/queries-train.jsonl.gz', () => {
  for (const r of jsonl('clef2020-claim-retrieval/queries-train.jsonl.gz')) add(cleanText(r.text));
});

const started = Date.now();
const v = trainVectors(stream, settings, (/** @type {string} */ m) => process.stderr.write(`train:vectors: ${m} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`));
const made = {
  method: "PPMI (context smoothing alpha) over a weighted window, randomised SVD, rows scaled by sigma^eigenWeight and to unit length; each word's nearest neighbours by cosine",
  settings,
  corpora,
  tokens: v.tokens,
  pairs: v.pairs,
  nonZero: v.nonZero,
  command: 'npm run train:vectors',
};
saveWordVectors(OUT, v.words, v.dimensions, v.vectors, v.neighbours, made);
process.stderr.write(`train:vectors: ${v.words.length} words × ${v.dimensions} dimensions → ${OUT}\n`);
writeCard();
