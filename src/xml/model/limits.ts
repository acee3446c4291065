/**
 * How deeply the model reads and writes elements: what libxml2, and so libvirt itself, reads
 * without its "huge" option. The model's reader and writer recurse once per level; the bound
 * keeps hostile input (deep foreign content in `<metadata>`, a deep or self-containing value
 * built in code or received as JSON) from exhausting the call stack.
 */
export const MODEL_MAX_DEPTH = 256;
