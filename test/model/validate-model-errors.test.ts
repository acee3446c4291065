/**
 * validateModel on models with many errors: ajv's generated code is rewritten to append the
 * errors of referenced definitions in place (appendErrorsInPlace); the errors must be exactly
 * ajv's own, and their cost linear in their number.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { modelJsonSchema, parse, validateModel } from '../../src/model/index.js';
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
