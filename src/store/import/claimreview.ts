/**
 * schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview, as Google's fact-check markup uses
 * it) and Google Fact Check Tools API responses (`claims[]`, each with `claimReview[]`), to
 * fact-checks. Required: claimReviewed, and reviewRating with alternateName or ratingValue; the rest
 * is kept when present.
 */
import { InputError, type Where } from '../../article/errors.js';
import type { FactCheckInput } from '../factchecks.js';
import { normaliseVerdict } from '../verdict.js';
import type { ImportItem } from './types.js';

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: Json): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (isObj(v)) return text(v['@value'] ?? v.name);
  return undefined;
}

function num(v: Json): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function first(v: Json): Json {
  return Array.isArray(v) ? v[0] : v;
}

function typesOf(node: Obj): string[] {
  const t = node['@type'] ?? node.type;
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^(https?:\/\/schema\.org\/|schema:)/, ''));
}

export function isClaimReview(node: Json): node is Obj {
  return isObj(node) && typesOf(node).includes('ClaimReview');
}

/** A Fact Check Tools API response (claims:search or pages): `{claims: [{text, claimReview: [...]}]}`. */
export function isFactCheckApiResponse(node: Json): node is { claims: Json[] } {
  return isObj(node) && Array.isArray(node.claims) && node.claims.some((c) => isObj(c) && Array.isArray(c.claimReview));
}

/** Every ClaimReview node in a JSON-LD document: an object, an array, @graph, or nested (mainEntity, review, …). */
export function findClaimReviews(doc: Json, out: Obj[] = [], depth = 0): Obj[] {
  if (depth > 32) return out;
  if (Array.isArray(doc)) {
    for (const d of doc) findClaimReviews(d, out, depth + 1);
  } else if (isObj(doc)) {
    if (isClaimReview(doc)) {
      out.push(doc);
      return out;
    }
    for (const [k, v] of Object.entries(doc)) if (k !== '@context' && typeof v === 'object' && v !== null) findClaimReviews(v, out, depth + 1);
  }
  return out;
}

function urls(v: Json): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const out: string[] = [];
  for (const a of list) {
    const u = typeof a === 'string' ? a : isObj(a) ? text(a.url ?? a['@id']) : undefined;
    if (u !== undefined && u !== '') out.push(u);
  }
  return out;
}

function isoDate(v: Json): string | undefined {
  const t = text(v);
  return t === undefined ? undefined : normaliseDate(t);
}

const ISO_DAY = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$/;

/**
 * A date as the store keeps it, so that dates compare as text: an ISO 8601 date or timestamp gives its
 * date part as written (YYYY, YYYY-MM or YYYY-MM-DD); another form JavaScript can read ("March 5,
 * 2024") gives its day. Anything else is kept as given: it is not lost, and it is never taken for a
 * date (a recency window leaves it out, as it does a fact-check with no date).
 */
