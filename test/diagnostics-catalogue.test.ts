/**
 * docs/diagnostics.md is the catalogue of `Diagnostic.code`: it lists exactly the members of
 * `DiagnosticCode` (read from the type with the compiler), each with a description.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { messages } from '../src/xml/validate/messages.js';
import { PROJECT_ROOT } from './support/corpus.js';

function diagnosticCodes(): string[] {
  const file = join(PROJECT_ROOT, 'src/xml/validate/diagnostic.ts');
  const program = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'DiagnosticCode')!;
  const type = checker.getTypeAtLocation(alias.name);
  return (type.isUnion() ? type.types : [type]).map((t) => (t as ts.StringLiteralType).value).sort();
}

describe('docs/diagnostics.md', () => {
  const page = readFileSync(join(PROJECT_ROOT, 'docs/diagnostics.md'), 'utf8');
  const rows = [...page.matchAll(/^\| `([a-z-]+)` \| (.+?) \|/gm)].map((m) => ({ code: m[1]!, description: m[2]!.trim() }));

  it('describes every code of DiagnosticCode, once, and no other', () => {
    const codes = diagnosticCodes();
    expect(codes.length).toBeGreaterThan(50);
    expect(rows.map((r) => r.code).sort()).toEqual(codes);
    for (const r of rows) expect(r.description.length, r.code).toBeGreaterThan(10);
  });

  it('lists the validation codes in their own section, with an example message each', () => {
    const section = page.slice(page.indexOf('## Validation'), page.indexOf('## Well-formedness'));
    const validation = [...section.matchAll(/^\| `([a-z-]+)` \| .+ \| `(.+)` \|$/gm)].map((m) => m[1]!);
    expect(validation.sort()).toEqual(Object.keys(messages).sort());
  });
});
