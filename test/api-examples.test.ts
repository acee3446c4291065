/**
 * The API documentation's promise: every function the package exports (from `virtxml`,
 * `virtxml/validate` and `virtxml/lint`) has a description and at least one `@example`, and
 * every example type-checks against the package's types and runs, printing what its
 * `console.log(…); // expected` comments say. Examples are read from the sources' doc comments,
 * which TypeDoc (`npm run docs`) publishes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/corpus.js';

const ENTRIES: Readonly<Record<string, string>> = {
  virtxml: 'src/index.ts',
  'virtxml/validate': 'src/validate.ts',
  'virtxml/lint': 'src/lint/index.ts',
};

interface DocumentedFunction {
  readonly entry: string;
  readonly name: string;
  readonly description: string;
  readonly examples: readonly string[];
}

const program = ts.createProgram(Object.values(ENTRIES).map((f) => join(PROJECT_ROOT, f)), {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
});
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
const work = mkdtempSync(join(tmpdir(), 'virtxml-examples-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The code of an example: its ```ts block, with the package's entries resolved to the sources. */
function exampleCode(example: string): string | undefined {
  const code = /```ts\n([\s\S]*?)```/.exec(example)?.[1];
  if (code === undefined) return undefined;
  return code.replace(/from '(virtxml(?:\/validate|\/lint)?)'/g, (_m, entry: string) => `from '${join(PROJECT_ROOT, ENTRIES[entry]!)}'`);
}

describe('API documentation', () => {
  it('finds the exported functions', () => {
    expect(functions.length).toBeGreaterThan(50);
    expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(['validate', 'parse', 'format', 'parseDomain', 'formatDomain', 'lint']));
  });

  it('gives every exported function a description and a TypeScript example', () => {
    const missing = functions.filter((f) => f.description === '' || !f.examples.some((e) => exampleCode(e) !== undefined));
    expect(missing.map((f) => `${f.entry}: ${f.name}${f.description === '' ? ' (no description)' : ''}${f.examples.length === 0 ? ' (no @example)' : ''}`)).toEqual([]);
  });

  it('has examples that type-check and run, printing what they say', () => {
    const files: { name: string; file: string; expected: string[] }[] = [];
    const seen = new Set<string>();
    for (const f of functions) {
      f.examples.forEach((example, i) => {
        const code = exampleCode(example);
        if (code === undefined) return;
        // One function exported by two entries has the same examples: run them once.
        const key = `${f.name}:${code}`;
        if (seen.has(key)) return;
        seen.add(key);
        const file = join(work, `${f.name}-${i}.mts`);
        writeFileSync(file, `${code}\nexport {};\n`);
        files.push({ name: `${f.entry} ${f.name}`, file, expected: [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]!) });
      });
    }
    expect(files.length).toBeGreaterThanOrEqual(functions.length - 10);

    const typecheck = ts.createProgram(files.map((f) => f.file), {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      types: ['node'],
    });
    const errors = ts.getPreEmitDiagnostics(typecheck).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') + (d.file ? ` (${d.file.fileName})` : ''));
    expect(errors).toEqual([]);

    // All examples in one process: each is imported with console.log captured.
    const runner = join(work, 'run.mts');
    writeFileSync(runner, `
const files = ${JSON.stringify(files.map((f) => f.file))};
import { format } from 'node:util';
const results = [];
const log = console.log;
for (const file of files) {
  const lines = [];
  console.log = (...args) => lines.push(format(...args));
  try {
    await import(file);
    results.push({ file, lines });
  } catch (e) {
    results.push({ file, lines, error: String(e && e.stack || e) });
  }
}
console.log = log;
process.stdout.write(JSON.stringify(results));
`);
    const out = execFileSync(process.execPath, ['--import', 'tsx', runner], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    const results = JSON.parse(out) as { file: string; lines: string[]; error?: string }[];
    const failures: string[] = [];
    for (const r of results) {
      const f = files.find((x) => x.file === r.file)!;
      if (r.error !== undefined) failures.push(`${f.name}: ${r.error}`);
      else if (JSON.stringify(r.lines) !== JSON.stringify(f.expected)) failures.push(`${f.name}: printed ${JSON.stringify(r.lines)}, its comments say ${JSON.stringify(f.expected)}`);
    }
    expect(failures).toEqual([]);
  });
});
