import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/dom/index.js';
import { writeGrammarTable } from '../../src/xml/grammar/table.js';
import { CompiledValidator } from '../../src/xml/validate/index.js';
import { formatDiagnostic } from '../../src/xml/validate/diagnostic.js';
import { specCases } from './cases.js';
import { Dsl } from './dsl.js';

describe('RELAX NG semantics, case by case', () => {
  for (const c of specCases) {
    describe(`§${c.section} ${c.title}`, () => {
      const d = new Dsl();
      const start = c.schema(d);
      // The same grammar directly and after a trip through the table format codegen emits.
      const validators = {
        built: new CompiledValidator(d.b, start, { schema: 'test' }),
        table: CompiledValidator.fromTable(writeGrammarTable(start, 'test', 'test')),
      };
      for (const [how, v] of Object.entries(validators)) {
        for (const xml of c.valid) {
          it(`${how}: accepts ${xml}`, () => {
            const diagnostics = v.validate(parseXml(xml));
            expect(diagnostics.map(formatDiagnostic)).toEqual([]);
          });
        }
        for (const invalid of c.invalid) {
          const { xml, code } = typeof invalid === 'string' ? { xml: invalid, code: undefined } : invalid;
          it(`${how}: rejects ${xml}`, () => {
            const diagnostics = v.validate(parseXml(xml));
            expect(diagnostics.length).toBeGreaterThan(0);
            if (code !== undefined) expect(diagnostics[0]!.code, formatDiagnostic(diagnostics[0]!)).toBe(code);
          });
        }
      }
    });
  }
});
