/**
 * The formats CI systems read, checked as those systems would: SARIF against the official SARIF
 * 2.1.0 schema with a real validator (ajv), JUnit as well-formed XML with unique test names, the
 * GitHub workflow commands' escaping, and GitLab's Code Quality fields.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAIN } from '../../src/cli/color.js';
import { data, property } from '../../src/cli/lint-format/github.js';
import { junit } from '../../src/cli/lint-format/junit.js';
import { FINGERPRINT_KEY } from '../../src/cli/lint-format/sarif.js';
import { parseXml } from '../../src/xml/dom/index.js';
import type { XmlElement } from '../../src/xml/dom/types.js';
import { cli } from '../support/cli.js';
import { CLEAN_DOMAIN, DUPLICATE_TARGET_DOMAIN, POM, project, SCHEMA_INVALID_DOMAIN, type Project } from '../support/lint-project.js';

const require = createRequire(import.meta.url);

/** The official SARIF 2.1.0 schema (final revision, rtm.5), as @microsoft/jest-sarif ships it. */
function sarifValidator() {
  const schemaPath = join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The schema's `language` pattern has a lone `]`, which only a non-Unicode RegExp accepts.
  const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

let p: Project;
const UNUSED = CLEAN_DOMAIN.replace('<devices>', '<devices>\n    <!-- virtxml-disable-next-line duplicate-disk-target -->');

beforeAll(() => {
  p = project({
    'vms/bad.xml': DUPLICATE_TARGET_DOMAIN,
    'vms/schema.xml': SCHEMA_INVALID_DOMAIN,
    'vms/clean.xml': CLEAN_DOMAIN,
    'vms/unused.xml': UNUSED,
    'pom.xml': POM,
  });
});
afterAll(() => p.remove());

async function run(format: string, cwd = p.dir): Promise<string> {
  const r = await cli(['lint', '--format', format], '', { cwd });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('');
  return r.stdout;
}

interface SarifLog {
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; helpUri?: string; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
      relatedLocations?: { physicalLocation: { region: { startLine: number } } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

describe('sarif', () => {
  it('is valid against the official SARIF 2.1.0 schema', async () => {
    const log = JSON.parse(await run('sarif')) as unknown;
    const validate = sarifValidator();
    const valid = validate(log);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    // The validator does judge: a level SARIF does not have, or a line 0, is rejected.
    const broken = JSON.parse(JSON.stringify(log)) as SarifLog;
    broken.runs[0]!.results[0]!.level = 'fatal';
    broken.runs[0]!.results[1]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((e: { instancePath: string }) => e.instancePath)).toEqual(expect.arrayContaining(['/runs/0/results/0/level', '/runs/0/results/1/locations/0/physicalLocation/region/startLine']));
  });

  it('describes every rule the way code scanning shows it', async () => {
    const log = JSON.parse(await run('sarif')) as SarifLog;
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('virtxml');
    const byId = new Map(driver.rules.map((r) => [r.id, r]));
    for (const id of ['schema', 'syntax', 'duplicate-disk-target', 'unused-suppression']) expect(byId.has(id), id).toBe(true);
    const rule = byId.get('duplicate-disk-target')!;
    expect(rule.shortDescription.text).toBe('Two disks share the same <target dev> name.');
    expect(rule.fullDescription.text).toMatch(/^libvirt refuses to define the domain/);
    expect(rule.help.markdown).toContain('## Why');
    expect(rule.help.text).toContain("libvirt's message:");
    expect(rule.defaultConfiguration.level).toBe('error');
    for (const r of driver.rules) if (r.helpUri !== undefined) expect(r.helpUri).toMatch(new RegExp(`/docs/rules/${r.id}\\.md$`));
  });

  it('gives results their rule index, level, a relative URI and a region with its end', async () => {
    const log = JSON.parse(await run('sarif')) as SarifLog;
    const { results, tool } = log.runs[0]!;
    expect(results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri} ${r.ruleId} ${r.level}`)).toEqual([
      'vms/bad.xml duplicate-disk-target error',
      'vms/schema.xml schema error',
      'vms/unused.xml unused-suppression warning',
    ]);
    for (const r of results) {
      expect(tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    }
    expect(results[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 14, startColumn: 15, endLine: 14, endColumn: 24 });
    expect(results[0]!.relatedLocations![0]!.physicalLocation.region.startLine).toBe(10);
  });

  it('keeps partial fingerprints across runs and across lines added above a finding', async () => {
    const first = JSON.parse(await run('sarif')) as SarifLog;
    const again = JSON.parse(await run('sarif')) as SarifLog;
    const prints = (log: SarifLog) => log.runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(prints(again)).toEqual(prints(first));
    expect(new Set(prints(first)).size).toBe(prints(first).length);
    const moved = project({ 'vms/bad.xml': DUPLICATE_TARGET_DOMAIN.replace('<name>', '<!-- moved down -->\n\n  <name>') });
    try {
      const other = JSON.parse((await cli(['lint', '--format', 'sarif'], '', { cwd: moved.dir })).stdout) as SarifLog;
      expect(other.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine).toBe(16);
      expect(other.runs[0]!.results[0]!.partialFingerprints[FINGERPRINT_KEY]).toBe(first.runs[0]!.results[0]!.partialFingerprints[FINGERPRINT_KEY]);
    } finally {
      moved.remove();
    }
  });

  it('makes URIs relative to the repository root when run from a folder inside it', async () => {
    const repo = project({ '.git/HEAD': 'ref: refs/heads/main\n', 'infra/vms/bad.xml': DUPLICATE_TARGET_DOMAIN });
    try {
      const log = JSON.parse((await cli(['lint', '--format', 'sarif'], '', { cwd: join(repo.dir, 'infra') })).stdout) as SarifLog;
      expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('infra/vms/bad.xml');
    } finally {
      repo.remove();
    }
  });
});

describe('json', () => {
  it('holds every file, the skipped one marked, and every finding with fixable', async () => {
    const report = JSON.parse(await run('json')) as { results: { file: string; skipped?: string; findings: { rule: string; fixable: boolean; offset?: number }[] }[]; errorCount: number; warningCount: number };
    expect(report.results.map((r) => `${r.file}${r.skipped ? ` (${r.skipped})` : ''}`)).toEqual(['pom.xml (not-libvirt)', 'vms/bad.xml', 'vms/clean.xml', 'vms/schema.xml', 'vms/unused.xml']);
    for (const f of report.results.flatMap((r) => r.findings)) {
      expect(f.fixable).toBe(false);
      expect(f.offset).toBeUndefined();
    }
    expect([report.errorCount, report.warningCount]).toEqual([2, 1]);
  });
});

describe('junit', () => {
  const elements = (e: XmlElement, name: string): XmlElement[] => e.children.filter((c): c is XmlElement => c.kind === 'element' && c.local === name);
  const attr = (e: XmlElement, name: string) => e.attributes.find((a) => a.name === name)?.value;

  it('is well-formed, with a suite per file, a case per finding, unique names and classname set', async () => {
    const doc = parseXml(await run('junit'));
    const suites = elements(doc.root, 'testsuite');
    expect(suites.map((s) => attr(s, 'name'))).toEqual(['pom.xml', 'vms/bad.xml', 'vms/clean.xml', 'vms/schema.xml', 'vms/unused.xml']);
    expect(attr(doc.root, 'tests')).toBe('5');
    expect(attr(doc.root, 'failures')).toBe('3');
    for (const suite of suites) {
      const cases = elements(suite, 'testcase');
      expect(new Set(cases.map((c) => attr(c, 'name'))).size).toBe(cases.length);
      for (const c of cases) expect(attr(c, 'classname')).toMatch(/^virtxml\./);
    }
    const bad = elements(suites[1]!, 'testcase')[0]!;
    expect(attr(bad, 'name')).toBe('vms/bad.xml:14:15 duplicate-disk-target');
    expect(attr(elements(bad, 'failure')[0]!, 'type')).toBe('error');
    expect(elements(elements(suites[0]!, 'testcase')[0]!, 'skipped')).toHaveLength(1);
    expect(elements(elements(suites[2]!, 'testcase')[0]!, 'failure')).toHaveLength(0);
  });

  it('numbers findings that would share a name', () => {
    const finding = { rule: 'duplicate-disk-target', severity: 'error' as const, message: 'm', path: '/domain', line: 3, column: 5, endLine: 3, endColumn: 6, offset: 0 };
    const out = junit({
      files: [{ file: 'a.xml', path: join(p.dir, 'a.xml'), root: 'domain', findings: [finding, finding, { ...finding, message: 'n' }], errorCount: 3, warningCount: 0, source: () => undefined }],
      errorCount: 3,
      warningCount: 0,
      rules: new Map(),
      stats: { files: 1, linted: 1, cached: 0, notLibvirt: 0, ignored: 0, workers: 0 },
      version: '0.0.0',
      sourceRoot: p.dir,
      cwd: p.dir,
      colour: PLAIN,
    });
    const names = elements(elements(parseXml(out).root, 'testsuite')[0]!, 'testcase').map((c) => attr(c, 'name'));
    expect(names).toEqual(['a.xml:3:5 duplicate-disk-target', 'a.xml:3:5 duplicate-disk-target (2)', 'a.xml:3:5 duplicate-disk-target (3)']);
  });
});

describe('github', () => {
  it('prints one workflow command per finding, with positions and the rule as title', async () => {
    expect(await run('github')).toBe(
      "::error file=vms/bad.xml,line=14,col=15,endLine=14,endColumn=24,title=duplicate-disk-target::target 'vda' is already used by another disk (line 10): give each disk its own target name\n" +
        '::error file=vms/schema.xml,line=8,col=23,endLine=8,endColumn=24,title=schema::value "cdromm" of attribute "device" on <disk> is not allowed; expected one of "cdrom", "disk" or "floppy"; did you mean "cdrom"?\n' +
        '::warning file=vms/unused.xml,line=8,col=5,endLine=8,endColumn=61,title=unused-suppression::this suppression of duplicate-disk-target silences nothing on line 9: remove it\n',
    );
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(data('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(property('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });
});

describe('gitlab', () => {
  it('is a Code Quality report: description, check_name, fingerprint, severity, location', async () => {
    const issues = JSON.parse(await run('gitlab')) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin])).toEqual([
      ['duplicate-disk-target', 'major', 'vms/bad.xml', 14],
      ['schema', 'major', 'vms/schema.xml', 8],
      ['unused-suppression', 'minor', 'vms/unused.xml', 8],
    ]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(3);
    for (const i of issues) expect(i.description.length).toBeGreaterThan(10);
  });
});
