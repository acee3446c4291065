/**
 * Thrown by synchronous validation in a bundle that loads grammar tables on first use (the
 * browser build) when the table it needs has not been loaded yet.
 */
export class GrammarNotLoadedError extends Error {
  override readonly name = 'GrammarNotLoadedError';
  /** The libvirt release of the missing table. */
  readonly release: string;
  /** The schema root of the missing table. */
  readonly root: string;

  constructor(release: string, root: string) {
    super(
      `the grammar of ${root} (libvirt ${release}) is not loaded yet: this bundle loads each grammar on first use, ` +
        `so call \`await loadGrammar(${JSON.stringify(root)}, ${JSON.stringify(release)})\` ` +
        'before validate(), or use validateAsync()',
    );
    this.release = release;
    this.root = root;
  }
}
