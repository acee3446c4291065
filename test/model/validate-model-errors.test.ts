/**
 * validateModel on models with many errors: ajv's generated code is rewritten to append the
 * errors of referenced definitions in place (appendErrorsInPlace); the errors must be exactly
 * ajv's own, and their cost linear in their number.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { MODEL_MAX_DEPTH, modelJsonSchema, parse, validateModel } from '../../src/model/index.js';
import { appendErrorsInPlace } from '../../src/xml/model/validate-model.js';

const disk = '<disk type="file" device="disk"><source file="/a"/><target dev="vda"/></disk>';

/** The JSON model of a domain with `disks` disks, each given a device the schema does not know. */
function badDisks(disks: number): { devices: { disk: { device: string }[] } } {
  const xml = `<domain type="kvm"><name>x</name><memory>1</memory><os><type>hvm</type></os><devices>${disk.repeat(disks)}<interface type="user"><mac address="nope"/></interface></devices></domain>`;
  const json = JSON.parse(JSON.stringify(parse(xml, { schema: 'domain' }).value)) as { devices: { disk: { device: string }[] } };
  for (const d of json.devices.disk) d.device = 'dsk';
  return json;
}

function ajvErrors(process: ((source: string) => string) | undefined, value: unknown): unknown {
  const ajv = new Ajv2020.default({ allErrors: true, allowUnionTypes: true, messages: false, validateSchema: false, ...(process ? { code: { process } } : {}) });
  const validate = ajv.compile(modelJsonSchema('domain'));
  expect(validate(value)).toBe(false);
  return validate.errors;
}

describe('validateModel with many errors', () => {
  it('reports exactly the errors ajv reports without the rewrite, in the same order', () => {
    const value = badDisks(30);
    const rewritten = ajvErrors(appendErrorsInPlace, value);
    expect(rewritten).toEqual(ajvErrors(undefined, value));
    expect((rewritten as unknown[]).length).toBeGreaterThan(30);
  });

  it('rewrites the copying form ajv generates, and leaves other code alone', () => {
    const source = 'vErrors = vErrors === null ? validate7.errors : vErrors.concat(validate7.errors);\nerrors = vErrors.length;';
    const rewritten = appendErrorsInPlace(source);
    expect(rewritten).toContain('appendErrors(vErrors, validate7.errors)');
    expect(rewritten).not.toContain('concat');
    expect(appendErrorsInPlace('return true;')).toBe('return true;');
  });

  it('finds one error per bad item in time linear in their number', () => {
    // Copying the errors so far for each bad disk took minutes at this size.
    const count = 100_000;
    const result = validateModel(badDisks(count), 'domain');
    expect(result.diagnostics.filter((d) => d.path.endsWith('/device'))).toHaveLength(count);
    expect(result.diagnostics.some((d) => d.path === `/devices/disk/${count - 1}/device`)).toBe(true);
  }, 20_000);
});

describe('validateModel with values nested too deep', () => {
  const DOMAIN_HEAD = `{"type":"kvm","name":"x","memory":{"$value":"1"},"os":{"type":{"$value":"hvm"}},"metadata":{"$any":[`;
  const FOREIGN = `{"kind":"element","name":"a:x","ns":"urn:a","attributes":[],"children":[`;
  const nested = (levels: number) => JSON.parse(DOMAIN_HEAD + FOREIGN.repeat(levels) + ']}'.repeat(levels) + ']}}') as unknown;

  it('accepts the deepest model parse can make', () => {
    // The root, <metadata>, then foreign elements down to the model's depth bound.
    const levels = MODEL_MAX_DEPTH - 2;
    const xml = `<domain type='kvm'><name>x</name><memory>1</memory><os><type>hvm</type></os><metadata>${'<a:x xmlns:a="urn:a">'.repeat(levels)}${'</a:x>'.repeat(levels)}</metadata></domain>`;
    const model = JSON.parse(JSON.stringify(parse(xml).value)) as unknown;
    expect(validateModel(model, 'domain')).toEqual({ valid: true, diagnostics: [] });
    expect(validateModel(nested(levels), 'domain').valid).toBe(true);
  });

  it('reports a value nested thousands deep instead of running out of stack', () => {
    const r = validateModel(nested(100_000), 'domain');
    expect(r.valid).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'too-deep' });
    expect(r.diagnostics[0]!.path).toMatch(/^\/metadata\/\$any\/0(\/children\/0)+(\/children)?$/);
  });

  it('reports a value that contains itself', () => {
    const disk: Record<string, unknown> = { type: 'file', device: 'disk' };
    disk['source'] = disk;
    const r = validateModel({ type: 'kvm', name: 'x', devices: { disk: [disk] } }, 'domain');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['too-deep']);
    expect(r.diagnostics[0]!.path).toMatch(/^\/devices\/disk\/0(\/source)+$/);
  });
});
