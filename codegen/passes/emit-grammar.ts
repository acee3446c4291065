/**
 * emit-grammar: writes each root's compiled grammar table as a TypeScript module holding the
 * table's JSON text (parsed lazily at run time: JSON.parse is faster than evaluating a literal),
 * plus one registry module per release set and the two modules that provide the tables' texts
 * to it (all at once, or each on first use).
 */
import type { GrammarTable } from '../../src/xml/grammar/table.js';
import { generatedHeader } from '../version.js';

export interface GeneratedFile {
  /** Path relative to the project root, with `/` separators. */
  readonly path: string;
  readonly content: string;
}

export const GRAMMAR_DIR = 'src/model/generated/grammar';

export function emitGrammarModule(table: GrammarTable, sourceFile: string): GeneratedFile {
  const json = JSON.stringify(table);
  return {
    path: `${GRAMMAR_DIR}/${table.libvirt}/${table.root}.ts`,
    content:
      generatedHeader(table.libvirt, sourceFile) +
      `/** The compiled grammar of \`${sourceFile}\` (libvirt ${table.libvirt}) as JSON text. */\n` +
      // Typed `string`: inferred, the declaration would be the whole table as a literal type.
      `export const grammarJson: string = ${JSON.stringify(json)};\n`,
  };
}

export interface ReleaseRoots {
  readonly release: string;
  /** Root name → the local name of its document element(s). */
  readonly roots: ReadonlyMap<string, readonly string[]>;
}

/**
 * The registry (`index.ts`): releases, roots, root elements and the synchronous
 * `loadGrammarTable`, over the table texts that one of two modules provides: `tables.ts` imports
 * every table (Node entries: the CLI and services validate at once, without waiting), and
 * `tables-lazy.ts` imports each on first use, one chunk per table (browser bundles; the build
 * swaps it in). Both have the same exports.
 */
export function emitGrammarRegistry(releases: readonly ReleaseRoots[], pinned: string): GeneratedFile {
  const releaseNames = releases.map((r) => r.release);
  const pinnedRoots = [...(releases.find((r) => r.release === pinned)?.roots.keys() ?? [])].sort();
  const allRoots = [...new Set(releases.flatMap((r) => [...r.roots.keys()]))].sort();
  const q = (s: string) => JSON.stringify(s);
  const body = [
    `import type { GrammarTable } from '../../../xml/codegen-v1.js';`,
    `import { grammarJsonOf, importGrammarJson } from './tables.js';`,
    '',
    `/** The libvirt releases whose grammars ship with virtxml. */`,
    `export const LIBVIRT_RELEASES = [${releaseNames.map(q).join(', ')}] as const;`,
    `export type LibvirtRelease = (typeof LIBVIRT_RELEASES)[number];`,
    `/** The release the model types are generated from, and the default for validation. */`,
    `export const PINNED_RELEASE: LibvirtRelease = ${q(pinned)};`,
    '',
    `/** Schema roots (a schema file's base name) of the pinned release. */`,
    `export const ROOT_NAMES = [${pinnedRoots.map(q).join(', ')}] as const;`,
    `/** Roots of any shipped release. */`,
    `export type RootName = ${allRoots.map(q).join(' | ')};`,
    '',
    `/** For each release and root, the local name(s) of the document element. */`,
    `export const ROOT_ELEMENTS: Readonly<Record<LibvirtRelease, Readonly<Partial<Record<RootName, readonly string[]>>>>> = {`,
    ...releases.map((r) => `  ${q(r.release)}: {\n${[...r.roots.keys()].sort().map((root) => `    ${root}: [${r.roots.get(root)!.map(q).join(', ')}],`).join('\n')}\n  },`),
    `};`,
    '',
    `const parsed = new Map<string, GrammarTable>();`,
    '',
    `/**`,
    ` * The compiled grammar table of a root, or undefined when the release has no such root. In a`,
    ` * bundle that loads tables on first use, throws \`GrammarNotLoadedError\` until {@link loadGrammarModule}`,
    ` * has loaded it.`,
    ` */`,
    `export function loadGrammarTable(release: LibvirtRelease, root: RootName): GrammarTable | undefined {`,
    `  const key = release + '/' + root;`,
    `  let table = parsed.get(key);`,
    `  if (table === undefined) {`,
    `    const json = grammarJsonOf(release, root);`,
    `    if (json === undefined) return undefined;`,
    `    table = JSON.parse(json) as GrammarTable;`,
    `    parsed.set(key, table);`,
    `  }`,
    `  return table;`,
    `}`,
    '',
    `/** Resolves once {@link loadGrammarTable} can return the table: at once where every table is bundled. */`,
    `export function loadGrammarModule(release: LibvirtRelease, root: RootName): Promise<void> {`,
    `  return importGrammarJson(release, root);`,
    `}`,
    '',
  ];
  return {
    path: `${GRAMMAR_DIR}/index.ts`,
    content: generatedHeader(releaseNames.join(', '), 'schemas (all roots)') + body.join('\n'),
  };
}

