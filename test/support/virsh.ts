/**
 * Real libvirt (Debian's libvirt-clients, `virsh` with the built-in test driver, no daemon):
 * defines a domain document and returns libvirt's own `dumpxml` of it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findVirsh(): string | undefined {
  const r = spawnSync('virsh', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const version = findVirsh();
export const virshMissing: string | undefined = version === undefined
  ? 'virsh is not installed (apt-get install libvirt-clients)'
  : undefined;

export type DumpResult = { readonly ok: true; readonly xml: string } | { readonly ok: false; readonly error: string };

const workDir = mkdtempSync(join(tmpdir(), 'virtxml-virsh-'));
process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));

/** Defines `xml` in a fresh test:///default connection and dumps it back (inactive, as defined). */
export function defineAndDump(xml: string, name: string): DumpResult {
  const file = join(workDir, 'domain.xml');
  writeFileSync(file, xml);
  try {
    const out = execFileSync('virsh', ['-q', '-c', 'test:///default', `define ${file}; dumpxml --inactive ${quote(name)}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    // With -q, virsh still prints the "Domain … defined" line; the dump starts at the first '<'.
    const start = out.indexOf('<');
    return start < 0 ? { ok: false, error: 'no XML in virsh output' } : { ok: true, xml: out.slice(start) };
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    return { ok: false, error: (err.stderr || err.message).trim() };
  }
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
