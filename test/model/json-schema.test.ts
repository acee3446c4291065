import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { MODEL_JSON_SCHEMA_JSON } from '../../src/model/generated/json-schema/index.js';
import { BINDING_JSON } from '../../src/model/generated/types/index.js';
import { formatAs, modelJsonSchema, parse, validateModel, type ModelDiagnostic, type ModelRoot } from '../../src/model/index.js';
import type { BindingModule, TypeBinding } from '../../src/xml/model/binding.js';
import type { ModelJsonSchemaSet } from '../../src/xml/model/validate-model-document.js';
import { validate } from '../../src/xml/validate/index.js';
import { PROJECT_ROOT } from '../support/corpus.js';

type Schema = Record<string, unknown>;

const set = JSON.parse(MODEL_JSON_SCHEMA_JSON) as ModelJsonSchemaSet;
const defs = set.defs as Record<string, Schema>;
const bindings = new Map<string, TypeBinding>();
for (const json of Object.values(BINDING_JSON)) for (const [name, t] of Object.entries((JSON.parse(json) as BindingModule).types)) bindings.set(name, t);

const FIXED = ['AnyComment', 'AnyElement', 'AnyNode', 'AnyProcessingInstruction', 'AnyText', 'IntegerString', 'UnknownAttribute', 'UnknownNode'];

function fields(t: TypeBinding): { prop: string; required: boolean }[] {
  return t.p.flatMap((p) => {
    switch (p.k) {
      case 'v':
        return [];
      case 'a':
        return [{ prop: p.p ?? p.n, required: p.r === 1 }];
      case 'e':
        return [{ prop: p.p ?? p.n, required: p.m === '1' || p.m === '+' }];
      case 't':
        return [{ prop: '$value', required: p.r === 1 }];
      case 'x':
        return [{ prop: '$any', required: p.m === '1' || p.m === '+' }];
    }
  });
}

/** Every property an element of the type may have, its cases' included. */
function reachable(t: TypeBinding): Set<string> {
  const out = new Set(fields(t).map((f) => f.prop));
  for (const v of t.v ?? []) for (const c of v.c) if (c.t !== undefined) for (const p of reachable(bindings.get(c.t)!)) out.add(p);
  return out;
}

/**
 * A case as discriminator values, absence and the structure of its type: a named union's cases
 * may carry the names of the union's first use while the binding names the owner's own cases,
 * which have the same structure.
 */
function caseKey(c: { v: readonly string[]; a?: 1; t?: string }): string {
  return `${[...c.v].sort().join('|')}${c.a ? ' (absent)' : ''} ${c.t === undefined ? '-' : structure(c.t)}`;
}

function structure(typeName: string): string {
  const t = bindings.get(typeName)!;
  return JSON.stringify({ ...t, v: t.v?.map((v) => ({ ...v, c: v.c.map((c) => ({ ...c, ...(c.t ? { t: structure(c.t) } : {}) })) })) });
}

const emptyChecker = new Ajv2020.default({ allowUnionTypes: true, strict: false });
emptyChecker.addSchema({ $id: 'urn:virtxml:test', $defs: defs });

/** Whether the `$value` of a type's definition accepts the empty string. */
function acceptsEmpty(typeName: string): boolean {
  return emptyChecker.validate({ $ref: `urn:virtxml:test#/$defs/${typeName}/properties/$value` }, '') as boolean;
}

const refName = (s: unknown): string | undefined => ((s as Schema | undefined)?.['$ref'] as string | undefined)?.replace('#/$defs/', '');

/** The cases a discriminator chain chooses from, as the binding writes them. */
function chainCases(schema: Schema): { v: string[]; a?: 1; t?: string }[] {
  let node = schema['$ref'] !== undefined ? defs[refName(schema)!]! : schema;
  const out: { v: string[]; a?: 1; t?: string }[] = [];
  for (;;) {
    const test = node['if'] as Schema | undefined;
    const props = test?.['properties'] as Record<string, Schema> | undefined;
    if (props === undefined) break;
    const type = refName(node['then']);
    out.push({ v: Object.values(props)[0]!['enum'] as string[], ...(type ? { t: type } : {}) });
    node = node['else'] as Schema;
  }
  if (node['else'] !== undefined) {
    const absent = refName(node['else']);
    const named = absent === undefined ? undefined : out.find((c) => c.t === absent);
    if (named) named.a = 1;
    else out.push({ v: [], a: 1, ...(absent ? { t: absent } : {}) });
  }
  return out;
}