/** The two providers of table texts `index.ts` imports from: every table at once, or each on first use. */
export function emitGrammarSources(releases: readonly ReleaseRoots[]): GeneratedFile[] {
  const releaseNames = releases.map((r) => r.release);
  const ident = (release: string, root: string) => `g${release.replace(/\./g, '_')}_${root}`;
  const q = (s: string) => JSON.stringify(s);
  const header = generatedHeader(releaseNames.join(', '), 'schemas (all roots)');
  const perRelease = (entry: (release: string, root: string) => string) =>
    releases.map((r) => `  ${q(r.release)}: {\n${[...r.roots.keys()].sort().map((root) => `    ${root}: ${entry(r.release, root)},`).join('\n')}\n  },`);
  const eager = [
    `/**`,
    ` * Every grammar table's JSON text, imported with the module: what Node entries bundle, so that`,
    ` * validation is synchronous from the first document. Browser bundles use tables-lazy.ts instead.`,
    ` */`,
    ...releases.flatMap((r) => [...r.roots.keys()].sort().map((root) => `import { grammarJson as ${ident(r.release, root)} } from './${r.release}/${root}.js';`)),
    '',
    `const GRAMMAR_JSON: Readonly<Record<string, Readonly<Record<string, string>>>> = {`,
    ...perRelease(ident),
    `};`,
    '',
    `/** The JSON text of a table, or undefined when the release has no such root. */`,
    `export function grammarJsonOf(release: string, root: string): string | undefined {`,
    `  const tables = GRAMMAR_JSON[release];`,
    `  return tables !== undefined && Object.prototype.hasOwnProperty.call(tables, root) ? tables[root] : undefined;`,
    `}`,
    '',
    `/** Every table is already here. */`,
    `export function importGrammarJson(_release: string, _root: string): Promise<void> {`,
    `  return Promise.resolve();`,
    `}`,
    '',
  ];
  const lazy = [
    `/**`,
    ` * Each grammar table's JSON text, imported on first use: browser bundles swap this module in`,
    ` * for tables.ts (scripts/build.ts), so each table is a chunk of its own and a page that`,
    ` * validates domains loads the domain grammar only. Same exports as tables.ts.`,
    ` */`,
    `import { GrammarNotLoadedError } from '../../../xml/codegen-v1.js';`,
    '',
    `type TableModule = () => Promise<{ readonly grammarJson: string }>;`,
    '',
    `const GRAMMAR_MODULES: Readonly<Record<string, Readonly<Record<string, TableModule>>>> = {`,
    ...perRelease((release, root) => `() => import('./${release}/${root}.js')`),
    `};`,
    '',
    `const loaded = new Map<string, string>();`,
    '',
    `function moduleOf(release: string, root: string): TableModule | undefined {`,
    `  const modules = GRAMMAR_MODULES[release];`,
    `  return modules !== undefined && Object.prototype.hasOwnProperty.call(modules, root) ? modules[root] : undefined;`,
    `}`,
    '',
    `/** The JSON text of a table, or undefined when the release has no such root; throws while it is not loaded. */`,
    `export function grammarJsonOf(release: string, root: string): string | undefined {`,
    `  const json = loaded.get(release + '/' + root);`,
    `  if (json !== undefined) return json;`,
    `  if (moduleOf(release, root) === undefined) return undefined;`,
    `  throw new GrammarNotLoadedError(release, root);`,
    `}`,
    '',
    `/** Imports a table's chunk; resolves at once when it is loaded or the release has no such root. */`,
    `export async function importGrammarJson(release: string, root: string): Promise<void> {`,
    `  const key = release + '/' + root;`,
    `  const load = moduleOf(release, root);`,
    `  if (load === undefined || loaded.has(key)) return;`,
    `  loaded.set(key, (await load()).grammarJson);`,
    `}`,
    '',
  ];
  return [
    { path: `${GRAMMAR_DIR}/tables.ts`, content: header + eager.join('\n') },
    { path: `${GRAMMAR_DIR}/tables-lazy.ts`, content: header + lazy.join('\n') },
  ];
}
