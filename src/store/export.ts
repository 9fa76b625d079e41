/**
 * A stored fact-check as schema.org ClaimReview JSON-LD, with the fields Google's fact-check markup
 * reads: claimReviewed, reviewRating (Rating with alternateName), itemReviewed (a Claim with its
 * author, datePublished and appearance), url, author and datePublished. `identifier` carries the
 * store's key, so importing the export again updates the same rows.
 */
import type { FactCheck } from './factchecks.js';

export function toClaimReview(f: FactCheck): Record<string, unknown> {
  const out: Record<string, unknown> = { '@context': 'https://schema.org', '@type': 'ClaimReview' };
  if (f.url !== undefined) out.url = f.url;
  out.identifier = f.key;
  out.claimReviewed = f.claim;
  if (f.title !== undefined) out.name = f.title;
  if (f.reviewDate !== undefined) out.datePublished = f.reviewDate;
  if (f.language !== undefined) out.inLanguage = f.language;
  if (f.publisher !== undefined || f.publisherUrl !== undefined) {
    const author: Record<string, unknown> = { '@type': 'Organization' };
    if (f.publisher !== undefined) author.name = f.publisher;
    if (f.publisherUrl !== undefined) author.url = f.publisherUrl;
    out.author = author;
  }
  const rating: Record<string, unknown> = { '@type': 'Rating', alternateName: f.verdictText ?? f.verdict };
  if (f.ratingValue !== undefined) rating.ratingValue = f.ratingValue;
  if (f.bestRating !== undefined) rating.bestRating = f.bestRating;
  if (f.worstRating !== undefined) rating.worstRating = f.worstRating;
  out.reviewRating = rating;
  const item: Record<string, unknown> = { '@type': 'Claim' };
  if (f.claimant !== undefined) item.author = { '@type': 'Thing', name: f.claimant };
  if (f.claimDate !== undefined) item.datePublished = f.claimDate;
  if (f.appearances.length > 0) item.appearance = f.appearances.map((url) => ({ '@type': 'CreativeWork', url }));
  out.itemReviewed = item;
  return out;
}