describe('the model JSON Schema and the TypeScript types', () => {
  it('has a definition for every model type and no other, keyed by the type names', () => {
    const index = readFileSync(join(PROJECT_ROOT, 'src/model/generated/types/index.ts'), 'utf8');
    const typeNames = [...index.matchAll(/^export type \{\n([^}]*)\}/gm)].flatMap((m) => m[1]!.split(',').map((s) => s.trim()).filter(Boolean));
    // Beside them, one definition per range of bounded 64-bit integers (decimal strings).
    const ranges = Object.keys(defs).filter((n) => /^(?:Integer\w+|\w*(?:Long|Integer)(?:String|Digits|WithoutPlus))$/.test(n) && n !== 'IntegerString');
    expect(ranges.sort()).toEqual(['IntegerFrom1To18014398509481984Digits', 'LongString', 'PositiveIntegerDigits', 'PositiveIntegerString', 'UnsignedLongDigits', 'UnsignedLongString']);
    expect(Object.keys(defs).sort()).toEqual([...typeNames, ...FIXED, ...ranges].sort());
  });

  it('gives every type the properties and required properties of its binding, so the two cannot drift', () => {
    const drift: string[] = [];
    for (const [name, t] of bindings) {
      const d = defs[name]!;
      const props = d['properties'] as Record<string, unknown>;
      const own = fields(t);
      const ownSchema = Object.keys(props).filter((p) => props[p] !== true && p !== '$unknown');
      if (ownSchema.join(' ') !== own.map((f) => f.prop).join(' ')) drift.push(`${name}: properties ${ownSchema.join(' ')} ≠ ${own.map((f) => f.prop).join(' ')}`);
      const required = ((d['required'] as string[] | undefined) ?? []).join(' ');
      // An element without text holds no `$value`: required only where the value cannot be ''.
      const bindingRequired = own.filter((f) => f.required && (f.prop !== '$value' || !acceptsEmpty(name))).map((f) => f.prop).join(' ');
      if (required !== bindingRequired) drift.push(`${name}: required ${required} ≠ ${bindingRequired}`);
      if (t.n !== undefined) {
        // Element types are closed: their own properties, every case's, and $unknown.
        const all = Object.keys(props).filter((p) => p !== '$unknown').sort();
        if (all.join(' ') !== [...reachable(t)].sort().join(' ')) drift.push(`${name}: all properties ${all.join(' ')} ≠ ${[...reachable(t)].sort().join(' ')}`);
        if (props['$unknown'] === undefined || d['additionalProperties'] !== false) drift.push(`${name}: not closed or without $unknown`);
      }
      const variants = (d['allOf'] as Schema[] | undefined) ?? [];
      if (variants.length !== (t.v?.length ?? 0)) drift.push(`${name}: ${variants.length} choices ≠ ${t.v?.length ?? 0}`);
      variants.forEach((v, i) => {
        const expected = t.v![i]!.c.map(caseKey);
        const found = chainCases(v).map(caseKey);
        if (found.join(' ; ') !== expected.join(' ; ')) drift.push(`${name}: choice ${i} ${found.join(' ; ')} ≠ ${expected.join(' ; ')}`);
      });
    }
    expect(drift).toEqual([]);
  });

  it('publishes for each root the self-contained document validateModel checks by', () => {
    for (const root of Object.keys(set.roots) as ModelRoot[]) {
      const mod = readFileSync(join(PROJECT_ROOT, `src/model/generated/json-schema/${root}.ts`), 'utf8');
      const published = JSON.parse(JSON.parse(/export const jsonSchemaJson: string = (".*");/.exec(mod)![1]!) as string) as unknown;
      expect(modelJsonSchema(root), root).toEqual(published);
    }
    const copy = modelJsonSchema('secret') as { $defs: Record<string, unknown> };
    delete copy.$defs['Secret'];
    expect(Object.keys((modelJsonSchema('secret') as { $defs: object }).$defs)).toContain('Secret');
  });

  it('compiles in ajv strict mode without warnings, every definition included', () => {
    const fail = (m: unknown): never => {
      throw new Error(String(m));
    };
    const ajv = new Ajv2020.default({ allErrors: true, allowUnionTypes: true, strictSchema: true, strictTypes: true, strictTuples: true, logger: { log() {}, warn: fail, error: fail } });
    const validateAll = ajv.compile({ $defs: defs, anyOf: Object.keys(defs).map((n) => ({ $ref: `#/$defs/${n}` })) });
    expect(typeof validateAll).toBe('function');
  });

  it('publishes documents that are valid draft 2020-12 schemas (validateModel skips this check)', () => {
    const ajv = new Ajv2020.default();
    for (const root of Object.keys(set.roots) as ModelRoot[]) {
      expect(ajv.validateSchema(modelJsonSchema(root)), `${root}: ${ajv.errorsText()}`).toBe(true);
    }
  });
});

