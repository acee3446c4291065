/**
 * Legacy forms of domain XML: spellings libvirt still reads but rewrites, ignores or no longer
 * recommends, each with the current form (../shared/docs/legacy-forms.md, items D2–D25). Where
 * the rewrite can be made from the document alone the finding carries a fix, which
 * `virtxml migrate` applies; the others are reported for a person to decide.
 */
import type { XmlElement } from '../../../xml/dom/types.js';
import { insertChild, moveElement, removeAttribute, removeElement, replaceText, setAttribute } from '../../fix.js';
import { isX86 } from '../../platform.js';
import type { DocumentRule, RuleContext, RuleDocs } from '../../types.js';
import { domainDoc, MIGRATE_FIXES, MIGRATE_REPORTS } from './examples.js';
import { releasesOf, type LegacyRuleId } from './releases.js';
import { attr, child, children, text } from './xml.js';

function legacy(id: LegacyRuleId, docs: Omit<RuleDocs, 'why'> & { why: string }, fixable: boolean, check: (ctx: RuleContext<'domain'>) => void): DocumentRule<'domain'> {
  return {
    meta: { id, category: 'legacy', level: 'warn', roots: ['domain'], ...(fixable ? { fixable: true } : {}), legacy: releasesOf(id), docs: { ...docs, why: `${docs.why} ${fixable ? MIGRATE_FIXES : MIGRATE_REPORTS}` } },
    check,
  };
}

function devicesOf(ctx: RuleContext<'domain'>, ...locals: string[]): XmlElement[] {
  return children(child(ctx.document.root, 'devices')).filter((el) => locals.includes(el.local));
}

function attribute(el: XmlElement, name: string) {
  return el.attributes.find((a) => a.name === name)!;
}

