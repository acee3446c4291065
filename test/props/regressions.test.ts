/**
 * Replays the documents in test/corpus/regressions (see regressions.json there): each judge's
 * verdict is pinned, so a change in libxml2, in Jing or in our code shows up here. Entries with
 * `knownBug` assert the right behaviour in `it.fails`: they start failing once fixed, and the
 * entry's `knownBug` is then removed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LibvirtRelease, RootName } from '../../src/model/generated/grammar/index.js';
import type { ModelRoot } from '../../src/model/generated/types/index.js';
import { format, formatAs, parse } from '../../src/xml/model/index.js';
import { PROJECT_ROOT } from '../support/corpus.js';
import { libxml2Missing } from '../support/libxml2.js';
import { withoutLayout } from './model-equality.js';
import { jingAvailable, jingVerdicts, libxml2Verdict, ourVerdict, schemasMissing } from './oracles.js';

interface Regression {
  readonly file: string;
  readonly release: LibvirtRelease;
  readonly root: RootName;
  readonly check: 'validity' | 'model-round-trip' | 'model-preserve';
  readonly expect?: { readonly libxml2: Verdict; readonly jing: Verdict; readonly ours: Verdict };
  readonly knownBug?: string;
  readonly note: string;
}
type Verdict = 'valid' | 'invalid';

const DIR = join(PROJECT_ROOT, 'test/corpus/regressions');
const regressions = (JSON.parse(readFileSync(join(DIR, 'regressions.json'), 'utf8')) as { documents: Regression[] }).documents;
const verdict = (valid: boolean): Verdict => (valid ? 'valid' : 'invalid');

describe('regressions found by the property tests', () => {
  for (const r of regressions) {
    const xml = readFileSync(join(DIR, r.file), 'utf8');
    if (r.check === 'model-preserve') {
      (r.knownBug === undefined ? it : it.fails)(`${r.file}: format(parse(x), preserve style) writes x back unchanged${r.knownBug ? ' (known bug)' : ''}`, () => {
        expect(format(parse(xml, { schema: r.root as ModelRoot }), { style: 'preserve' })).toBe(xml);
      });
      continue;
    }
    if (r.check === 'model-round-trip') {
      (r.knownBug === undefined ? it : it.fails)(`${r.file}: a layout-free model survives format and parse${r.knownBug ? ' (known bug)' : ''}`, () => {
        const model = withoutLayout(parse(xml, { schema: r.root as ModelRoot }).value);
        const again = parse(formatAs(r.root as ModelRoot, model as never), { schema: r.root as ModelRoot });
        expect(withoutLayout(again.value)).toEqual(model);
      });
      continue;
    }
    const expected = r.expect!;
    (r.knownBug === undefined ? it : it.fails)(`${r.file}: we say ${expected.ours}${r.knownBug ? ' (known bug)' : ''}`, () => {
      expect(verdict(ourVerdict(r.release, r.root, xml).valid)).toBe(expected.ours);
    });
    const missing = schemasMissing(r.release) ?? libxml2Missing;
    if (missing !== undefined) {
      it.skip(`${r.file}: libxml2 and Jing — skipped: ${missing}`, () => {});
      continue;
    }
    it(`${r.file}: libxml2 says ${expected.libxml2}`, () => {
      expect(verdict(libxml2Verdict(r.release, r.root, xml).valid)).toBe(expected.libxml2);
    });
    it.runIf(jingAvailable())(`${r.file}: Jing says ${expected.jing}`, () => {
      expect(verdict(jingVerdicts(r.release, r.root, [xml])[0]!)).toBe(expected.jing);
    });
  }
});
