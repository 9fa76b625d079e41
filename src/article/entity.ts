/** Named-entity types (the CoNLL-2003 set) and one recognised mention. */

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A name found in the text: character offsets into the article text and the Doc's token range. */
export interface EntityMention {
  start: number;
  end: number;
  tokenStart: number;
  tokenEnd: number;
  type: EntityType;
}
