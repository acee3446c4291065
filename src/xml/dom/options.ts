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
   * Upper bound on how deeply elements may nest (the document element is at depth 1). Defaults
   * to {@link DEFAULT_MAX_DEPTH} (257), what libxml2, and so libvirt, reads without its "huge"
   * option; deeper input is a `too-deep` error. Reading, serialising and validating keep their
   * own stacks, so `Infinity` is safe here (depth then costs memory, not call stack); the model
   * keeps the default (see `parse`).
   */
  readonly maxDepth?: number;
  /**
   * Upper bound on a document's length in characters (UTF-16 code units). Defaults to
   * {@link DEFAULT_MAX_LENGTH} (32 MiB); a longer text is a `too-large` error before anything
   * is read, so that no document makes a process run out of memory.
   */
  readonly maxLength?: number;
}

/**
 * Nesting libxml2 reads without XML_PARSE_HUGE: 257 levels (its limit of 256 counts from 0);
 * 258 is "Excessive depth in document". libvirt parses with libxml2, so a deeper document is one
 * libvirt refuses. `validate`, `parseXml`, `parse` and `format` all apply it.
 */
export const DEFAULT_MAX_DEPTH = 257;

/**
 * 32 MiB: more than three times what virsh reads from an XML file (10 MiB), and within what the
 * model needs to stay under a 2 GB heap (formatting takes about 35 bytes of memory per character).
 */
export const DEFAULT_MAX_LENGTH = 32 * 1024 * 1024;

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
