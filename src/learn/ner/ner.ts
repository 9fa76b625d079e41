/**
 * Named entities in news text: people (PER), organisations (ORG), places (LOC) and other names (MISC).
 *
 *   const model = loadNer('models/ner.cdm');
 *   const mentions = recogniseEntities(makeDoc(article), model);
 *
 * Each sentence of the Doc is tagged on the Doc's own tokens; mentions are offsets into `doc.text` and
 * token ranges into `doc.tokens`, sorted by start. A possessive ending ("Mueller's") is left out of the
 * offsets though its token is in the range.
 */
import type { EntityMention, EntityType } from '../../article/entity.js';
import type { Doc } from '../../text/doc.js';
import type { NerCard } from './card.js';
import { sentenceViews, TAGS } from './features.js';
import { readNerFile, type NerFile } from './file.js';
import { constrain, currentIds, LocalCache, tagSentence, type NerSettings, type NerTagger } from './model.js';

export interface LoadedNer {
  tagger: NerTagger;
  settings: NerSettings;
  card: NerCard;
  /** The transitions with BIO's forbidden moves set to −Infinity. */
  trans: Float32Array;
  cache: LocalCache;
}

export function loadNer(path: string): LoadedNer {
  return fromNerFile(readNerFile(path, TAGS));
}

export function fromNerFile(f: NerFile): LoadedNer {
  return { ...f, trans: constrain(f.tagger.weights.trans), cache: new LocalCache(f.tagger) };
}

const TYPE_OF: readonly (EntityType | null)[] = TAGS.map((t) => (t === 'O' ? null : (t.slice(2) as EntityType)));

export function recogniseEntities(doc: Doc, model: LoadedNer): EntityMention[] {
  const out: EntityMention[] = [];
  if (doc.tokens.length === 0) return out;
  const ids = currentIds(doc.tokens);
  const tokens = ids === doc.tokens.ids ? doc.tokens : { ...doc.tokens, ids };
  for (const view of sentenceViews(doc.text, tokens, doc.sentences)) {
    if (view.to <= view.from) continue;
    const tags = tagSentence(model.tagger, model.cache, view, ids, model.trans);
    mentionsOf(doc, view.from, tags, out);
  }
  // A possessive stays outside the name ("Mueller's" → "Mueller"): our tokens keep it inside the word.
  for (const m of out) {
    const last = doc.text.slice(doc.tokens.start[m.tokenEnd - 1]!, m.end);
    const cut = /['\u2019]s$/i.test(last) && last.length > 2 ? 2 : 0;
    m.end -= cut;
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

/** Mentions of a tag sequence over tokens starting at `from`. */
export function mentionsOf(doc: Doc, from: number, tags: Uint8Array, out: EntityMention[]): void {
  let open: EntityMention | null = null;
  for (let k = 0; k < tags.length; k++) {
    const t = tags[k]!;
    const type = TYPE_OF[t]!;
    const i = from + k;
    if (type === null) {
      open = null;
      continue;
    }
    if ((t & 1) === 1 || open === null || open.type !== type) {
      open = { start: doc.tokens.start[i]!, end: doc.tokens.end[i]!, tokenStart: i, tokenEnd: i + 1, type };
      out.push(open);
    } else {
      open.end = doc.tokens.end[i]!;
      open.tokenEnd = i + 1;
    }
  }
}
