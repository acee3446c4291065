/**
 * `npm run docs:rules`: writes what is generated from the rules' own meta —
 *
 * - `docs/rules/<id>.md`, one page per rule (what, why, bad and good example, libvirt's message
 *   and where libvirt checks it, limits, configuration), and `docs/rules/README.md`, the catalogue;
 * - `schemas/virtxml.config.schema.json`, the JSON Schema of `virtxml.config.json` (copied into
 *   dist/ by the build), which lists every built-in rule for editors to complete and accepts any
 *   other id, since plugins bring their own.
 *
 * Pages of rules that no longer exist are removed. `test/cli/lint-docs.test.ts` fails when a file
 * is missing or stale, so a new rule's page comes with the rule.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIBVIRT_RELEASES } from '../src/model/generated/grammar/index.js';
import { catalogueMarkdown, exampleFindings, ruleCatalogue, ruleMarkdown } from '../src/cli/rule-docs.js';
import type { RuleMeta } from '../src/lint/types.js';

export const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RULE_DOCS_DIR = 'docs/rules';
export const CONFIG_SCHEMA_PATH = 'schemas/virtxml.config.schema.json';

/** Every generated file, by path from the repository's root. */
export function generatedRuleFiles(): Map<string, string> {
  const metas = ruleCatalogue();
  const files = new Map<string, string>();
  for (const meta of metas) files.set(`${RULE_DOCS_DIR}/${meta.id}.md`, ruleMarkdown(meta, exampleFindings(meta)));
  files.set(`${RULE_DOCS_DIR}/README.md`, catalogueMarkdown(metas));
  files.set(CONFIG_SCHEMA_PATH, JSON.stringify(configSchema(metas), null, 2) + '\n');
  return files;
}

/** The JSON Schema (draft-07, which editors support widely) of `virtxml.config.json`. */
export function configSchema(metas: readonly RuleMeta[]): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {};
  // `syntax` cannot be configured: checkConfig rejects no id, but lint does (unknown rule).
  for (const m of metas.filter((x) => x.id !== 'syntax')) {
    // Beside a $ref, draft-07 ignores other keywords: allOf keeps the description with the reference.
    ruleProperties[m.id] = {
      allOf: [{ $ref: '#/definitions/setting' }],
      description: `${m.docs.summary.replace(/`/g, '')} (${m.category}; default ${m.level}; docs/rules/${m.id}.md)`,
      markdownDescription: `${m.docs.summary} (${m.category}; default \`${m.level}\`; \`virtxml explain ${m.id}\`)`,
    };
  }
  const stringOrList = (description: string) => ({
    description,
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  });
  const releases = {
    description: 'The libvirt releases the documents must be valid for: the fleet\'s oldest and newest, e.g. ["9.0.0", "11.3.0"]. A schema finding names the releases that object.',
    oneOf: [{ $ref: '#/definitions/release' }, { type: 'array', items: { $ref: '#/definitions/release' }, minItems: 1 }],
  };
  const arch = { type: 'string', description: 'The architecture of domains whose <os><type> names none (default x86_64).', examples: ['x86_64', 'i686', 'aarch64', 'armv7l', 'ppc64', 'ppc64le', 's390x', 'riscv64'] };
  const rules = { $ref: '#/definitions/rules' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'virtxml lint configuration (virtxml.config.json)',
    description: 'Configuration of `virtxml lint`. Globs in "ignore" and "overrides" are relative to this file\'s folder. See docs/lint.md.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'This schema, for editors: ./node_modules/virtxml/dist/virtxml.config.schema.json' },
      libvirt: releases,
      arch,
      rules,
      ignore: stringOrList('Globs of files not to lint, e.g. ["dumps/**", "*.orig.xml"]. A glob without "/" matches a name at any depth.'),
      overrides: {
        description: 'Settings for the files that match "files"; later overrides win over earlier ones and over the top level.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: stringOrList('Globs of the files this override applies to.'),
            libvirt: releases,
            arch,
            rules,
          },
        },
      },
      plugins: stringOrList('Plugin modules, by path from this file (./policies.mjs) or package name; each exports { name, rules } as its default export or as `plugin`.'),
    },
    definitions: {
      release: { type: 'string', enum: [...LIBVIRT_RELEASES] },
      level: { type: 'string', enum: ['off', 'warn', 'error'] },
      setting: {
        description: 'A level, or a level and the rule\'s options.',
        oneOf: [
          { $ref: '#/definitions/level' },
          { type: 'array', items: [{ $ref: '#/definitions/level' }, { type: 'object' }], minItems: 1, maxItems: 2, additionalItems: false },
        ],
      },
      rules: {
        description: 'Rule levels by id. Every built-in rule is listed for completion; other ids (plugins\' rules) are accepted too, and `virtxml lint` rejects ids no rule has.',
        type: 'object',
        properties: ruleProperties,
        additionalProperties: { $ref: '#/definitions/setting' },
      },
    },
  };
}

/** Writes the generated files and removes pages of rules that are gone; returns what changed. */
export function writeRuleDocs(repoDir = REPO_DIR): string[] {
  const files = generatedRuleFiles();
  const changed: string[] = [];
  for (const [path, content] of files) {
    const full = join(repoDir, path);
    if (existsSync(full) && readFileSync(full, 'utf8') === content) continue;
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    changed.push(path);
  }
  for (const name of readdirSync(join(repoDir, RULE_DOCS_DIR))) {
    const path = `${RULE_DOCS_DIR}/${name}`;
    if (name.endsWith('.md') && !files.has(path)) {
      unlinkSync(join(repoDir, path));
      changed.push(`${path} (removed)`);
    }
  }
  return changed;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const changed = writeRuleDocs();
  process.stdout.write(changed.length === 0 ? 'rule docs are up to date\n' : `wrote ${changed.length} files:\n${changed.map((c) => `  ${c}`).join('\n')}\n`);
}
