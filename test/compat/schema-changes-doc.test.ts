/**
 * docs/schema-changes-7.0.0-11.3.0.md is generated; this test fails when it is out of date.
 * `VIRTXML_UPDATE_DOCS=1 npx vitest run test/compat/schema-changes-doc.test.ts` rewrites it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseTables } from '../../src/compat/release-grammars.js';
import { renderDiffMarkdown } from '../../src/compat/render-diff.js';
import { diffGrammarTables } from '../../src/compat/schema-diff.js';
import { PROJECT_ROOT } from '../support/corpus.js';

const DOC = join(PROJECT_ROOT, 'docs', 'schema-changes-7.0.0-11.3.0.md');

describe('docs/schema-changes-7.0.0-11.3.0.md', () => {
  it('is current', () => {
    const expected = renderDiffMarkdown(diffGrammarTables('7.0.0', releaseTables('7.0.0'), '11.3.0', releaseTables('11.3.0')));
    if (process.env.VIRTXML_UPDATE_DOCS === '1') writeFileSync(DOC, expected);
    const committed = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    expect(committed === expected, 'regenerate with VIRTXML_UPDATE_DOCS=1 npx vitest run test/compat/schema-changes-doc.test.ts').toBe(true);
  });
});
