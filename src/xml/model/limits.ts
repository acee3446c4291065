/**
 * How deeply the model reads and writes elements: what libxml2, and so libvirt itself, reads
 * without its "huge" option (257 levels), the bound every entry point applies (see
 * DEFAULT_MAX_DEPTH). The model's reader and writer recurse once per level; the bound keeps
 * hostile input (deep foreign content in `<metadata>`, a deep or self-containing value built in
 * code or received as JSON) from exhausting the call stack.
 */
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH } from '../dom/options.js';

export const MODEL_MAX_DEPTH = DEFAULT_MAX_DEPTH;

/** The longest document `parse` reads, in characters (32 MiB; see DEFAULT_MAX_LENGTH). */
export const MODEL_MAX_LENGTH = DEFAULT_MAX_LENGTH;
