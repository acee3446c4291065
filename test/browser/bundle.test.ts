/**
 * The browser build (`dist/browser/`, the package's `browser` condition): each grammar table is a
 * chunk of its own, imported on first use, so a page that validates domains loads the domain
 * grammar only and stays within the size target; synchronous `validate` says what to do when
 * the grammar it needs is not loaded yet.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BROWSER_INITIAL_GZIP_TARGET, measureBrowserBundle } from '../../bench/browser.js';
import { PROJECT_ROOT } from '../support/corpus.js';

const DOMAIN = "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>4</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n</domain>\n";

describe('browser bundles', () => {
  it(`let a page validate a domain with at most ${BROWSER_INITIAL_GZIP_TARGET / 1024} KB of JavaScript, gzipped, loading no other grammar`, async () => {
    const m = await measureBrowserBundle();
    // Every (release, root) table of the three releases is a chunk of its own, none in the initial load.
    expect(m.grammarChunks).toBe(53);
    expect(m.domainPageGzip).toBeLessThanOrEqual(BROWSER_INITIAL_GZIP_TARGET);
    // Without the grammar tables, the validator itself is small.
    expect(m.initialGzip).toBeLessThan(60 * 1024);
  });

  it('load grammars on first use: validate() asks for loadGrammar or validateAsync until then', async () => {
    const lib = (await import(pathToFileURL(join(PROJECT_ROOT, 'dist/browser/validate.js')).href)) as typeof import('../../src/validate.js');
    expect(() => lib.validate(DOMAIN)).toThrow(lib.GrammarNotLoadedError);
    expect(() => lib.validate(DOMAIN)).toThrow('await loadGrammar("domain", "11.3.0")');
    // Documents that need no grammar are answered at once.
    expect(lib.validate('<nothing-known/>').diagnostics[0]!.code).toBe('unknown-root');
    expect(lib.validate('<domain').valid).toBe(false);
    expect((await lib.validateAsync(DOMAIN)).valid).toBe(true);
    expect(lib.validate(DOMAIN.replace("'GiB'", "'GB'")).valid).toBe(true);
    expect(lib.validate(DOMAIN.replace('hvm', 'hvmm')).diagnostics[0]!.code).toBe('invalid-text');
    // An older release: its grammar, and the pinned release's for "added later" messages.
    await lib.loadGrammar('network', '7.0.0');
    const older = lib.validate("<network><name>n</name><bridge name='virbr0' zone='trusted'/></network>", { libvirt: '7.0.0' });
    expect(older.valid).toBe(true);
    const result = await lib.validateAsync(DOMAIN.replace('<os>', "<throttlegroups/>\n  <os>"), { libvirt: '9.0.0' });
    expect(result.diagnostics[0]!.message).toContain('libvirt 9.0.0');
  });
});
