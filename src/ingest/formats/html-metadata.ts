/**
 * An HTML page's title, author, date, site and URL, from the most deliberate source first:
 * JSON-LD (schema.org NewsArticle / Article), then OpenGraph and <meta>, then <title>.
 */
import type { DomDocument } from './html-dom.js';
import { isJsonObject, textOf, type JsonObject } from './json-object.js';

export interface PageMetadata {
  title?: string;
  author?: string;
  published?: string;
  site?: string;
  url?: string;
}

export function readMetadata(document: DomDocument): PageMetadata {
  const ld = articleJsonLd(document);
  const meta = (selector: string): string | undefined => nonEmpty(document.querySelector(selector)?.getAttribute('content'));
  const found: PageMetadata = {
    title: nonEmpty(textOf(ld?.['headline'])) ?? meta('meta[property="og:title"]') ?? nonEmpty(document.querySelector('title')?.textContent),
    author: nonEmpty(textOf(ld?.['author'])) ?? meta('meta[name="author"]'),
    published: nonEmpty(textOf(ld?.['datePublished'])) ?? meta('meta[property="article:published_time"]'),
    site: nonEmpty(textOf(ld?.['publisher'])) ?? meta('meta[property="og:site_name"]'),
    url:
      nonEmpty(typeof ld?.['url'] === 'string' ? ld['url'] : undefined) ??
      meta('meta[property="og:url"]') ??
      nonEmpty(document.querySelector('link[rel="canonical"]')?.getAttribute('href')),
  };
  return Object.fromEntries(Object.entries(found).filter(([, value]) => value !== undefined));
}

function nonEmpty(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** The first schema.org article object in the page's JSON-LD scripts; broken scripts are passed over. */
function articleJsonLd(document: DomDocument): JsonObject | undefined {
  const scripts = Array.from(document.querySelectorAll('script[type="application/ld+json"]'));
  for (const script of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const article = nodesOf(data).find((node) => typesOf(node['@type']).some(isArticleType));
    if (article !== undefined) return article;
  }
  return undefined;
}

/** The objects of a JSON-LD value: itself, the items of an array, the members of an @graph. */
function nodesOf(data: unknown): JsonObject[] {
  if (Array.isArray(data)) return data.flatMap(nodesOf);
  if (!isJsonObject(data)) return [];
  return [data, ...nodesOf(data['@graph'])];
}

function typesOf(type: unknown): string[] {
  const types = Array.isArray(type) ? type : [type];
  return types.filter((t): t is string => typeof t === 'string');
}

/** NewsArticle, ReportageNewsArticle, "https://schema.org/Article", BlogPosting… */
function isArticleType(type: string): boolean {
  const name = type.slice(Math.max(type.lastIndexOf('/'), type.lastIndexOf(':')) + 1);
  return name.endsWith('Article') || name === 'BlogPosting' || name === 'LiveBlogPosting';
}