// D2
export const graphicsListenAttribute = legacy('legacy-graphics-listen-attribute', {
  summary: "A VNC, SPICE or RDP `<graphics>` whose address is given only by its `listen` (or VNC `socket`) attribute, with no `<listen>` child.",
  why: "Since libvirt 0.9.4 where a display listens is described by `<listen>` children (`type='address'`, `'socket'`, `'network'` or `'none'`); the attribute is the old form, which libvirt turns into a `<listen>` child and still writes beside it for old readers. Adding the child keeps the attribute.",
  example: {
    bad: domainDoc("    <graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0'/>\n"),
    good: domainDoc("    <graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0'>\n      <listen type='address' address='0.0.0.0'/>\n    </graphics>\n"),
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainGraphicsListensParseXML',
}, true, (ctx) => {
  for (const g of devicesOf(ctx, 'graphics')) {
    const type = attr(g, 'type');
    if (type !== 'vnc' && type !== 'spice' && type !== 'rdp') continue;
    if (children(g, 'listen').length > 0) continue;
    const socket = type === 'vnc' ? attr(g, 'socket') : undefined;
    const listen = attr(g, 'listen');
    // A socket libvirt generated in its own directory is dropped, not kept (legacy-vnc-generated-socket).
    if (socket !== undefined && isGeneratedVncSocket(socket)) continue;
    if (socket !== undefined && socket !== '') {
      ctx.report({ node: g, attribute: 'socket', message: "the socket is given in the old `socket` attribute: describe it with a `<listen type='socket' socket='…'/>` child", fix: { description: 'add a <listen type=\'socket\'> child', edits: [insertChild(ctx.document, g, `<listen type='socket' socket='${escape(socket)}'/>`)] } });
    } else if (listen !== undefined && listen !== '') {
      ctx.report({ node: g, attribute: 'listen', message: "the address is given in the old `listen` attribute: describe it with a `<listen type='address' address='…'/>` child (the attribute may stay)", fix: { description: 'add a <listen type=\'address\'> child', edits: [insertChild(ctx.document, g, `<listen type='address' address='${escape(listen)}'/>`)] } });
    }
  }
});

/** A VNC socket under libvirt's own state directory, as old releases generated and saved it. */
function isGeneratedVncSocket(path: string): boolean {
  return path.startsWith('/var/lib/libvirt/qemu/');
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');
}

// D3
const MEMORY_ELEMENTS = ['memory', 'currentMemory', 'maxMemory'];
const MEMTUNE_ELEMENTS = ['hard_limit', 'soft_limit', 'swap_hard_limit', 'min_guarantee'];

/**
 * The power of 1000 of a decimal unit (`KB`, `mb`, … in any case: libvirt's units are read without
 * regard to case, and a letter followed by `B` alone is decimal, unlike `k`, `KiB`, `M`, `MiB`).
 */
function decimalPower(unit: string): number | undefined {
  const m = /^([kmgtpe])b$/i.exec(unit);
  return m === null ? undefined : 'kmgtpe'.indexOf(m[1]!.toLowerCase()) + 1;
}

export const memoryUnit = legacy('legacy-memory-unit', {
  summary: 'A memory size (`<memory>`, `<currentMemory>`, `<maxMemory>`, `<memtune>` limits) without a `unit`, or in a decimal unit (`KB`, `MB`, `GB`, …).',
  why: "Before libvirt 0.9.11 memory sizes were bare numbers of KiB; a `unit` makes the size readable and removes the guess. libvirt reads a missing unit as KiB and always writes `unit='KiB'`. The decimal units are easily misread: `KB` is 1000 bytes, not 1024 (`k` and `KiB` are 1024), so libvirt turns `1048576 KB` into `1024000 KiB`. A decimal size is rewritten in KiB when it is a whole number of KiB.",
  example: {
    bad: domainDoc('', { memory: '<memory>2097152</memory>' }),
    good: domainDoc('', { memory: "<memory unit='KiB'>2097152</memory>" }),
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainParseMemory',
  limits: 'A decimal size that is not a whole number of KiB is reported without a fix: libvirt rounds it up to the next KiB, which changes the number written.',
}, true, (ctx) => {
  const root = ctx.document.root;
  const els = [...children(root).filter((el) => MEMORY_ELEMENTS.includes(el.local)), ...children(child(root, 'memtune')).filter((el) => MEMTUNE_ELEMENTS.includes(el.local))];
  for (const el of els) {
    const value = text(el)?.trim();
    if (value === undefined || !/^\d+$/.test(value)) continue;
    const unit = attr(el, 'unit');
    if (unit === undefined) {
      ctx.report({ node: el, message: `\`<${el.local}>\` has no unit, so ${value} is read as KiB: write unit='KiB' (or a larger unit)`, fix: { description: "add unit='KiB'", edits: [setAttribute(el, 'unit', 'KiB', ctx.document)] } });
      continue;
    }
    const power = decimalPower(unit);
    if (power === undefined) continue;
    const bytes = BigInt(value) * 1000n ** BigInt(power);
    const kib = (bytes + 1023n) / 1024n;
    const message = `unit='${unit}' is decimal (1000${power > 1 ? `^${power}` : ''} bytes), so ${value} ${unit} is ${kib} KiB${bytes % 1024n === 0n ? '' : ' rounded up'}: write the size in KiB (or another binary unit)`;
    if (bytes % 1024n !== 0n) {
      ctx.report({ node: el, attribute: 'unit', message });
      continue;
    }
    ctx.report({ node: el, attribute: 'unit', message, fix: { description: `write ${kib} KiB`, edits: [setAttribute(el, 'unit', 'KiB'), replaceText(el, `${kib}`)] } });
  }
});

// D4
export const consoleWithoutSerial = legacy('legacy-console-without-serial', {
  summary: "An HVM guest whose first `<console>` stands for a serial port but which has no `<serial>`.",
  why: "Historically the first `<console>` of an HVM guest was an alias of its first serial port. libvirt still reads it so, creating the `<serial>` itself and keeping the console as an alias of it; writing the `<serial>` says what the guest gets.",
  example: {
    bad: domainDoc("    <console type='pty'>\n      <target port='0'/>\n    </console>\n"),
    good: domainDoc("    <serial type='pty'>\n      <target port='0'/>\n    </serial>\n    <console type='pty'>\n      <target type='serial' port='0'/>\n    </console>\n"),
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainDefAddConsoleCompat',
}, true, (ctx) => {
  const root = ctx.document.root;
  if (text(child(child(root, 'os'), 'type'))?.trim() !== 'hvm') return;
  const devices = child(root, 'devices');
  if (devices === undefined || children(devices, 'serial').length > 0) return;
  const consoleEl = children(devices, 'console')[0];
  if (consoleEl === undefined) return;
  const targetType = attr(child(consoleEl, 'target'), 'type');
  if (targetType !== undefined && targetType !== 'serial') return;
  const src = ctx.document.source;
  const open = src.slice(consoleEl.offset, consoleEl.startTagEnd).replace(/^<console/, '<serial').replace(/\s*\/>$/, '>');
  const inner = children(consoleEl).filter((c) => c.local !== 'target' && c.local !== 'alias' && c.local !== 'address').map((c) => `  ${src.slice(c.offset, c.end)}`);
  const fragment = [open, ...inner, "  <target port='0'/>", '</serial>'].join('\n');
  // The console becomes the serial port's alias, as libvirt writes it: <target type='serial'>.
  const target = child(consoleEl, 'target');
  const alias = target === undefined ? [insertChild(ctx.document, consoleEl, "<target type='serial' port='0'/>")] : targetType === undefined ? [setAttribute(target, 'type', 'serial', ctx.document)] : [];
  ctx.report({
    node: consoleEl,
    message: 'this console stands for a serial port the guest gets implicitly: declare the `<serial>` (with the same source) and keep the console as its alias',
    fix: { description: 'add the <serial> the console stands for', edits: [insertChild(ctx.document, devices, fragment, before(devices, consoleEl)), ...alias] },
  });
});

/** insertChild's options that put a new child just before `el`. */
function before(parent: XmlElement, el: XmlElement): { after?: XmlElement; first?: boolean } {
  const kids = children(parent);
  const i = kids.indexOf(el);
  return i > 0 ? { after: kids[i - 1]! } : { first: true };
}

// D5
const CHANNEL_DIRS = ['/var/lib/libvirt/qemu/channel', '/run/libvirt/qemu/channel', '/var/run/libvirt/qemu/channel', '/etc/libvirt/qemu/channel'];

export const channelAutoPath = legacy('legacy-channel-auto-path', {
  summary: "A virtio channel's unix socket `path` that is one libvirt generates itself.",
  why: "libvirt up to 1.3.0 stored the socket path it generated for virtio channels (such as the guest agent's) in the definition. Today it generates the path on each start (in a per-guest directory) and drops a saved default path; leaving the path out keeps the definition portable. A `<source>` that held only the path (and `mode='bind'`, which a generated socket implies) is removed with it, as libvirt writes the channel.",
  example: {
    bad: domainDoc("    <channel type='unix'>\n      <source mode='bind' path='/var/lib/libvirt/qemu/channel/target/web01.org.qemu.guest_agent.0'/>\n      <target type='virtio' name='org.qemu.guest_agent.0'/>\n    </channel>\n"),
    good: domainDoc("    <channel type='unix'>\n      <target type='virtio' name='org.qemu.guest_agent.0'/>\n    </channel>\n"),
  },
  libvirtSource: 'src/qemu/qemu_domain.c, qemuDomainChrDefDropDefaultPath',
  limits: "Only libvirt's default channel directories are recognised; a channel directory changed in qemu.conf is not known offline.",
}, true, (ctx) => {
  for (const ch of devicesOf(ctx, 'channel')) {
    const target = child(ch, 'target');
    const name = attr(target, 'name');
    const source = child(ch, 'source');
    const path = attr(source, 'path');
    if (attr(ch, 'type') !== 'unix' || attr(target, 'type') !== 'virtio' || name === undefined || path === undefined) continue;
    const generated = CHANNEL_DIRS.some((dir) => {
      if (!path.startsWith(`${dir}/`)) return false;
      let rest = path.slice(dir.length + 1);
      if (rest.startsWith('target/')) rest = rest.slice('target/'.length);
      if (!rest.endsWith(name)) return false;
      const head = rest.slice(0, rest.length - name.length);
      return /^([^/]+\.|domain-[^/]+\/|[0-9]+-[^/]+\/)$/.test(head);
    });
    if (!generated) continue;
    // Without the path, mode='bind' is what libvirt assumes: a <source> holding nothing else goes
    // too, as libvirt writes the channel.
    const alone = source!.attributes.every((a) => a.name === 'path' || (a.name === 'mode' && a.value === 'bind')) && source!.children.every((c) => c.kind === 'text' && c.value.trim() === '');
    const fix = alone ? { description: 'remove the <source> holding only the generated path', edits: [removeElement(ctx.document, source!)] } : { description: 'remove the generated path', edits: [removeAttribute(source!, attribute(source!, 'path'))] };
    ctx.report({ node: source!, attribute: 'path', message: 'this is the socket path libvirt generates for the channel; it drops it and makes a new one on start: remove `path`', fix });
  }
});

// D6
export const firmwareManualPaths = legacy('legacy-firmware-manual-paths', {
  summary: "UEFI firmware given by explicit `<loader>` paths to OVMF/AAVMF/edk2 files, without `<os firmware='efi'>`.",
  why: "Since libvirt 5.2.0 `<os firmware='efi'>` selects firmware from the host's descriptors (secure boot, enrolled keys, NVRAM template) and keeps working when the distribution moves its OVMF files; hand-written paths break on hosts that lay them out differently.",
  example: {
    bad: domainDoc('', { os: "    <type arch='x86_64' machine='q35'>hvm</type>\n    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>\n", top: '  <features>\n    <acpi/>\n  </features>\n' }),
    good: domainDoc('', { os: "    <type arch='x86_64' machine='q35'>hvm</type>\n", top: '  <features>\n    <acpi/>\n  </features>\n' }).replace('<os>', "<os firmware='efi'>"),
  },
  libvirtSource: 'src/qemu/qemu_firmware.c, qemuFirmwareFillDomain',
  limits: 'Which descriptor matches the old paths depends on the host, so there is no automatic rewrite.',
}, false, (ctx) => {
  const os = child(ctx.document.root, 'os');
  const loader = child(os, 'loader');
  const path = text(loader)?.trim();
  if (os === undefined || loader === undefined || attr(os, 'firmware') !== undefined || path === undefined) return;
  if (!/(OVMF|AAVMF|edk2|QEMU_EFI|ovmf|aavmf)/.test(path)) return;
  ctx.report({ node: loader, message: `UEFI firmware is given by path (${path}): prefer \`<os firmware='efi'>\`, which picks the firmware and NVRAM template from the host's descriptors` });
});

// D10
/** The network protocols whose `<source>` takes an `<auth>` child. */
const AUTH_PROTOCOLS = new Set(['rbd', 'iscsi', 'http', 'https', 'ftp', 'ftps', 'ssh']);

export const diskAuthPlacement = legacy('legacy-disk-auth-placement', {
  summary: 'A disk `<auth>` or `<encryption>` given as a child of `<disk>` instead of its `<source>`.',
  why: "Since libvirt 3.9.0 authentication and encryption belong to the image they apply to, so they are children of `<source>` (which also lets a backing image have its own). libvirt still reads them under `<disk>` and even writes them back there, so it never upgrades them itself.",
  example: {
    bad: domainDoc("    <disk type='network' device='disk'>\n      <auth username='libvirt'>\n        <secret type='ceph' usage='client.libvirt secret'/>\n      </auth>\n      <source protocol='rbd' name='pool/web01'>\n        <host name='ceph.example.com' port='6789'/>\n      </source>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n"),
    good: domainDoc("    <disk type='network' device='disk'>\n      <source protocol='rbd' name='pool/web01'>\n        <host name='ceph.example.com' port='6789'/>\n        <auth username='libvirt'>\n          <secret type='ceph' usage='client.libvirt secret'/>\n        </auth>\n      </source>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n"),
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainDiskDefParseXML',
  limits: "`<auth>` is reported only for the network protocols whose `<source>` can hold it (RBD, iSCSI, HTTP(S), FTP(S), SSH), `<encryption>` only for file, block, directory and network disks.",
}, true, (ctx) => {
  for (const disk of devicesOf(ctx, 'disk')) {
    const source = child(disk, 'source');
    const type = attr(disk, 'type') ?? 'file';
    for (const local of ['auth', 'encryption']) {
      const el = child(disk, local);
      if (el === undefined) continue;
      // Only these sources can hold the element; for others the disk level is the only place.
      const fits = local === 'auth' ? type === 'network' && AUTH_PROTOCOLS.has(attr(source, 'protocol') ?? '') : ['file', 'block', 'dir', 'network'].includes(type);
      if (!fits) continue;
      if (source === undefined || child(source, local) !== undefined) {
        if (source === undefined) ctx.report({ node: el, message: `\`<${local}>\` belongs inside the disk's \`<source>\`; this disk has none, so add one and move \`<${local}>\` into it` });
        continue;
      }
      ctx.report({ node: el, message: `\`<${local}>\` under \`<disk>\` is the old placement: move it into \`<source>\``, fix: { description: `move <${local}> into <source>`, edits: moveElement(ctx.document, el, source) } });
    }
  }
});

// D11
export const seclabelWithoutModel = legacy('legacy-seclabel-without-model', {
  summary: 'A domain `<seclabel>` without a `model`.',
  why: "libvirt before 0.10.0 had a single security driver, so labels named none. Today a host may run several (SELinux, AppArmor, DAC); a label without `model` gets the host's first driver, which differs between hosts.",
  example: {
    bad: domainDoc('', { bottom: "  <seclabel type='dynamic' relabel='yes'/>\n" }),
    good: domainDoc('', { bottom: "  <seclabel type='dynamic' model='selinux' relabel='yes'/>\n" }),
  },
  libvirtSource: 'src/conf/domain_conf.c, virSecurityLabelDefsParseXML',
  limits: 'The model to write depends on the hosts, so there is no automatic rewrite.',
}, false, (ctx) => {
  for (const sec of children(ctx.document.root, 'seclabel')) {
    if (attr(sec, 'model') !== undefined) continue;
    ctx.report({ node: sec, message: "this security label names no `model`, so it applies to whichever driver the host runs first: add model='selinux', 'apparmor', 'dac' or 'none'" });
  }
});

// D12
export const graphicsAutoport = legacy('legacy-graphics-autoport', {
  summary: "A VNC, SPICE or RDP `<graphics port='-1'>` without `autoport`.",
  why: "`port='-1'` is the legacy way to ask for an automatically chosen port; `autoport='yes'` is the current syntax, and libvirt writes both.",
  example: {
    bad: domainDoc("    <graphics type='vnc' port='-1'>\n      <listen type='address' address='127.0.0.1'/>\n    </graphics>\n"),
    good: domainDoc("    <graphics type='vnc' port='-1' autoport='yes'>\n      <listen type='address' address='127.0.0.1'/>\n    </graphics>\n"),
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainGraphicsDefParseXMLVNC, virDomainGraphicsDefParseXMLSpice, virDomainGraphicsDefParseXMLRDP',
}, true, (ctx) => {
  for (const g of devicesOf(ctx, 'graphics')) {
    const type = attr(g, 'type');
    if ((type !== 'vnc' && type !== 'spice' && type !== 'rdp') || attr(g, 'autoport') !== undefined) continue;
    const auto = type === 'spice' ? attr(g, 'port')?.trim() === '-1' && attr(g, 'tlsPort')?.trim() === '-1' : attr(g, 'port')?.trim() === '-1';
    if (!auto) continue;
    ctx.report({ node: g, attribute: 'port', message: "`port='-1'` is the legacy request for an automatic port: add autoport='yes'", fix: { description: "add autoport='yes'", edits: [setAttribute(g, 'autoport', 'yes')] } });
  }
});

// D13
export const diskDriverAio = legacy('legacy-disk-driver-aio', {
  summary: "A disk `<driver type='aio'>`.",
  why: "`aio` is a Xen-era spelling of a raw image; libvirt reads it as `raw` and writes `raw`.",
  example: {
    bad: domainDoc("    <disk type='file' device='disk'>\n      <driver name='qemu' type='aio'/>\n      <source file='/var/lib/libvirt/images/web01.img'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n"),
    good: domainDoc("    <disk type='file' device='disk'>\n      <driver name='qemu' type='raw'/>\n      <source file='/var/lib/libvirt/images/web01.img'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n"),
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainDiskDefDriverSourceParseXML',
}, true, (ctx) => {
  for (const disk of devicesOf(ctx, 'disk')) {
    const driver = child(disk, 'driver');
    if (attr(driver, 'type') !== 'aio') continue;
    ctx.report({ node: driver!, attribute: 'type', message: "`type='aio'` is the Xen-era name of a raw image: write type='raw'", fix: { description: "write type='raw'", edits: [setAttribute(driver!, 'type', 'raw')] } });
  }
});

export const diskTargetIoemu = legacy('legacy-disk-target-ioemu', {
  summary: "A disk `<target dev='ioemu:…'>`.",
  why: "The `ioemu:` prefix comes from old Xen configurations; libvirt strips it and uses the name after it.",
  example: {
    bad: domainDoc("    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01.img'/>\n      <target dev='ioemu:hda' bus='ide'/>\n    </disk>\n", { os: "    <type arch='x86_64' machine='pc'>hvm</type>\n" }),
    good: domainDoc("    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01.img'/>\n      <target dev='hda' bus='ide'/>\n    </disk>\n", { os: "    <type arch='x86_64' machine='pc'>hvm</type>\n" }),
  },
  libvirtSource: 'src/conf/domain_postparse.c, virDomainDiskDefPostParse',
}, true, (ctx) => {
  for (const disk of devicesOf(ctx, 'disk')) {
    const target = child(disk, 'target');
    const dev = attr(target, 'dev');
    if (dev === undefined || !dev.startsWith('ioemu:')) continue;
    const name = dev.slice('ioemu:'.length);
    ctx.report({ node: target!, attribute: 'dev', message: `the 'ioemu:' prefix is an old Xen form that libvirt strips: write dev='${name}'`, fix: { description: `write dev='${name}'`, edits: [setAttribute(target!, 'dev', name)] } });
  }
});

// D14
export const qemuCommandlineSet = legacy('legacy-qemu-commandline-set', {
  summary: "`<qemu:commandline>` passing `-set device.…` to change a device property.",
  why: "Changing a device property through QEMU's `-set` no longer works with current QEMU (devices are created with JSON); since libvirt 8.2.0 `<qemu:override><qemu:device alias='ua-…'>` sets device properties. The property's type and a stable `ua-` alias must be chosen by hand.",
  example: {
    bad: domainDoc("    <interface type='network'>\n      <source network='default'/>\n      <model type='virtio'/>\n      <alias name='ua-nic0'/>\n    </interface>\n", { bottom: "  <qemu:commandline>\n    <qemu:arg value='-set'/>\n    <qemu:arg value='device.ua-nic0.rombar=0'/>\n  </qemu:commandline>\n" }).replace("<domain type='kvm'>", "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"),
    good: domainDoc("    <interface type='network'>\n      <source network='default'/>\n      <model type='virtio'/>\n      <alias name='ua-nic0'/>\n    </interface>\n", { bottom: "  <qemu:override>\n    <qemu:device alias='ua-nic0'>\n      <qemu:frontend>\n        <qemu:property name='rombar' type='unsigned' value='0'/>\n      </qemu:frontend>\n    </qemu:device>\n  </qemu:override>\n" }).replace("<domain type='kvm'>", "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"),
  },
  libvirtSource: 'src/qemu/qemu_domain.c, qemuDomainDefNamespaceParse (qemu:override since 8.2.0)',
  limits: 'The property type (string, signed, unsigned, bool) is not known offline, so there is no automatic rewrite.',
}, false, (ctx) => {
  for (const cmd of children(ctx.document.root).filter((el) => el.local === 'commandline' && el.ns === 'http://libvirt.org/schemas/domain/qemu/1.0')) {
    const args = cmd.children.filter((c): c is XmlElement => c.kind === 'element' && c.local === 'arg');
    for (let i = 0; i + 1 < args.length; i++) {
      if (attr(args[i], 'value') !== '-set' || !(attr(args[i + 1], 'value') ?? '').startsWith('device.')) continue;
      ctx.report({ node: args[i]!, attribute: 'value', message: `\`-set ${attr(args[i + 1], 'value')}\` no longer changes devices in current QEMU: use \`<qemu:override><qemu:device alias=…><qemu:frontend><qemu:property …/>\`` });
    }
  }
});

// D15
export const iscsiIqnWithoutLun = legacy('legacy-iscsi-iqn-without-lun', {
  summary: 'An iSCSI disk or host device source `name` (the target IQN) without a `/LUN`.',
  why: "An iSCSI source names a target and a LUN as `iqn…/N`; without the LUN libvirt assumes LUN 0 and writes `/0`.",
  example: {
    bad: domainDoc("    <disk type='network' device='disk'>\n      <source protocol='iscsi' name='iqn.2013-07.com.example:iscsi-nopool'>\n        <host name='iscsi.example.com' port='3260'/>\n      </source>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n"),
    good: domainDoc("    <disk type='network' device='disk'>\n      <source protocol='iscsi' name='iqn.2013-07.com.example:iscsi-nopool/0'>\n        <host name='iscsi.example.com' port='3260'/>\n      </source>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n"),
  },
  libvirtSource: 'src/conf/domain_postparse.c, virDomainPostParseCheckISCSIPath',
}, true, (ctx) => {
  const sources: XmlElement[] = [];
  for (const disk of devicesOf(ctx, 'disk')) if (attr(disk, 'type') === 'network') sources.push(...children(disk, 'source'));
  for (const hd of devicesOf(ctx, 'hostdev')) if (attr(hd, 'type') === 'scsi') sources.push(...children(hd, 'source'));
  for (const source of sources) {
    const name = attr(source, 'name');
    if (attr(source, 'protocol') !== 'iscsi' || name === undefined || name === '' || name.includes('/')) continue;
    ctx.report({ node: source, attribute: 'name', message: `the iSCSI source names no LUN, so libvirt uses LUN 0: write name='${name}/0'`, fix: { description: 'append the LUN /0', edits: [setAttribute(source, 'name', `${name}/0`)] } });
  }
});

// D16
export const hostdevDriverKvm = legacy('legacy-hostdev-driver-kvm', {
  summary: "PCI device assignment with `<driver name='kvm'/>`.",
  why: "Legacy KVM device assignment was removed from QEMU and from libvirt 5.7.0; VFIO (the default since libvirt 1.1.3) is the only backend, and a guest asking for `kvm` fails to start (`host doesn't support legacy PCI passthrough`).",
  example: {
    bad: domainDoc("    <hostdev mode='subsystem' type='pci' managed='yes'>\n      <driver name='kvm'/>\n      <source>\n        <address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/>\n      </source>\n    </hostdev>\n"),
    good: domainDoc("    <hostdev mode='subsystem' type='pci' managed='yes'>\n      <driver name='vfio'/>\n      <source>\n        <address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/>\n      </source>\n    </hostdev>\n"),
  },
  libvirtSource: 'src/qemu/qemu_domain.c, qemuDomainPrepareHostdevPCI',
  limits: 'The host must support VFIO (an IOMMU enabled), as every current host running QEMU does.',
}, true, (ctx) => {
  for (const dev of devicesOf(ctx, 'hostdev', 'interface')) {
    if (dev.local === 'interface' && attr(dev, 'type') !== 'hostdev') continue;
    if (dev.local === 'hostdev' && attr(dev, 'type') !== 'pci') continue;
    const driver = child(dev, 'driver');
    if (attr(driver, 'name') !== 'kvm') continue;
    ctx.report({ node: driver!, attribute: 'name', message: "legacy KVM device assignment no longer exists: use name='vfio' (or drop `<driver>`)", fix: { description: "write name='vfio'", edits: [setAttribute(driver!, 'name', 'vfio')] } });
  }
});

// D17
export const sgioFiltered = legacy('legacy-sgio', {
  summary: "`sgio='filtered'` on a disk or SCSI host device.",
  why: "No hypervisor supports `sgio` any more: libvirt parses `filtered` (the default behaviour) and ignores it. (`sgio='unfiltered'` cannot be honoured and is refused.)",
  example: {
    bad: domainDoc("    <disk type='block' device='lun' sgio='filtered'>\n      <source dev='/dev/sdb'/>\n      <target dev='sda' bus='scsi'/>\n    </disk>\n"),
    good: domainDoc("    <disk type='block' device='lun'>\n      <source dev='/dev/sdb'/>\n      <target dev='sda' bus='scsi'/>\n    </disk>\n"),
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainDiskDefParseXML',
}, true, (ctx) => {
  for (const dev of devicesOf(ctx, 'disk', 'hostdev')) {
    if (attr(dev, 'sgio') !== 'filtered') continue;
    ctx.report({ node: dev, attribute: 'sgio', message: "`sgio='filtered'` is ignored by every hypervisor today: remove it", fix: { description: 'remove sgio', edits: [removeAttribute(dev, attribute(dev, 'sgio'))] } });
  }
});

// D19
const STATE_FEATURES = ['hap', 'pmu', 'vmport', 'pvspinlock', 'vmcoreinfo', 'smm'];

export const featureWithoutState = legacy('legacy-feature-without-state', {
  summary: "A `<features>` switch (`<hap/>`, `<pmu/>`, `<vmport/>`, `<pvspinlock/>`, `<vmcoreinfo/>`, `<smm/>`) without `state`.",
  why: "These switches gained a `state='on'|'off'` attribute; the bare element still means on, and libvirt writes `state='on'`. The explicit state reads the same on every release and next to switched-off features.",
  example: {
    bad: domainDoc('', { top: '  <features>\n    <acpi/>\n    <vmcoreinfo/>\n  </features>\n' }),
    good: domainDoc('', { top: "  <features>\n    <acpi/>\n    <vmcoreinfo state='on'/>\n  </features>\n" }),
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainFeaturesDefParse',
}, true, (ctx) => {
  for (const f of children(child(ctx.document.root, 'features')).filter((el) => STATE_FEATURES.includes(el.local))) {
    if (attr(f, 'state') !== undefined) continue;
    ctx.report({ node: f, message: `\`<${f.local}/>\` without \`state\` means on: write state='on'`, fix: { description: "add state='on'", edits: [setAttribute(f, 'state', 'on', ctx.document)] } });
  }
});

// D20
export const consoleSclp = legacy('legacy-console-sclp', {
  summary: "An s390 `<console>` with target type `sclp` or `sclplm`.",
  why: "SCLP consoles are supported for compatibility only; the current form is a `<serial>` with `<target type='sclp-serial'>` and `<model name='sclpconsole'/>` (or `sclplmconsole`), with the console as its alias. libvirt does not convert it.",
  example: {
    bad: domainDoc("    <console type='pty'>\n      <target type='sclp' port='0'/>\n    </console>\n", { os: "    <type arch='s390x' machine='s390-ccw-virtio'>hvm</type>\n" }),
    good: domainDoc("    <serial type='pty'>\n      <target type='sclp-serial' port='0'>\n        <model name='sclpconsole'/>\n      </target>\n    </serial>\n    <console type='pty'>\n      <target type='serial' port='0'/>\n    </console>\n", { os: "    <type arch='s390x' machine='s390-ccw-virtio'>hvm</type>\n" }),
    config: { arch: 's390x' },
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainChrDefParseTargetXML',
}, false, (ctx) => {
  for (const c of devicesOf(ctx, 'console')) {
    const target = child(c, 'target');
    const type = attr(target, 'type');
    if (type !== 'sclp' && type !== 'sclplm') continue;
    ctx.report({ node: target!, attribute: 'type', message: `an '${type}' console is kept for compatibility: declare a \`<serial>\` with target type 'sclp-serial' and model '${type === 'sclp' ? 'sclpconsole' : 'sclplmconsole'}', and make the console type='serial'` });
  }
});

export const serialIsaNonX86 = legacy('legacy-serial-isa-non-x86', {
  summary: "A `<serial>` with target type `isa-serial` on an architecture without an ISA bus.",
  why: "Before libvirt had per-architecture serial targets, `isa-serial` was written everywhere; on pseries, ARM, RISC-V or s390 libvirt maps it to the platform's own serial device. Leaving the type out says the same.",
  example: {
    bad: domainDoc("    <serial type='pty'>\n      <target type='isa-serial' port='0'/>\n    </serial>\n", { os: "    <type arch='aarch64' machine='virt'>hvm</type>\n" }),
    good: domainDoc("    <serial type='pty'>\n      <target port='0'/>\n    </serial>\n", { os: "    <type arch='aarch64' machine='virt'>hvm</type>\n" }),
    config: { arch: 'aarch64' },
  },
  libvirtSource: 'src/qemu/qemu_postparse.c, qemuDomainChrDefPostParse',
}, true, (ctx) => {
  if (isX86(ctx.platform)) return;
  for (const s of devicesOf(ctx, 'serial')) {
    const target = child(s, 'target');
    if (attr(target, 'type') !== 'isa-serial') continue;
    const model = child(target, 'model');
    ctx.report({
      node: target!,
      attribute: 'type',
      message: `there is no ISA bus on ${ctx.platform.arch}: libvirt uses the platform's own serial device, so drop type='isa-serial'${model !== undefined ? ' and its <model>' : ''}`,
      ...(model === undefined ? { fix: { description: 'drop the target type', edits: [removeAttribute(target!, attribute(target!, 'type'))] } } : {}),
    });
  }
});

// D21
export const shmemWithoutModel = legacy('legacy-shmem-without-model', {
  summary: 'A `<shmem>` device without a `<model>`.',
  why: "Without a model libvirt picks the deprecated `ivshmem` device, which QEMU removed; libvirt 11.3.0 refuses it. `ivshmem-plain` is the same shared memory, `ivshmem-doorbell` the variant with an interrupt server (`<server>`).",
  limits: "A device with a server and a `<size>` (ivshmem-doorbell takes the size from the server and refuses one), or without a server but with `<msi>` (ivshmem-plain has no interrupts), is reported without a fix: its successor cannot say the same.",
  example: {
    bad: domainDoc("    <shmem name='shmem0'>\n      <size unit='M'>4</size>\n    </shmem>\n"),
    good: domainDoc("    <shmem name='shmem0'>\n      <model type='ivshmem-plain'/>\n      <size unit='M'>4</size>\n    </shmem>\n"),
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainShmemDefParseXML; src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefShmem',
}, true, (ctx) => {
  for (const shmem of devicesOf(ctx, 'shmem')) {
    if (child(shmem, 'model') !== undefined) continue;
    const server = child(shmem, 'server') !== undefined;
    const model = server ? 'ivshmem-doorbell' : 'ivshmem-plain';
    // ivshmem-doorbell takes its size from the server and refuses <size>; ivshmem-plain has no
    // interrupts and refuses <msi>. Dropping either would change what the old device did.
    const conflict = server ? child(shmem, 'size') : child(shmem, 'msi');
    if (conflict !== undefined) {
      ctx.report({ node: shmem, message: `a shmem device without \`<model>\` is the removed 'ivshmem' device; its successor '${model}' ${server ? 'takes the size from the server and refuses `<size>`' : 'has no interrupts and refuses `<msi>`'}: add \`<model type='${model}'/>\` and drop \`<${conflict.local}>\` if the guest does without it` });
      continue;
    }
    ctx.report({ node: shmem, message: `a shmem device without \`<model>\` is the removed 'ivshmem' device: add \`<model type='${model}'/>\``, fix: { description: `add <model type='${model}'/>`, edits: [insertChild(ctx.document, shmem, `<model type='${model}'/>`, { first: true })] } });
  }
});

// D22
export const spiceNoPorts = legacy('legacy-spice-no-ports', {
  summary: "SPICE graphics with `autoport='no'` and no port, standing for a display that listens nowhere.",
  why: "Old configurations expressed a SPICE server without a network listener (used with OpenGL or a local client) by giving no port with `autoport='no'`. libvirt turns it into `<listen type='none'/>`, the explicit form.",
  example: {
    bad: domainDoc("    <graphics type='spice' autoport='no'/>\n"),
    good: domainDoc("    <graphics type='spice' autoport='no'>\n      <listen type='none'/>\n    </graphics>\n"),
  },
  libvirtSource: 'src/conf/domain_postparse.c, virDomainPostParseGraphics',
}, true, (ctx) => {
  for (const g of devicesOf(ctx, 'graphics')) {
    if (attr(g, 'type') !== 'spice' || attr(g, 'autoport') !== 'no') continue;
    const port = attr(g, 'port');
    const tls = attr(g, 'tlsPort');
    if ((port !== undefined && port.trim() !== '0') || (tls !== undefined && tls.trim() !== '0')) continue;
    const listens = children(g, 'listen');
    if (listens.length > 0 && attr(listens[0], 'type') !== 'address') continue;
    const address = listens.length > 0 ? attr(listens[0], 'address') : attr(g, 'listen');
    ctx.report({
      node: g,
      message: `SPICE with autoport='no' and no port listens nowhere${address !== undefined ? ` (the address ${address} is not used)` : ''}: say so with \`<listen type='none'/>\``,
      ...(listens.length === 0 && address === undefined ? { fix: { description: "add <listen type='none'/>", edits: [insertChild(ctx.document, g, "<listen type='none'/>")] } } : {}),
    });
  }
});

export const vncGeneratedSocket = legacy('legacy-vnc-generated-socket', {
  summary: "A VNC socket under libvirt's own state directory, as old libvirt generated with `vnc_auto_unix_socket`.",
  why: "libvirt generated such sockets itself when qemu.conf asked for it, and old releases saved them in the definition. Current libvirt drops a socket under its directory and generates one on start when qemu.conf still asks for it, or listens on an address otherwise.",
  example: {
    bad: domainDoc("    <graphics type='vnc'>\n      <listen type='socket' socket='/var/lib/libvirt/qemu/domain-1-web01/vnc.sock'/>\n    </graphics>\n"),
    good: domainDoc("    <graphics type='vnc'>\n      <listen type='socket'/>\n    </graphics>\n"),
  },
  libvirtSource: 'src/qemu/qemu_postparse.c, qemuDomainRecheckInternalPaths',
  limits: "What replaces it depends on the host's qemu.conf, so there is no automatic rewrite; only libvirt's default directory is recognised.",
}, false, (ctx) => {
  for (const g of devicesOf(ctx, 'graphics')) {
    if (attr(g, 'type') !== 'vnc') continue;
    const candidates: [XmlElement, string][] = [[g, 'socket'], ...children(g, 'listen').filter((l) => attr(l, 'type') === 'socket').map((l): [XmlElement, string] => [l, 'socket'])];
    for (const [el, name] of candidates) {
      const socket = attr(el, name);
      if (socket === undefined || !isGeneratedVncSocket(socket)) continue;
      ctx.report({ node: el, attribute: name, message: `${socket} is a socket libvirt generated in its own directory; it is dropped on define: leave the socket path out (\`<listen type='socket'/>\` lets libvirt choose one)` });
    }
  }
});

// D24
export const acpiTableSlic = legacy('legacy-acpi-table-slic', {
  summary: "A Xen guest's `<acpi><table type='slic'>`.",
  why: "For Xen, libvirt has passed `type='slic'` tables as raw tables since 5.9.0; libvirt 11.2.0 added `type='rawset'`, the name of what Xen does with them. The rewrite needs a grammar that knows `rawset` (libvirt 11.2.0 or later).",
  example: {
    bad: domainDoc('', { type: 'xen', os: "    <type arch='x86_64' machine='xenfv'>hvm</type>\n    <acpi>\n      <table type='slic'>/path/to/slic.dat</table>\n    </acpi>\n" }),
    good: domainDoc('', { type: 'xen', os: "    <type arch='x86_64' machine='xenfv'>hvm</type>\n    <acpi>\n      <table type='rawset'>/path/to/slic.dat</table>\n    </acpi>\n" }),
  },
  libvirtSource: 'src/libxl/libxl_domain.c, libxlDomainDefValidate',
}, true, (ctx) => {
  if (attr(ctx.document.root, 'type') !== 'xen') return;
  for (const table of children(child(child(ctx.document.root, 'os'), 'acpi'), 'table')) {
    if (attr(table, 'type') !== 'slic') continue;
    ctx.report({ node: table, attribute: 'type', message: "for Xen a 'slic' table is passed as a raw table: write type='rawset'", fix: { description: "write type='rawset'", edits: [setAttribute(table, 'type', 'rawset')] } });
  }
});

// D25
export const emptySourceFile = legacy('legacy-empty-source-file', {
  summary: "A disk `<source file=''/>` (or `dev=''`): an empty path standing for no medium.",
  why: "Some tools wrote an empty path for a CD-ROM without media; libvirt treats it as no source. An empty drive is written without `<source>`.",
  example: {
    bad: domainDoc("    <disk type='file' device='cdrom'>\n      <source file=''/>\n      <target dev='sda' bus='sata'/>\n      <readonly/>\n    </disk>\n"),
    good: domainDoc("    <disk type='file' device='cdrom'>\n      <target dev='sda' bus='sata'/>\n      <readonly/>\n    </disk>\n"),
  },
  libvirtSource: 'src/conf/domain_conf.c, virDomainStorageSourceParse',
}, true, (ctx) => {
  for (const disk of devicesOf(ctx, 'disk')) {
    const source = child(disk, 'source');
    if (source === undefined) continue;
    const name = ['file', 'dev'].find((n) => attr(source, n) === '');
    if (name === undefined) continue;
    const alone = source.attributes.length === 1 && source.children.every((c) => c.kind === 'text' && c.value.trim() === '');
    ctx.report({
      node: source,
      attribute: name,
      message: `an empty \`${name}\` means no medium: leave \`<source>\` out`,
      ...(alone ? { fix: { description: 'remove the empty <source>', edits: [removeElement(ctx.document, source)] } } : {}),
    });
  }
});

export const LEGACY_DOMAIN_RULES = [
  graphicsListenAttribute, memoryUnit, consoleWithoutSerial, channelAutoPath, firmwareManualPaths, diskAuthPlacement,
  seclabelWithoutModel, graphicsAutoport, diskDriverAio, diskTargetIoemu, qemuCommandlineSet, iscsiIqnWithoutLun,
  hostdevDriverKvm, sgioFiltered, featureWithoutState, consoleSclp, serialIsaNonX86, shmemWithoutModel, spiceNoPorts,
  vncGeneratedSocket, acpiTableSlic, emptySourceFile,
] as const;
