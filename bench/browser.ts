/**
 * What a web page that validates domains downloads: a page that imports `virtxml/validate` is
 * bundled the way applications bundle it (esbuild, the package's `browser` condition, code
 * splitting, minified), and the JavaScript it needs before its first domain is validated is
 * measured: the page's entry, every chunk it imports statically, and the chunk of the libvirt
 * 11.3.0 domain grammar, which `validateAsync` imports on first use. Used by the bench (target:
 * at most 150 KB gzipped) and by test/browser/bundle.test.ts.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The initial JavaScript of a domain-validating page may weigh at most this, gzipped. */
export const BROWSER_INITIAL_GZIP_TARGET = 150 * 1024;

export interface BrowserBundle {
  /** Bytes (minified) and gzipped bytes of the page's entry and its static imports. */
  readonly initialBytes: number;
  readonly initialGzip: number;
  /** Gzipped bytes of the libvirt 11.3.0 domain grammar's chunk. */
  readonly domainGrammarGzip: number;
  /** What the page loads before validating its first domain: initial JavaScript plus that chunk. */
  readonly domainPageGzip: number;
  /** Chunks of the output, of which grammar tables (each imported on first use). */
  readonly chunks: number;
  readonly grammarChunks: number;
  /** Output files of the page, relative to its directory, the entry first. */
  readonly files: { readonly entry: string; readonly initial: readonly string[]; readonly domainGrammar: string };
}

export interface PageOptions {
  /** The built package's dist/ directory (default: the repository's). */
  readonly distDir?: string;
  /** The page's script (an ES module importing from 'virtxml' or 'virtxml/validate'). */
  readonly script?: string;
  /** Where to write the bundle (default: a temporary directory, removed afterwards). */
  readonly outDir?: string;
  readonly minify?: boolean;
}

/** The default page: validate a domain, as an application would. */
export const DOMAIN_PAGE_SCRIPT = `import { validateAsync } from 'virtxml/validate';
export async function check(xml) {
  return validateAsync(xml);
}
`;

/** A project with virtxml installed from `distDir` (package.json as published, dist/ linked). */
function consumerProject(distDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtxml-page-'));
  const pkg = join(dir, 'node_modules/virtxml');
  mkdirSync(pkg, { recursive: true });
  cpSync(join(REPO_DIR, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(resolve(distDir), join(pkg, 'dist'), 'dir');
  return dir;
}

/** Bundles a page's script as an application would; returns esbuild's metafile and the output directory. */
export async function bundlePage(options: PageOptions = {}) {
  const project = consumerProject(options.distDir ?? join(REPO_DIR, 'dist'));
  const outDir = options.outDir ?? join(project, 'out');
  writeFileSync(join(project, 'page.js'), options.script ?? DOMAIN_PAGE_SCRIPT);
  try {
    const result = await build({
      absWorkingDir: project,
      entryPoints: { page: 'page.js' },
      outdir: outDir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: options.minify ?? true,
      metafile: true,
      // The package is linked: resolve it by its path under node_modules, not the link's target.
      preserveSymlinks: true,
      logLevel: 'warning',
    });
    // Paths in the metafile are relative to the project.
    const path = (output: string) => resolve(project, output);
    return { metafile: result.metafile, outDir, path, cleanup: () => rmSync(project, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(project, { recursive: true, force: true });
    throw e;
  }
}

/** Bundles the domain page and measures what it loads before validating its first domain. */
export async function measureBrowserBundle(options: Omit<PageOptions, 'script'> = {}): Promise<BrowserBundle> {
  const page = await bundlePage(options);
  try {
    const outputs = page.metafile.outputs;
    const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === 'page.js')!;
    const initial = new Set<string>();
    const pending = [entry];
    while (pending.length > 0) {
      const o = pending.pop()!;
      if (initial.has(o)) continue;
      initial.add(o);
      for (const imp of outputs[o]!.imports) if (imp.kind === 'import-statement' && !imp.external) pending.push(imp.path);
    }
    const text = (o: string) => readFileSync(page.path(o));
    const grammarOf = (o: string) => /"format\\?":\\?"virtxml-grammar\/1\\?",\\?"libvirt\\?":\\?"([^"\\]+)\\?",\\?"root\\?":\\?"([^"\\]+)/.exec(text(o).toString('utf8'));
    const chunks = Object.keys(outputs).filter((o) => o.endsWith('.js') && o !== entry);
    const grammarChunks = chunks.filter((o) => !initial.has(o) && grammarOf(o) !== null);
    const domain = grammarChunks.find((o) => {
      const g = grammarOf(o)!;
      return g[1] === '11.3.0' && g[2] === 'domain';
    });
    if (domain === undefined) throw new Error('the page bundle has no chunk of its own for the 11.3.0 domain grammar');
    for (const o of initial) if (grammarOf(o) !== null) throw new Error(`a grammar table is in the page's initial JavaScript (${o})`);
    const gz = (o: string) => gzipSync(text(o), { level: 9 }).length;
    const initialGzip = [...initial].reduce((sum, o) => sum + gz(o), 0);
    const domainGrammarGzip = gz(domain);
    const rel = (o: string) => relative(page.outDir, page.path(o));
    return {
      initialBytes: [...initial].reduce((sum, o) => sum + text(o).length, 0),
      initialGzip,
      domainGrammarGzip,
      domainPageGzip: initialGzip + domainGrammarGzip,
      chunks: chunks.length,
      grammarChunks: grammarChunks.length,
      files: { entry: rel(entry), initial: [...initial].map(rel), domainGrammar: rel(domain) },
    };
  } finally {
    if (options.outDir === undefined) page.cleanup();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = process.argv[2];
  const m = await measureBrowserBundle(distDir === undefined ? {} : { distDir });
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `domain page: ${kb(m.domainPageGzip)} gzipped before its first validation (initial ${kb(m.initialGzip)}, ${kb(m.initialBytes)} minified; ` +
      `domain grammar ${kb(m.domainGrammarGzip)}); ${m.grammarChunks} grammar chunks of ${m.chunks}`,
  );
}
