/**
 * Documents whose attribute values are tens of thousands of characters long, through the public
 * validate: the verdict and messages are those of a short value of the same shape, and the time
 * stays far below what a backtracking matcher needs (about a second at 40 000 characters for these
 * two patterns, and a hundred times that at 400 000).
 */
import { describe, expect, it } from 'vitest';
import { LIBVIRT_RELEASES, validate, type LibvirtRelease } from '../../../src/validate.js';

/** Generous for a linear matcher (a few milliseconds here), unreachable for a quadratic one. */
const TIME_LIMIT_MS = 500;

/** An LXC domain; its initenv name must match [a-zA-Z_]+[a-zA-Z0-9_]*. */
function lxcDomain(initenvName: string): string {
  return `<domain type='lxc'>
  <name>c1</name>
  <memory unit='KiB'>1048576</memory>
  <os>
    <type>exe</type>
    <init>/sbin/init</init>
    <initenv name='${initenvName}'>bar</initenv>
  </os>
  <devices>
    <console type='pty'/>
  </devices>
</domain>`;
}

/** A PCI node device; its link speed must match [0-9]+(.[0-9]+)?. */
function pciNodeDevice(linkSpeed: string): string {
  return `<device>
  <name>pci_0000_03_00_0</name>
  <capability type='pci'>
    <domain>0</domain>
    <bus>3</bus>
    <slot>0</slot>
    <function>0</function>
    <product id='0x4238'/>
    <vendor id='0x8086'/>
    <pci-express>
      <link validity='cap' port='1' speed='${linkSpeed}' width='1'/>
    </pci-express>
  </capability>
</device>`;
}

const DOCUMENTS = [
  { name: 'LXC initenv name', document: lxcDomain, repeated: 'a', ending: '!' },
  { name: 'node device link speed', document: pciNodeDevice, repeated: '0', ending: '!' },
] as const;

function timedValidate(xml: string, release: LibvirtRelease): { result: ReturnType<typeof validate>; milliseconds: number } {
  const start = performance.now();
  const result = validate(xml, { libvirt: release });
  return { result, milliseconds: performance.now() - start };
}

function messages(result: ReturnType<typeof validate>): string[] {
  return result.diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
}

describe.each(LIBVIRT_RELEASES.map((release) => [release]))('long attribute values against libvirt %s', (release) => {
  describe.each(DOCUMENTS.map((entry) => [entry.name, entry] as const))('%s', (_name, { document, repeated, ending }) => {
    // Messages quote at most 60 characters of a value, so a 100-character value reads the same.
    const shortValid = timedValidate(document(repeated.repeat(100)), release).result;
    const shortInvalid = timedValidate(document(repeated.repeat(100) + ending), release).result;

    it('a short value of the same shapes is valid, and invalid with the mismatch at its end', () => {
      expect(messages(shortValid)).toEqual([]);
      expect(shortValid.valid).toBe(true);
      expect(shortInvalid.valid).toBe(false);
      expect(messages(shortInvalid).join('\n')).toMatch(/must match the pattern/);
    });

    it.each([40_000, 400_000])(`%i characters: the same verdict and messages, in under ${TIME_LIMIT_MS} ms`, (length) => {
      const valid = timedValidate(document(repeated.repeat(length)), release);
      const invalid = timedValidate(document(repeated.repeat(length) + ending), release);
      expect(valid.result.valid).toBe(true);
      expect(invalid.result.valid).toBe(false);
      expect(messages(invalid.result)).toEqual(messages(shortInvalid));
      expect(valid.milliseconds).toBeLessThan(TIME_LIMIT_MS);
      expect(invalid.milliseconds).toBeLessThan(TIME_LIMIT_MS);
    });
  });
});
