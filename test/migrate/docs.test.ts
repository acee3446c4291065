/**
 * What docs/migrate.md and the README say about `virtxml migrate` stays true: every command they
 * show prints what they show (run from the repository's root), and the table of migration rules
 * is what the rules' meta makes (VIRTXML_ACCEPT_COVERAGE=1 rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseWords } from '../../src/cli/rule-docs.js';
import { PINNED_RELEASE, ROOT_ELEMENTS } from '../../src/model/generated/grammar/index.js';
import { BUILTIN_RULES } from '../../src/lint/index.js';
import { migrationRules } from '../../src/migrate/index.js';
import { cli } from '../support/cli.js';
import { PROJECT_ROOT } from '../support/corpus.js';

const DOC = join(PROJECT_ROOT, 'docs/migrate.md');

/** The `$ npx virtxml migrate …` blocks of a Markdown file: the arguments and the output shown. */
function commandBlocks(file: string): { args: string[]; output: string }[] {
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
  return [...text.matchAll(/```(?:text|sh)\n\$ npx virtxml (migrate [^\n]+)\n([\s\S]*?)```/g)].map((m) => ({ args: m[1]!.split(' '), output: m[2]! }));
}

function rulesTable(): string {
  const lines = ['| rule | checks | rewrite | current form since | old form refused since |', '| --- | --- | --- | --- | --- |'];
  for (const r of migrationRules(BUILTIN_RULES)) {
    const legacy = r.meta.legacy!;
    const since = releaseWords(legacy.since).replace(/^libvirt /, '');
    const until = legacy.until === undefined ? '—' : releaseWords(legacy.until).replace(/^libvirt /, '');
    lines.push(`| [\`${r.meta.id}\`](rules/${r.meta.id}.md) | ${r.meta.roots.map((x) => `\`<${ROOT_ELEMENTS[PINNED_RELEASE][x]?.[0] ?? x}>\``).join(', ')} | ${r.meta.fixable === true ? 'yes' : 'report only'} | ${since} | ${until} |`);
  }
  return lines.join('\n');
}

describe('docs/migrate.md and the README', () => {
  for (const file of ['docs/migrate.md', 'README.md']) {
    const blocks = commandBlocks(file);
    it(`${file} shows migrate commands with their real output`, async () => {
      expect(blocks.length).toBeGreaterThan(0);
      for (const { args, output } of blocks) {
        const run = await cli(args, '', { cwd: PROJECT_ROOT });
        expect(run.stdout, args.join(' ')).toBe(output);
      }
    });
  }

  it('lists every migration rule with its releases', () => {
    const doc = readFileSync(DOC, 'utf8');
    const section = `<!-- migration-rules -->\n${rulesTable()}\n<!-- /migration-rules -->`;
    const current = /<!-- migration-rules -->[\s\S]*?<!-- \/migration-rules -->/.exec(doc)?.[0];
    expect(current).toBeDefined();
    if (process.env.VIRTXML_ACCEPT_COVERAGE === '1') writeFileSync(DOC, doc.replace(current!, section));
    else expect(current, 'run with VIRTXML_ACCEPT_COVERAGE=1 to write the table').toBe(section);
  });
});
