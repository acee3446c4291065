import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaDiffCommand } from '../../src/cli/schema-diff.js';
import type { CliIO } from '../../src/cli/io.js';
import type { SchemaDiff } from '../../src/compat/schema-diff.js';
import { RNG } from '../codegen/snippets.js';
import { schemaDir } from '../support/corpus.js';
import { schemasMissing } from '../props/oracles.js';

const scratch = mkdtempSync(join(tmpdir(), 'virtxml-schema-diff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function schemaFolder(name: string, body: string): string {
  const dir = join(scratch, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, 'thing.rng'), `<grammar ${RNG}><start>${body}</start></grammar>`);
  return dir;
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, readFile: () => new Uint8Array(0), readStdin: () => new Uint8Array(0), cwd: scratch };
  const code = await schemaDiffCommand(args, io);
  return { code, out, err };
}

describe('virtxml schema-diff', () => {
  it('exits 0 when the new grammar only widens', async () => {
    const before = schemaFolder('a', '<element name="thing"><attribute name="k"><value>x</value></attribute></element>');
    const after = schemaFolder('b', '<element name="thing"><attribute name="k"><choice><value>x</value><value>y</value></choice></attribute><optional><element name="extra"><empty/></element></optional></element>');
    const r = await run(before, after);
    expect(r.code).toBe(0);
    expect(r.out).toContain('+ value-added');
    expect(r.out).toContain('/thing/@k  "y"');
    expect(r.out).toContain('+ element-added       /thing/extra  optional');
  });

  it('exits 1 when something was removed, and names it', async () => {
    schemaFolder('c', '<element name="thing"><optional><element name="gone"><empty/></element></optional></element>');
    schemaFolder('d', '<element name="thing"><empty/></element>');
    const r = await run('c', 'd', '--format', 'json');
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.out) as SchemaDiff;
    expect(diff.old).toBe('c');
    expect(diff.roots[0]!.changes).toEqual([{ root: 'thing', path: '/thing/gone', kind: 'element-removed', effect: 'narrowed', detail: 'element' }]);
  });

  it('compares shipped releases, restricted to one root', async () => {
    const r = await run('7.0.0', '11.3.0', '--root=nodedev');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^libvirt schema changes 7\.0\.0 → 11\.3\.0: 21 changes/);
    expect(r.out).toContain('- value-removed       /device/capability/capability/@type  "vports_ops"');
    expect(r.out).not.toContain('/domain');
    const same = await run('11.3.0', '11.3.0', '--root', 'secret');
    expect(same.code).toBe(0);
    expect(same.out).toContain('no changes');
  });

  it.skipIf(schemasMissing('7.0.0') !== undefined)('finds no change between a release folder and the same shipped release', async () => {
    const r = await run(schemaDir('7.0.0'), '7.0.0', '--root', 'network', '--root', 'secret', '--format', 'json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as SchemaDiff).roots.map((x) => [x.root, x.changes.length])).toEqual([['network', 0], ['secret', 0]]);
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [[], ['7.0.0'], ['7.0.0', '11.3.0', '--format', 'xml'], ['7.0.0', '11.3.0', '--bogus'], ['7.0.0', 'no-such-dir'], ['7.0.0', '11.3.0', '--root', 'nothing'], ['7.0.0', '11.3.0', '--root']]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('usage: virtxml schema-diff');
    }
    const broken = schemaFolder('broken', '<element name="thing"><ref name="missing"/></element>');
    const r = await run(broken, '11.3.0');
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot compile the schemas');
  });

  it('names the file, line and column of a schema that is not well-formed', async () => {
    const dir = join(scratch, 'not-well-formed');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(join(dir, 'thing.rng'), `<grammar ${RNG}>\n  <start><empty/></start>\n`);
    const r = await run(dir, '11.3.0');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot compile the schemas in ${dir}: thing.rng:1:1: element <grammar> is never closed; the input ends before its end tag [schema-not-well-formed]`);
  });

  it('prints help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--format');
  });
});
