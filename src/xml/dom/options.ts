/** Options for {@link parseXml} and {@link scanXml}. */
export interface ParseXmlOptions {
  /**
   * Upper bound on the total number of characters of entity replacement text expanded in one
   * document, counted every time an entity is used. Defaults to 1,000,000.
   */
  readonly maxEntityExpansion?: number;
  /** Upper bound on how deeply entity references may nest. Defaults to 16. */
  readonly maxEntityDepth?: number;
  /**
   * Upper bound on how deeply elements may nest (the document element is at depth 1). Unbounded
   * by default: reading, serialising and validating keep their own stacks, so depth costs
   * memory, not call stack. The model sets a bound of its own (see `parse`).
   */
  readonly maxDepth?: number;
}

export interface EntityLimits {
  readonly maxExpansion: number;
  readonly maxDepth: number;
}

export const DEFAULT_MAX_ENTITY_EXPANSION = 1_000_000;
export const DEFAULT_MAX_ENTITY_DEPTH = 16;

export function entityLimits(options: ParseXmlOptions | undefined): EntityLimits {
  return {
    maxExpansion: options?.maxEntityExpansion ?? DEFAULT_MAX_ENTITY_EXPANSION,
    maxDepth: options?.maxEntityDepth ?? DEFAULT_MAX_ENTITY_DEPTH,
  };
}
