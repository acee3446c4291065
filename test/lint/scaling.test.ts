/**
 * lint's cost grows with the document, not with its square: a domain with 16 times as many
 * devices takes about 16 times as long. Rules that ask for the document's controllers once per
 * device made a fuzzed 317 KB domain take 2–4 s (the controllers are now worked out once per
 * document). A ratio measured in one process, so a busy host moves both sides alike.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/lint.js';

/** A domain with `n` USB controllers at the PIIX3 address, `n` USB inputs and `n` SCSI disks. */
function domainWith(n: number): string {
  const devices: string[] = [];
  for (let i = 0; i < n; i++) {
    devices.push(`<controller type='usb' index='${i}' model='piix3-uhci'><address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x2'/></controller>`);
    devices.push(`<input type='tablet' bus='usb'><address type='usb' bus='${i}' port='1'/></input>`);
    devices.push(`<disk type='file' device='disk'><source file='/images/${i}.img'/><target dev='sd${i}' bus='scsi'/></disk>`);
  }
  return `<domain type='kvm'><name>n</name><memory unit='KiB'>1048576</memory><os><type arch='x86_64' machine='pc-i440fx-9.0'>hvm</type></os><devices>\n${devices.join('\n')}\n</devices></domain>\n`;
}

function fastest(xml: string): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    lint(xml);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('lint on large documents', () => {
  it('takes at most 60× as long for 16× the devices (250 and 4000 of each; quadratic work gives about 256×)', () => {
    const [small, large] = [domainWith(250), domainWith(4000)];
    lint(small);
    const ratios: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const ratio = fastest(large) / fastest(small);
      ratios.push(ratio);
      if (ratio < 60) break;
    }
    expect(Math.min(...ratios), `ratios ${ratios.map((r) => r.toFixed(1)).join(', ')}`).toBeLessThan(60);
  });
});
