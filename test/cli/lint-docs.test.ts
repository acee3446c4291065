/**
 * What is written about lint stays true: the rule pages and the catalogue are what the rules' meta
 * generates (a new rule fails here until `npm run docs:rules` writes its page), the configuration's
 * JSON Schema accepts what the linter accepts and lists every built-in rule, and the CI snippets
 * of the README and docs/lint.md run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_PATH, generatedRuleFiles, RULE_DOCS_DIR } from '../../scripts/docs-rules.js';
import { BUILTIN_RULES, checkConfig, SUPPORT_RULES } from '../../src/lint/index.js';
import { cli } from '../support/cli.js';
import { PROJECT_ROOT } from '../support/corpus.js';
import { CLEAN_DOMAIN, DUPLICATE_TARGET_DOMAIN, project, type Project } from '../support/lint-project.js';

const read = (path: string): string => readFileSync(join(PROJECT_ROOT, path), 'utf8');

describe('generated rule documentation', () => {
  const files = generatedRuleFiles();

  it('has a page for every rule, and every page is what the rule\'s meta generates (else run `npm run docs:rules`)', () => {
    const stale: string[] = [];
    for (const [path, content] of files) {
      if (!existsSync(join(PROJECT_ROOT, path))) stale.push(`${path} (missing)`);
      else if (read(path) !== content) stale.push(`${path} (stale)`);
    }
    expect(stale, 'run `npm run docs:rules`').toEqual([]);
  });

  it('has no page of a rule that does not exist', () => {
    const pages = readdirSync(join(PROJECT_ROOT, RULE_DOCS_DIR)).filter((f) => f.endsWith('.md')).map((f) => `${RULE_DOCS_DIR}/${f}`);
    expect(pages.filter((p) => !files.has(p)), 'run `npm run docs:rules`').toEqual([]);
  });

  it('covers every built-in rule, and each page says what, why, an example, and where libvirt checks', () => {
    for (const rule of [...BUILTIN_RULES, ...SUPPORT_RULES]) {
      const page = files.get(`${RULE_DOCS_DIR}/${rule.meta.id}.md`);
      expect(page, rule.meta.id).toBeDefined();
      expect(page).toContain('## Why');
      expect(page).toContain('## Example');
      if (rule.meta.docs.libvirtSource !== undefined) expect(page).toContain(rule.meta.docs.libvirtSource);
      expect(files.get(`${RULE_DOCS_DIR}/README.md`)).toContain(`[\`${rule.meta.id}\`](${rule.meta.id}.md)`);
    }
  });
});

describe('the configuration schema', () => {
  const schema = JSON.parse(read(CONFIG_SCHEMA_PATH)) as { properties: Record<string, unknown>; definitions: { rules: { properties: Record<string, unknown> } } };
  const ajv = new Ajv.default({ allErrors: true, strict: true, strictTuples: false });
  // Editors' own annotation (VS Code shows it in completions); no meaning for validation.
  ajv.addKeyword('markdownDescription');
  const validate = ajv.compile(schema);

  /** Accepted by the schema and by the linter's own check alike. */
  const good: unknown[] = [
    {},
    { $schema: './node_modules/virtxml/dist/virtxml.config.schema.json' },
    { libvirt: '11.3.0', arch: 'aarch64' },
    { libvirt: ['9.0.0', '11.3.0'], rules: { 'duplicate-disk-target': 'warn', schema: ['error', {}], 'acme/no-x': 'off' } },
    { ignore: 'dumps/**', plugins: './p.mjs' },
    { ignore: ['a/**', '*.orig.xml'], overrides: [{ files: 'arm/**', arch: 'aarch64', libvirt: ['9.0.0'], rules: { 'unused-suppression': 'error' } }], plugins: ['./p.mjs', 'some-package'] },
    { rules: { 'duplicate-disk-target': ['warn'] } },
  ];
  /** Rejected by both. */
  const bad: unknown[] = [
    { rule: {} },
    { libvirt: '8.0.0' },
    { libvirt: [] },
    { arch: 64 },
    { rules: { schema: 'fatal' } },
    { rules: { schema: ['warn', {}, 'x'] } },
    { rules: { schema: ['warn', 'x'] } },
    { ignore: [1] },
    { overrides: [{ arch: 'x86_64' }] },
    { overrides: [{ files: '*', flavour: 'x' }] },
    [],
  ];

  it('validates the documented examples, and agrees with the linter on good and bad configurations', () => {
    const documented = [...read('docs/lint.md').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
    expect(documented.length).toBeGreaterThan(0);
    for (const c of [...good, ...documented]) {
      expect(validate(c), `${JSON.stringify(c)}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(() => checkConfig(c, 'virtxml.config.json')).not.toThrow();
    }
    for (const c of bad) {
      expect(validate(c), JSON.stringify(c)).toBe(false);
      expect(() => checkConfig(c, 'virtxml.config.json'), JSON.stringify(c)).toThrow();
    }
  });

  it('lists every built-in rule for completion, and accepts other ids for plugins\' rules', () => {
    const listed = Object.keys(schema.definitions.rules.properties);
    for (const rule of [...BUILTIN_RULES, ...SUPPORT_RULES]) expect(listed, rule.meta.id).toContain(rule.meta.id);
    expect(validate({ rules: { 'my-plugin/my-rule': 'error' } })).toBe(true);
  });

  it('ships in the package', () => {
    expect(read('scripts/build.ts')).toContain(CONFIG_SCHEMA_PATH);
    const manifest = JSON.parse(read('package.json')) as { exports: Record<string, unknown> };
    expect(manifest.exports['./virtxml.config.schema.json']).toBe('./dist/virtxml.config.schema.json');
  });
});

describe('CI snippets', () => {
  let p: Project;
  beforeAll(() => {
    p = project({ 'vms/a.xml': CLEAN_DOMAIN, 'vms/b.xml': DUPLICATE_TARGET_DOMAIN });
  });
  afterAll(() => p.remove());

  const blocks = (text: string): string[] => [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('are the same in the README and docs/lint.md', () => {
    const readme = blocks(read('README.md'));
    expect(readme.length).toBe(2);
    for (const b of readme) expect(blocks(read('docs/lint.md'))).toContain(b);
  });

  it('run: each `virtxml lint` command of the snippets is a valid command line', async () => {
    const commands = blocks(read('README.md'))
      .flatMap((b) => b.split('\n'))
      .map((l) => /npx --yes virtxml (lint[^|]*)/.exec(l)?.[1]?.trim())
      .filter((c): c is string => c !== undefined);
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const command of commands) {
      const r = await cli(command.split(/\s+/), '', { cwd: p.dir });
      expect(r.code, `${command}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toBe('');
    }
    expect(existsSync(join(p.dir, 'virtxml.sarif'))).toBe(true);
    expect(existsSync(join(p.dir, 'gl-code-quality-report.json'))).toBe(true);
  });

  it('include the pre-commit hooks', () => {
    const hooks = read('.pre-commit-hooks.yaml');
    expect(hooks).toMatch(/- id: virtxml-lint\n/);
    expect(hooks).toContain('entry: virtxml lint');
  });
});
