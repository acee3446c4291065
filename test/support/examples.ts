/**
 * Runs documentation examples: TypeScript snippets that import from the package's entries
 * (`virtxml`, `virtxml/validate`, `virtxml/lint`, resolved to the sources here). Each is
 * type-checked against the package's types, then run (all in one process, each as a module of
 * its own) with `console.log` captured; a line `console.log(…); // expected` must print what its
 * comment says, as Node's console.log would.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from './corpus.js';

export const PACKAGE_ENTRIES: Readonly<Record<string, string>> = {
  virtxml: 'src/index.ts',
  'virtxml/validate': 'src/validate.ts',
  'virtxml/lint': 'src/lint/index.ts',
};

/** How examples and the package's entries are type-checked: strict, as a Node ES-module project. */
export const TYPE_CHECK_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
};

export interface Example {
  /** Where it comes from, for messages. */
  readonly name: string;
  readonly code: string;
}

/** Problems found, as readable lines: type errors, then exceptions and output that differs. */
export function checkExamples(examples: readonly Example[]): string[] {
  const work = mkdtempSync(join(tmpdir(), 'virtxml-examples-'));
  try {
    const files = examples.map((e, i) => {
      const file = join(work, `example-${i}.mts`);
      const code = e.code.replace(/from '(virtxml(?:\/validate|\/lint)?)'/g, (_m, entry: string) => `from '${join(PROJECT_ROOT, PACKAGE_ENTRIES[entry]!)}'`);
      writeFileSync(file, `${code}\nexport {};\n`);
      return { name: e.name, file, expected: [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]!) };
    });
    const program = ts.createProgram(files.map((f) => f.file), { ...TYPE_CHECK_OPTIONS, allowImportingTsExtensions: true });
    const nameOf = (fileName: string | undefined) => files.find((f) => f.file === fileName)?.name ?? fileName ?? '';
    const typeErrors = ts.getPreEmitDiagnostics(program).map((d) => `${nameOf(d.file?.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    if (typeErrors.length > 0) return typeErrors;
    const runner = join(work, 'run.mts');
    writeFileSync(runner, `
import { format } from 'node:util';
const files = ${JSON.stringify(files.map((f) => f.file))};
const results = [];
const log = console.log;
for (const file of files) {
  const lines = [];
  console.log = (...args) => lines.push(format(...args));
  try {
    await import(file);
    results.push({ file, lines });
  } catch (e) {
    results.push({ file, lines, error: String((e && e.stack) || e) });
  }
}
console.log = log;
process.stdout.write(JSON.stringify(results));
`);
    const out = execFileSync(process.execPath, ['--import', 'tsx', runner], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    const failures: string[] = [];
    for (const r of JSON.parse(out) as { file: string; lines: string[]; error?: string }[]) {
      const f = files.find((x) => x.file === r.file)!;
      if (r.error !== undefined) failures.push(`${f.name}: ${r.error}`);
      else if (JSON.stringify(r.lines) !== JSON.stringify(f.expected)) failures.push(`${f.name}: printed ${JSON.stringify(r.lines)}, its comments say ${JSON.stringify(f.expected)}`);
    }
    return failures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
