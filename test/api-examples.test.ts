/**
 * The API documentation's promise: every function the package exports (from `virtxml`,
 * `virtxml/validate` and `virtxml/lint`) has a description and at least one `@example`, and
 * every example type-checks against the package's types and runs, printing what its
 * `console.log(…); // expected` comments say. Examples are read from the sources' doc comments,
 * which TypeDoc (`npm run docs`) publishes.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/corpus.js';
import { checkExamples, PACKAGE_ENTRIES as ENTRIES, TYPE_CHECK_OPTIONS, type Example } from './support/examples.js';

interface DocumentedFunction {
  readonly entry: string;
  readonly name: string;
  readonly description: string;
  readonly examples: readonly string[];
}

const program = ts.createProgram(Object.values(ENTRIES).map((f) => join(PROJECT_ROOT, f)), TYPE_CHECK_OPTIONS);
const checker = program.getTypeChecker();

/** Exported functions (declared functions, and constants holding a function) of each entry. */
function exportedFunctions(): DocumentedFunction[] {
  const out: DocumentedFunction[] = [];
  for (const [entry, file] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(join(PROJECT_ROOT, file))!;
    const moduleSymbol = checker.getSymbolAtLocation(source)!;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      if (declaration === undefined || !(symbol.flags & ts.SymbolFlags.Value)) continue;
      const isFunction =
        ts.isFunctionDeclaration(declaration) ||
        (ts.isVariableDeclaration(declaration) &&
          checker.getTypeOfSymbolAtLocation(symbol, declaration).getCallSignatures().length > 0 &&
          checker.getTypeOfSymbolAtLocation(symbol, declaration).getConstructSignatures().length === 0);
      if (!isFunction) continue;
      const description = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
      const examples = symbol
        .getJsDocTags(checker)
        .filter((t) => t.name === 'example')
        .map((t) => ts.displayPartsToString(t.text));
      out.push({ entry, name: exported.name, description, examples });
    }
  }
  return out;
}

const functions = exportedFunctions();
/** Whether an example has a TypeScript block to run. */
function hasCode(example: string): boolean {
  return /```ts\n[\s\S]*?```/.test(example);
}

describe('API documentation', () => {
  it('finds the exported functions', () => {
    expect(functions.length).toBeGreaterThan(50);
    expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(['validate', 'parse', 'format', 'parseDomain', 'formatDomain', 'lint']));
  });

  it('exports every documented value as a value (no constant reachable only through `export type`)', async () => {
    const broken: string[] = [];
    for (const [entry, file] of Object.entries(ENTRIES)) {
      const loaded = (await import(join(PROJECT_ROOT, file))) as Record<string, unknown>;
      const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(join(PROJECT_ROOT, file))!)!;
      for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        if (!(symbol.flags & ts.SymbolFlags.Value)) continue;
        // @internal: left out of the declarations and the documentation.
        if (symbol.getJsDocTags(checker).some((t) => t.name === 'internal')) continue;
        if (!Object.hasOwn(loaded, exported.name)) broken.push(`${entry}: ${exported.name}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('gives every exported function a description and a TypeScript example', () => {
    const missing = functions.filter((f) => f.description === '' || !f.examples.some(hasCode));
    expect(missing.map((f) => `${f.entry}: ${f.name}${f.description === '' ? ' (no description)' : ''}${f.examples.length === 0 ? ' (no @example)' : ''}`)).toEqual([]);
  });

  it('has examples that type-check and run, printing what they say', () => {
    const examples: Example[] = [];
    const seen = new Set<string>();
    for (const f of functions) {
      f.examples.forEach((example, i) => {
        const code = /```ts\n([\s\S]*?)```/.exec(example)?.[1];
        // One function exported by two entries has the same examples: run them once.
        if (code === undefined || seen.has(`${f.name}:${code}`)) return;
        seen.add(`${f.name}:${code}`);
        examples.push({ name: `${f.entry} ${f.name} (example ${i + 1})`, code });
      });
    }
    expect(examples.length).toBeGreaterThanOrEqual(functions.length - 10);
    expect(checkExamples(examples)).toEqual([]);
  });
});
