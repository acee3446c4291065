/**
 * Real libvirt as a judge: the embedded QEMU driver (or the test driver) in a Python child
 * process, asked whether it defines a document (../shared/docs/real-libvirt.md). Debian 12's
 * libvirt 9.0.0 with QEMU 7.2; `.ci/run` installs them.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from './corpus.js';

const PYTHON = '/usr/bin/python3';
const QEMU = '/usr/bin/qemu-system-x86_64';
const JUDGE = join(PROJECT_ROOT, 'test/support/libvirt-judge.py');

/** libvirt's answer; `xml` (with `dumpInactive`) is the definition as libvirt formats it, `virsh dumpxml --inactive`. */
export type Verdict = { readonly ok: true; readonly xml?: string } | { readonly ok: false; readonly error: string };

export interface DefineOptions {
  /** Also return dumpXML(VIR_DOMAIN_XML_INACTIVE) of the defined domain (a network or pool: its definition). */
  readonly dumpInactive?: boolean;
  /** What the document defines: a domain (default), or a network or storage pool (test driver). */
  readonly root?: 'domain' | 'network' | 'storagepool';
}

/** Why the real drivers cannot run here, or undefined when they can. */
export function realLibvirtMissing(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ['-c', 'import libvirt'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'the libvirt Python bindings are not installed (apt-get install python3-libvirt)';
  if (!existsSync(QEMU)) return `${QEMU} not found (apt-get install qemu-system-x86 libvirt-daemon-driver-qemu)`;
  if (!existsSync('/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so')) return 'libvirt\'s QEMU driver is not installed (apt-get install libvirt-daemon-driver-qemu)';
  const user = spawnSync('id', ['libvirt-qemu'], { encoding: 'utf8' });
  if (user.status !== 0) {
    // The driver looks this user up before anything else; as root, add it as the package would.
    const add = spawnSync('useradd', ['-r', '-M', '-s', '/usr/sbin/nologin', 'libvirt-qemu'], { encoding: 'utf8' });
    if (add.status !== 0) return `no user libvirt-qemu, and it could not be added: ${add.stderr.trim()}`;
  }
  return undefined;
}

/** A root folder for the embedded driver, configured as libvirt's own tests run it. */
function embedRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'virtxml-embed-'));
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'etc/qemu.conf'), 'user = "root"\ngroup = "root"\nspice_tls = 1\n');
  return root;
}

/** One judge process; restarted when libvirt crashes on a document. */
export class RealLibvirt {
  private child: ChildProcessWithoutNullStreams | undefined;
  private lines: AsyncIterator<string> | undefined;
  private readonly root: string;
  /** Documents on which libvirt crashed. */
  crashes = 0;

  constructor(private readonly driver: 'qemu' | 'test' = 'qemu') {
    this.root = embedRoot();
  }

  private async start(): Promise<void> {
    const child = spawn(PYTHON, [JUDGE, this.driver, this.root], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.resume();
    this.child = child;
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const ready = await this.lines.next();
    if (ready.done) throw new Error('the libvirt judge did not start');
  }

  async define(xml: string, options: DefineOptions = {}): Promise<Verdict | 'crash'> {
    if (this.child === undefined) await this.start();
    const request = { xml, ...(options.dumpInactive === true ? { dump: true } : {}), ...(options.root !== undefined && options.root !== 'domain' ? { root: options.root } : {}) };
    this.child!.stdin.write(JSON.stringify(request) + '\n');
    const answer = await this.lines!.next();
    if (answer.done) {
      this.crashes++;
      this.child = undefined;
      return 'crash';
    }
    return JSON.parse(answer.value) as Verdict;
  }

  close(): void {
    this.child?.stdin.end();
    this.child?.kill();
    this.child = undefined;
  }
}

/**
 * A corpus document made fit for the embedded driver: its emulator is the installed QEMU (libvirt
 * runs the emulator to probe it) and KVM guests become TCG guests when the host has no KVM.
 */
export function forThisHost(xml: string): string {
  let out = xml.replace(/<emulator>[^<]*<\/emulator>/, `<emulator>${QEMU}</emulator>`);
  if (!existsSync('/dev/kvm')) out = out.replace(/<domain type=(['"])kvm\1/, '<domain type=$1qemu$1');
  return out;
}
