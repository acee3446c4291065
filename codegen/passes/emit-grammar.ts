/**
 * emit-grammar: writes each root's compiled grammar table as a TypeScript module holding the
 * table's JSON text (parsed lazily at run time: JSON.parse is faster than evaluating a literal),
 * plus one registry module per release set.
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

export function emitGrammarRegistry(releases: readonly ReleaseRoots[], pinned: string): GeneratedFile {
  const lines: string[] = [];
  const ident = (release: string, root: string) => `g${release.replace(/\./g, '_')}_${root}`;
  for (const r of releases) {
    for (const root of [...r.roots.keys()].sort()) {
      lines.push(`import { grammarJson as ${ident(r.release, root)} } from './${r.release}/${root}.js';`);
    }
  }
  const releaseNames = releases.map((r) => r.release);
  const pinnedRoots = [...(releases.find((r) => r.release === pinned)?.roots.keys() ?? [])].sort();
  const allRoots = [...new Set(releases.flatMap((r) => [...r.roots.keys()]))].sort();
  const q = (s: string) => JSON.stringify(s);
  const body = [
    `import type { GrammarTable } from '../../../xml/codegen-v1.js';`,
    ...lines,
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
    `const GRAMMAR_JSON: Readonly<Record<LibvirtRelease, Readonly<Partial<Record<RootName, string>>>>> = {`,
    ...releases.map((r) => `  ${q(r.release)}: {\n${[...r.roots.keys()].sort().map((root) => `    ${root}: ${ident(r.release, root)},`).join('\n')}\n  },`),
    `};`,
    '',
    `const parsed = new Map<string, GrammarTable>();`,
    '',
    `/** The compiled grammar table of a root, or undefined when the release has no such root. */`,
    `export function loadGrammarTable(release: LibvirtRelease, root: RootName): GrammarTable | undefined {`,
    `  const key = release + '/' + root;`,
    `  let table = parsed.get(key);`,
    `  if (table === undefined) {`,
    `    const json = GRAMMAR_JSON[release]?.[root];`,
    `    if (json === undefined) return undefined;`,
    `    table = JSON.parse(json) as GrammarTable;`,
    `    parsed.set(key, table);`,
    `  }`,
    `  return table;`,
    `}`,
    '',
  ];
  return {
    path: `${GRAMMAR_DIR}/index.ts`,
    content: generatedHeader(releaseNames.join(', '), 'schemas (all roots)') + body.join('\n'),
  };
}
