/**
 * The guides in docs/guides/ show working code: every ```ts block (not those marked
 * ```ts fragment) type-checks against the package and runs, printing what its comments say.
 * The README links every guide.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/corpus.js';
import { checkExamples, type Example } from './support/examples.js';

const GUIDES = join(PROJECT_ROOT, 'docs/guides');
const guides = readdirSync(GUIDES).filter((f) => f.endsWith('.md')).sort();

describe('guides', () => {
  it('cover validating in CI, building a domain, editing with the layout kept and browsers', () => {
    expect(guides).toEqual(expect.arrayContaining(['validate-in-ci.md', 'build-a-domain.md', 'edit-keeping-layout.md', 'browser.md']));
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const g of guides) expect(readme, g).toContain(`(docs/guides/${g})`);
  });

  it('have code that type-checks and runs', () => {
    const examples: Example[] = [];
    for (const g of guides) {
      const text = readFileSync(join(GUIDES, g), 'utf8');
      [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].forEach((m, i) => examples.push({ name: `${g} block ${i + 1}`, code: m[1]! }));
    }
    expect(examples.length).toBeGreaterThanOrEqual(6);
    expect(checkExamples(examples)).toEqual([]);
  });
});