export function normaliseDate(t: string): string {
  const m = ISO_DAY.exec(t);
  if (m !== null) return t.slice(0, m[3] !== undefined ? 10 : m[2] !== undefined ? 7 : 4);
  // JavaScript's reader takes almost anything ("12" is December 2001): only text with a year in it.
  const ms = /\b\d{4}\b/.test(t) && /\D/.test(t) ? Date.parse(t) : NaN;
  if (!Number.isFinite(ms)) return t;
  // A date without a time is read as local midnight: the local day is the day written, in any zone.
  const d = new Date(ms);
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A required field that is absent or empty is missing; one that is there but unreadable says what it holds. */
function fieldProblem(given: Json, field: string, where: Where): InputError {
  const empty = given === undefined || given === null || (typeof given === 'string' && given.trim() === '') || (Array.isArray(given) && given.length === 0);
  if (empty) return new InputError('E_FIELD', `ClaimReview is missing its required field ${field}`, where);
  const what = typeof given === 'number' ? `the number ${given}` : Array.isArray(given) ? 'an array' : typeof given === 'object' ? 'an object without text' : `a ${typeof given}`;
  return new InputError('E_FIELD', `ClaimReview has ${what} for its required field ${field}`, where);
}

/** One ClaimReview node to a fact-check, or an InputError naming the missing field. */
export function fromClaimReview(node: Obj, where: Where): FactCheckInput | InputError {
  const claim = text(node.claimReviewed);
  if (claim === undefined) return fieldProblem(node.claimReviewed, '"claimReviewed" (the text of the claim)', where);
  const rating = first(node.reviewRating);
  if (!isObj(rating)) return fieldProblem(node.reviewRating, '"reviewRating" (a Rating with alternateName)', where);
  const verdictText = text(rating.alternateName) ?? text(rating.name);
  const ratingValue = num(rating.ratingValue);
  if (verdictText === undefined && ratingValue === undefined) {
    const given = rating.alternateName ?? rating.name ?? rating.ratingValue;
    return fieldProblem(given, '"reviewRating.alternateName" (the verdict as text; or a ratingValue)', where);
  }
  const author = first(node.author ?? node.publisher);
  const item = first(node.itemReviewed);
  const itemObj = isObj(item) ? item : {};
  const claimAuthor = first(itemObj.author);
  const bestRating = num(rating.bestRating);
  const worstRating = num(rating.worstRating);
  const appearances = [...urls(itemObj.appearance), ...urls(itemObj.firstAppearance)];
  const identifier = text(node.identifier);
  const lang = first(node.inLanguage);
  return {
    claim,
    title: text(node.name ?? node.headline),
    claimant: isObj(claimAuthor) ? text(claimAuthor.name) : text(claimAuthor),
    claimDate: isoDate(itemObj.datePublished),
    appearances: [...new Set(appearances)],
    url: text(node.url),
    publisher: isObj(author) ? text(author.name) : text(author),
    publisherUrl: isObj(author) ? text(author.url) : undefined,
    reviewDate: isoDate(node.datePublished),
    verdictText: verdictText ?? (ratingValue === undefined ? undefined : String(ratingValue)),
    verdict: normaliseVerdict(verdictText, { value: ratingValue, best: bestRating, worst: worstRating }),
    ratingValue,
    bestRating,
    worstRating,
    language: isObj(lang) ? text(lang.alternateName ?? lang.name) : text(lang),
    source: 'claimreview',
    key: identifier !== undefined && /^(id|hash|url):/.test(identifier) ? identifier : undefined,
    sourceId: identifier !== undefined && !/^(id|hash|url):/.test(identifier) ? identifier : undefined,
  };
}

/** The fact-checks of a Fact Check Tools API response: one per claimReview of each claim. */
export function* fromFactCheckApi(doc: { claims: Json[] }, where: Where): Generator<ImportItem> {
  let record = 0;
  for (const c of doc.claims) {
    record++;
    const at = { ...where, record };
    if (!isObj(c)) {
      yield { kind: 'error', error: new InputError('E_PARSE', 'expected a claim object in "claims"', at) };
      continue;
    }
    const claim = text(c.text);
    const reviews = Array.isArray(c.claimReview) ? c.claimReview : [];
    if (claim === undefined) {
      yield { kind: 'error', error: new InputError('E_FIELD', 'claim is missing its required field "text"', at) };
      continue;
    }
    if (reviews.length === 0) {
      yield { kind: 'error', error: new InputError('E_FIELD', 'claim is missing its required field "claimReview" (a non-empty array)', at) };
      continue;
    }
    for (const r of reviews) {
      if (!isObj(r)) continue;
      const verdictText = text(r.textualRating);
      if (verdictText === undefined) {
        yield { kind: 'error', error: new InputError('E_FIELD', 'claimReview is missing its required field "textualRating"', at) };
        continue;
      }
      const publisher = isObj(r.publisher) ? r.publisher : {};
      const site = text(publisher.site);
      yield {
        kind: 'fact-check',
        factCheck: {
          claim,
          title: text(r.title),
          claimant: text(c.claimant),
          claimDate: isoDate(c.claimDate),
          appearances: [],
          url: text(r.url),
          publisher: text(publisher.name) ?? site,
          publisherUrl: site === undefined ? undefined : /^https?:/.test(site) ? site : `https://${site}`,
          reviewDate: isoDate(r.reviewDate),
          verdictText,
          verdict: normaliseVerdict(verdictText),
          language: text(r.languageCode),
          source: 'factcheck-api',
        },
      };
    }
  }
}

/** Every fact-check in one parsed JSON document (JSON-LD or an API response). */
export function* fromJsonDocument(doc: Json, where: Where, noneMessage: string): Generator<ImportItem> {
  if (isFactCheckApiResponse(doc)) {
    yield* fromFactCheckApi(doc, where);
    return;
  }
  const nodes = findClaimReviews(doc);
  if (nodes.length === 0) {
    yield { kind: 'error', error: new InputError('E_EMPTY', noneMessage, where) };
    return;
  }
  let record = 0;
  for (const node of nodes) {
    record++;
    const at = nodes.length > 1 && where.line === undefined ? { ...where, record } : where;
    const f = fromClaimReview(node, at);
    yield f instanceof InputError ? { kind: 'error', error: f } : { kind: 'fact-check', factCheck: f };
  }
}