const DOMAIN = `<domain type='kvm'>
  <name>demo</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static'>2</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <features><acpi/></features>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/libvirt/images/demo.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <interface type='network'><source network='default'/><model type='virtio'/></interface>
  </devices>
</domain>
`;

const NETWORK = `<network>
  <name>lan</name>
  <forward mode='bridge'/>
  <bridge name='br0'/>
  <virtualport type='802.1Qbh'><parameters profileid='finance'/></virtualport>
</network>
`;

function domainJson(): Record<string, any> {
  return JSON.parse(JSON.stringify(parse(DOMAIN, { schema: 'domain' }).value)) as Record<string, any>;
}

function problems(value: unknown, root: ModelRoot = 'domain'): Pick<ModelDiagnostic, 'code' | 'path'>[] {
  return validateModel(value, root).diagnostics.map((d) => ({ code: d.code, path: d.path }));
}

describe('validateModel', () => {
  it('accepts the JSON of a valid document, and the parsed model itself', () => {
    expect(validate(DOMAIN).valid).toBe(true);
    expect(validateModel(domainJson(), 'domain')).toEqual({ valid: true, diagnostics: [] });
    expect(validateModel(parse(DOMAIN).value, 'domain').valid).toBe(true);
  });

  it('reports a value outside an enum with the allowed values', () => {
    const v = domainJson();
    v['devices'].disk[0].target.bus = 'virtio2';
    const r = validateModel(v, 'domain');
    expect(r.valid).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'invalid-value', path: '/devices/disk/0/target/bus' });
    expect(r.diagnostics[0]!.expected).toContain('virtio');
    expect(r.diagnostics[0]!.message).toMatch(/^"bus" must be one of .*; found 'virtio2'$/);
  });

  it('reports values of the wrong type', () => {
    const v = domainJson();
    v['name'] = 5;
    v['memory'].$value = 1048576;
    v['vcpu'].$value = '2';
    v['devices'].disk = v['devices'].disk[0];
    expect(problems(v)).toEqual([
      { code: 'wrong-type', path: '/name' },
      { code: 'wrong-type', path: '/memory/$value' },
      { code: 'wrong-type', path: '/vcpu/$value' },
      { code: 'wrong-type', path: '/devices/disk' },
    ]);
    expect(validateModel('<domain/>', 'domain').diagnostics).toEqual([{ severity: 'error', code: 'wrong-type', path: '', message: "the document must be an object; found '<domain/>'" }]);
  });

  it('points at a missing required property', () => {
    const v = domainJson();
    delete v['name'];
    delete v['devices'].interface[0].type;
    const r = validateModel(v, 'domain');
    expect(r.diagnostics.map((d) => ({ code: d.code, path: d.path }))).toEqual([
      { code: 'missing-property', path: '/name' },
      { code: 'missing-property', path: '/devices/interface/0/type' },
    ]);
    expect(r.diagnostics[0]!.message).toBe('"name" is required in the document');
  });

  it('points at an unknown property, and at one only another case of a choice has', () => {
    const v = domainJson();
    v['colour'] = 'red';
    v['devices'].disk[0].rawio = 'yes';
    v['devices'].disk[0].source.dev = '/dev/sda';
    expect(problems(v)).toEqual([
      { code: 'unknown-property', path: '/colour' },
      { code: 'unknown-property', path: '/devices/disk/0/source/dev' },
      { code: 'unknown-property', path: '/devices/disk/0/rawio' },
    ]);
  });

  it('checks decimal strings, empty elements, $unknown entries and numbers beside literals', () => {
    const v = domainJson();
    v['memory'].$value = '1 GiB';
    v['features'].acpi = 'yes';
    v['$unknown'] = [{ kind: 'comment', value: 'x' }, { kind: 'attribute', name: 'a', ns: '' }];
    const r = validateModel(v, 'domain');
    expect(r.diagnostics.map((d) => ({ code: d.code, path: d.path }))).toEqual([
      { code: 'invalid-value', path: '/memory/$value' },
      { code: 'invalid-value', path: '/features/acpi' },
      { code: 'invalid-value', path: '/$unknown/0/kind' },
      { code: 'missing-property', path: '/$unknown/1/value' },
    ]);
    expect(r.diagnostics[0]!.message).toBe("\"$value\" must be a decimal integer string from 0 to 18446744073709551615 without a sign; found '1 GiB'");
    const volume = parse(`<volume><name>v</name><target><permissions><owner>-1</owner></permissions></target></volume>`, { schema: 'storagevol' }).value;
    const json = JSON.parse(JSON.stringify(volume)) as Record<string, any>;
    expect(validateModel(json, 'storagevol').valid).toBe(true);
    json['target'].permissions.owner = 'root';
    expect(validateModel(json, 'storagevol').diagnostics).toEqual([
      { severity: 'error', code: 'invalid-value', path: '/target/permissions/owner', message: "\"owner\" must be '-1' or an integer; found 'root'", expected: ['-1'] },
    ]);
  });

  it('checks numbers against the range of their XSD type and facets', () => {
    const v = domainJson();
    const volume = JSON.parse(JSON.stringify(parse(`<volume><name>v</name><target><permissions><owner>-1</owner></permissions></target></volume>`, { schema: 'storagevol' }).value)) as Record<string, any>;
    volume['target'].permissions.owner = -2;
    expect(validateModel(volume, 'storagevol').diagnostics).toEqual([
      { severity: 'error', code: 'invalid-value', path: '/target/permissions/owner', message: "\"owner\" must be '-1' or a number at least 0; found -2", expected: ['-1'] },
    ]);
    volume['target'].permissions.owner = 4294967295;
    expect(validateModel(volume, 'storagevol').valid).toBe(true);
    volume['target'].permissions.owner = 4294967296;
    expect(validateModel(volume, 'storagevol').valid).toBe(false);
    // <vcpu> is a countCPU: unsignedShort from 1.
    v['vcpu'].$value = 65535;
    expect(validateModel(v, 'domain').valid).toBe(true);
    v['vcpu'].$value = 0;
    expect(validateModel(v, 'domain').diagnostics).toEqual([
      { severity: 'error', code: 'invalid-value', path: '/vcpu/$value', message: '"$value" must be at least 1; found 0' },
    ]);
    v['vcpu'].$value = 65536;
    expect(validateModel(v, 'domain').diagnostics).toEqual([
      { severity: 'error', code: 'invalid-value', path: '/vcpu/$value', message: '"$value" must be at most 65535; found 65536' },
    ]);
    // A graphics port is an int from -1 (no port) to 65535.
    const vnc = (port: number) => {
      const d = domainJson();
      d['devices'].graphics = [{ type: 'vnc', port }];
      return d;
    };
    expect(validateModel(vnc(-1), 'domain').valid).toBe(true);
    expect(validateModel(vnc(65535), 'domain').valid).toBe(true);
    expect(validateModel(vnc(65536), 'domain').diagnostics).toEqual([
      { severity: 'error', code: 'invalid-value', path: '/devices/graphics/0/port', message: '"port" must be at most 65535; found 65536' },
    ]);
    expect(problems(vnc(-2))).toEqual([{ code: 'invalid-value', path: '/devices/graphics/0/port' }]);
  });

  it('checks strings against the patterns and lengths of the schema', () => {
    const v = domainJson();
    v['uuid'] = 'c7a5fdbd-edaf-9455-926a-d65c16db1809';
    v['devices'].interface[0].mac = { address: '52:54:00:6b:3c:58' };
    expect(validateModel(v, 'domain')).toEqual({ valid: true, diagnostics: [] });
    v['uuid'] = 'c7a5fdbdedaf9455926ad65c16db1809';
    expect(validateModel(v, 'domain').valid).toBe(true);

    v['uuid'] = 'c7a5fdbd-edaf';
    // A multicast address: the first octet is odd.
    v['devices'].interface[0].mac.address = '01:54:00:6b:3c:58';
    v['devices'].disk[0].target.dev = 'xda';
    expect(validateModel(v, 'domain').diagnostics).toEqual([
      {
        severity: 'error',
        code: 'invalid-value',
        path: '/uuid',
        message:
          "\"uuid\" must match one of the patterns [a-fA-F0-9]{32}, [a-fA-F0-9]{8}\\-([a-fA-F0-9]{4}\\-){3}[a-fA-F0-9]{12} of libvirt's schema; found 'c7a5fdbd-edaf'",
      },
      { severity: 'error', code: 'invalid-value', path: '/devices/disk/0/target/dev', message: "\"dev\" must match the pattern (ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-zA-Z0-9_]+ of libvirt's schema; found 'xda'" },
      {
        severity: 'error',
        code: 'invalid-value',
        path: '/devices/interface/0/mac/address',
        message: "\"address\" must match the pattern [a-fA-F0-9][02468aAcCeE](:[a-fA-F0-9]{2}){5} of libvirt's schema; found '01:54:00:6b:3c:58'",
      },
    ]);
    // The document says the same.
    const formatted = formatAs('domain', v as never);
    expect(validate(formatted).diagnostics.map((d) => d.path)).toEqual(['/domain/uuid/text()', '/domain/devices/disk/target/@dev', '/domain/devices/interface/mac/@address']);

    // A profile ID has at most 39 characters.
    const network = JSON.parse(JSON.stringify(parse(NETWORK, { schema: 'network' }).value)) as Record<string, any>;
    expect(validateModel(network, 'network').valid).toBe(true);
    network['virtualport'].parameters.profileid = 'p'.repeat(40);
    expect(validateModel(network, 'network').diagnostics).toEqual([
      { severity: 'error', code: 'invalid-value', path: '/virtualport/parameters/profileid', message: `"profileid" must be at most 39 characters long; found '${'p'.repeat(40)}'` },
    ]);
    expect(validate(formatAs('network', network as never)).valid).toBe(false);
  });

  it('checks a value that is a number or a restricted string: the string against its patterns, the number against the range', () => {
    const v = domainJson();
    const address = (a: Record<string, unknown>) => {
      v['devices'].disk[0].address = { type: 'pci', ...a };
      return validateModel(v, 'domain');
    };
    expect(address({ domain: '0x0000', bus: '0x00', slot: '0x1f', function: '0x7' }).valid).toBe(true);
    expect(address({ domain: 0, bus: 0, slot: 31, function: 7 }).valid).toBe(true);
    // Decimal texts the slot's pattern allows ('0'–'19') are within the range anyway.
    expect(address({ slot: 32 }).diagnostics).toEqual([
      { severity: 'error', code: 'invalid-value', path: '/devices/disk/0/address/slot', message: '"slot" must be at most 31; found 32' },
    ]);
    expect(address({ bus: 256, function: '0x8' }).diagnostics.map((d) => d.message)).toEqual([
      '"bus" must be at most 255; found 256',
      "\"function\" must match the pattern (0x)?[0-7] of libvirt's schema; found '0x8'",
    ]);
    // A PCI bus's pattern takes no decimal text, but a USB bus's (0x)?[0-9a-fA-F]{1,3} does:
    // bus='999' is a valid USB address, so a number up to 999 is (the two share one property).
    const hostdev = (bus: number) => {
      const xml = `<domain type='kvm'><name>x</name><memory>1</memory><os><type>hvm</type></os><devices><interface type='hostdev'><source><address type='usb' bus='${bus}' device='1'/></source></interface></devices></domain>`;
      return { xml, model: JSON.parse(JSON.stringify(parse(xml, { schema: 'domain' }).value)) as unknown };
    };
    expect(validate(hostdev(999).xml).valid).toBe(true);
    expect(validateModel(hostdev(999).model, 'domain').valid).toBe(true);
    expect(validate(hostdev(1000).xml).valid).toBe(false);
    expect(problems(hostdev(1000).model)).toEqual([{ code: 'invalid-value', path: '/devices/interface/0/source/address/bus' }]);

    // Literals beside a pattern: whitespace around them is collapsed, as XSD compares tokens.
    const clock = (adjustment: unknown) => {
      v['devices'].disk[0].address = undefined;
      v['clock'] = { offset: 'localtime', adjustment };
      return validateModel(JSON.parse(JSON.stringify(v)), 'domain');
    };
    expect(clock('reset').valid).toBe(true);
    expect(clock(' reset ').valid).toBe(true);
    expect(clock('-3600').valid).toBe(true);
    expect(clock('soon').diagnostics).toEqual([
      { severity: 'error', code: 'invalid-value', path: '/clock/adjustment', message: "\"adjustment\" must be 'reset' or match the pattern (-|\\+)?[0-9]+ of libvirt's schema; found 'soon'" },
    ]);
  });

  it('accepts an element left empty where its text may be left out or be empty', () => {
    const v = domainJson();
    // <genid/>: a UUID, or nothing (libvirt makes one).
    v['genid'] = '';
    expect(validateModel(v, 'domain').valid).toBe(true);
    v['genid'] = 'x';
    expect(problems(v)).toEqual([{ code: 'invalid-value', path: '/genid' }]);
    delete v['genid'];
    // <entry name='location'/> holds no text, and its value (any string) may be empty.
    v['sysinfo'] = [{ type: 'smbios', baseBoard: [{ entry: [{ name: 'location' }] }] }];
    expect(validate(formatAs('domain', v as never)).valid).toBe(true);
    expect(validateModel(v, 'domain')).toEqual({ valid: true, diagnostics: [] });
  });

  it('matches patterns in time linear in the value, where a backtracking RegExp takes minutes', () => {
    const v = JSON.parse(JSON.stringify(parse(`<domain type='lxc'><name>x</name><memory>1</memory><os><type>exe</type><init>/sbin/init</init><initenv name='HOME'>/root</initenv></os></domain>`, { schema: 'domain' }).value)) as Record<string, any>;
    expect(validateModel(v, 'domain').valid).toBe(true);
    // [a-zA-Z_]+[a-zA-Z0-9_]* backtracks quadratically on a long name that fails at its end.
    v['os'].initenv[0].name = `${'a'.repeat(200_000)}!`;
    const started = performance.now();
    expect(problems(v)).toEqual([{ code: 'invalid-value', path: '/os/initenv/0/name' }]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('reports a discriminator value no case names once, not the properties of the case', () => {
    const v = domainJson();
    v['devices'].disk[0].type = 'tape';
    expect(problems(v)).toEqual([{ code: 'invalid-value', path: '/devices/disk/0/type' }]);
    const w = domainJson();
    w['devices'].disk[0].source.file = 7;
    expect(problems(w)).toEqual([{ code: 'wrong-type', path: '/devices/disk/0/source/file' }]);
  });

  it('escapes property names in JSON Pointers', () => {
    const v = domainJson();
    v['a/b~c'] = 1;
    expect(problems(v)).toEqual([{ code: 'unknown-property', path: '/a~1b~0c' }]);
  });

  it('rejects a name that is not a root', () => {
    expect(() => validateModel({}, 'nothing' as ModelRoot)).toThrow(RangeError);
  });
});
