/**
 * Character devices and their host side: serial ports, consoles, parallel ports, channels, and
 * the chardev sources of USB redirection, smartcard passthrough and EGD random number backends.
 * The source a device type needs, reconnection of sockets, TCP protocols QEMU lacks, and the
 * serial port models and parallel ports a platform has.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule, GuestPlatform, RuleContext } from '../../../types.js';
import { domainXml } from './examples.js';
import { attr, checkedSince, child, children, devices, isQemuDomain, isS390, isX86, machineIs, machineLabel } from './util.js';

/** A character device as libvirt validates it: the element that carries its `type` and its first `<source>`. */
export interface Chardev {
  readonly element: XmlElement;
  /** `serial`, `console`, `parallel`, `channel`, `redirdev`, `smartcard` or `rng`. */
  readonly kind: string;
  /** The host side type (`pty`, `unix`, `tcp`, …). */
  readonly type: string;
  readonly source: XmlElement | undefined;
  readonly sources: readonly XmlElement[];
}

function osType(ctx: RuleContext<'domain'>): string | undefined {
  const os = child(ctx.document.root, 'os');
  const t = child(os, 'type');
  if (t === undefined) return undefined;
  let s = '';
  for (const c of t.children) if (c.kind === 'text') s += c.value;
  return s.trim();
}

/**
 * The character devices libvirt validates. The first `<console>` of an HVM guest that has a
 * `<serial>` is left out: libvirt makes it an alias of the first serial port (or drops it when its
 * source differs), so the serial port is what gets checked.
 */
export function chardevs(ctx: RuleContext<'domain'>): Chardev[] {
  const out: Chardev[] = [];
  const add = (element: XmlElement, kind: string, type: string | undefined): void => {
    const sources = children(element, 'source');
    out.push({ element, kind, type: type ?? 'pty', source: sources[0], sources });
  };
  const serials = devices(ctx, 'serial');
  for (const el of serials) add(el, 'serial', attr(el, 'type'));
  const hvm = osType(ctx) === 'hvm';
  devices(ctx, 'console').forEach((el, i) => {
    const targetType = attr(child(el, 'target'), 'type');
    if (i === 0 && hvm && serials.length > 0 && (targetType === undefined || targetType === 'serial')) return;
    add(el, 'console', attr(el, 'type'));
  });
  for (const el of devices(ctx, 'parallel')) add(el, 'parallel', attr(el, 'type'));
  for (const el of devices(ctx, 'channel')) add(el, 'channel', attr(el, 'type'));
  for (const el of devices(ctx, 'redirdev')) {
    const type = attr(el, 'type');
    if (type !== undefined) add(el, 'redirdev', type);
  }
  for (const el of devices(ctx, 'smartcard')) {
    const type = attr(el, 'type');
    if (attr(el, 'mode') === 'passthrough' && type !== undefined) add(el, 'smartcard', type);
  }
  for (const rng of devices(ctx, 'rng')) {
    const backend = child(rng, 'backend');
    const type = attr(backend, 'type');
    if (backend !== undefined && attr(backend, 'model') === 'egd' && type !== undefined) add(backend, 'rng', type);
  }
  return out;
}

function describe(c: Chardev): string {
  switch (c.kind) {
    case 'rng':
      return 'the EGD backend of this <rng>';
    case 'smartcard':
      return 'this passthrough <smartcard>';
    default:
      return `this <${c.kind}>`;
  }
}

/** The target type of a `<channel>`. */
function channelTargetType(c: Chardev): string | undefined {
  return c.kind === 'channel' ? attr(child(c.element, 'target'), 'type') : undefined;
}

const SERIAL_CHANNEL_NAME = /^[A-Za-z0-9_.-]*$/;

// ---------------------------------------------------------------------------------------------

export const chardevSourceIncomplete: DocumentRule<'domain'> = {
  meta: {
    id: 'chardev-source-incomplete',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A character device's `<source>` lacks what its type needs: a path for file, dev, pipe and unix, host and service for tcp, a service for udp, a channel name for spiceport and dbus.",
      why: "libvirt refuses to define the domain: it cannot open the host side of the device. Only a virtio or Xen `<channel>` of type 'unix' may leave the path to libvirt.",
      example: {
        bad: domainXml({ devices: ["<serial type='unix'>", "  <target type='isa-serial' port='0'/>", '</serial>'] }),
        good: domainXml({ devices: ["<serial type='unix'>", "  <source mode='bind' path='/var/lib/libvirt/qemu/demo-serial.sock'/>", "  <target type='isa-serial' port='0'/>", '</serial>'] }),
      },
      libvirtMessage: 'internal error: Missing source path attribute for char device',
      libvirtSource: 'src/conf/domain_validate.c, virDomainChrSourceDefValidate',
    },
  },
  check(ctx) {
    for (const c of chardevs(ctx)) {
      const at = c.source ?? c.element;
      const missing = (what: string, fix: string): void => ctx.report({ node: at, message: `${describe(c)} of type '${c.type}' has no ${what}: ${fix}` });
      switch (c.type) {
        case 'file':
        case 'dev':
        case 'pipe':
          if (attr(c.source, 'path') === undefined) missing('source path', "add <source path='…'/>");
          break;
        case 'unix': {
          const target = channelTargetType(c);
          if (attr(c.source, 'path') === undefined && target !== 'virtio' && target !== 'xen') {
            missing('socket path', "add <source mode='bind' path='…'/> (only virtio and Xen channels get a generated path)");
          }
          break;
        }
        case 'tcp':
          if (attr(c.source, 'host') === undefined) missing('host', "add the host attribute to <source> (e.g. host='127.0.0.1')");
          else if (attr(c.source, 'service') === undefined) missing('service (port)', "add the service attribute to <source> (e.g. service='4555')");
          break;
        case 'udp': {
          const connect = c.sources.find((s) => (attr(s, 'mode') ?? 'connect') === 'connect');
          if (attr(connect, 'service') === undefined) missing('service to send to', "add a <source mode='connect' service='…'/>");
          break;
        }
        case 'spiceport':
        case 'dbus': {
          const channel = attr(c.source, 'channel');
          // A D-Bus USB redirection without a channel gets libvirt's default one.
          if (channel === undefined && c.kind === 'redirdev' && c.type === 'dbus') break;
          if (channel === undefined) missing('channel name', "add <source channel='…'/>");
          else if (!SERIAL_CHANNEL_NAME.test(channel)) {
            ctx.report({ node: c.source!, attribute: 'channel', message: `the channel name '${channel}' may hold only letters, digits, '_', '-' and '.'` });
          }
          break;
        }
        case 'nmdm': {
          const master = attr(c.source, 'master');
          const slave = attr(c.source, 'slave');
          if ((master === undefined) !== (slave === undefined)) ctx.report({ node: at, message: `${describe(c)} of type 'nmdm' needs both the master and the slave device paths, or neither` });
          break;
        }
        default:
          break;
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------

/** The directories where the QEMU driver generates channel sockets (system daemon), present and past. */
const GENERATED_SOCKET_DIRS = ['/run/libvirt/qemu/channel', '/var/lib/libvirt/qemu/channel', '/etc/libvirt/qemu/channel'];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `path` is one the QEMU driver generates for the virtio channel `name` (and therefore drops, to generate it again). */
function isGeneratedChannelPath(path: string, name: string): boolean {
  return GENERATED_SOCKET_DIRS.some((dir) => new RegExp(`^${escapeRegExp(dir)}/(target/)?(([^/]+\\.)|(domain-[^/]+/)|([0-9]+-[^/]+/))${escapeRegExp(name)}$`).test(path));
}

export const chardevReconnect: DocumentRule<'domain'> = {
  meta: {
    id: 'chardev-reconnect',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A socket `<reconnect>` that cannot work: on a listening socket, or (QEMU) with a timeout of 0 or none.',
      why: 'libvirt refuses to define the domain: only the connecting side of a socket can reconnect, and QEMU needs a timeout of at least one second between attempts. A unix socket with no path, or with the path libvirt generates for a virtio channel, is created by libvirt and therefore listens.',
      example: {
        bad: domainXml({ devices: ["<channel type='tcp'>", "  <source mode='connect' host='localhost' service='1234'>", "    <reconnect enabled='yes' timeout='0'/>", '  </source>', "  <target type='virtio' name='org.example.agent'/>", '</channel>'] }),
        good: domainXml({ devices: ["<channel type='tcp'>", "  <source mode='connect' host='localhost' service='1234'>", "    <reconnect enabled='yes' timeout='10'/>", '  </source>', "  <target type='virtio' name='org.example.agent'/>", '</channel>'] }),
      },
      libvirtMessage: "invalid argument: chardev reconnect source timeout cannot be '0'",
      libvirtSource: 'src/conf/domain_validate.c, virDomainChrSourceDefValidate; src/qemu/qemu_validate.c, qemuValidateDomainChrSourceReconnectDef; src/qemu/qemu_postparse.c, qemuDomainChrDefPostParse',
      limits: "A path counts as generated when it lies in the system daemon's channel directories (/run/libvirt/qemu/channel and its older locations); a session daemon's own directory is not recognised.",
    },
  },
  check(ctx) {
    const qemu = isQemuDomain(ctx.platform);
    for (const c of chardevs(ctx)) {
      if ((c.type !== 'tcp' && c.type !== 'unix') || c.source === undefined) continue;
      const reconnect = child(c.source, 'reconnect');
      if (reconnect === undefined || attr(reconnect, 'enabled') !== 'yes') continue;
      const mode = attr(c.source, 'mode') ?? 'connect';
      const path = attr(c.source, 'path');
      let listens: string | undefined;
      if (mode === 'bind') listens = "the source listens (mode='bind')";
      else if (qemu && c.type === 'unix' && path === undefined) listens = 'without a path libvirt creates the socket, which then listens';
      else if (qemu && c.type === 'unix' && path !== undefined && channelTargetType(c) === 'virtio') {
        const name = attr(child(c.element, 'target'), 'name');
        if (name !== undefined && isGeneratedChannelPath(path, name)) listens = `the path is the one libvirt generates for this channel, so libvirt creates the socket again and listens on it`;
      }
      if (listens !== undefined) {
        ctx.report({ node: reconnect, message: `only a connecting socket can reconnect, and ${listens}: remove <reconnect>, or connect to a socket another process listens on` });
        continue;
      }
      if (!qemu) continue;
      const timeout = attr(reconnect, 'timeout');
      if (timeout === undefined) {
        ctx.report({ node: reconnect, message: "reconnect enabled='yes' needs a timeout (seconds between attempts): add e.g. timeout='10'" });
      } else if (/^\s*\+?0+\s*$/.test(timeout)) {
        ctx.report({ node: reconnect, attribute: 'timeout', message: 'a reconnect timeout of 0 seconds is refused: give the seconds between attempts (at least 1)' });
      }
    }
    if (!qemu) return;
    for (const iface of devices(ctx, 'interface')) {
      if (attr(iface, 'type') !== 'vhostuser') continue;
      const source = child(iface, 'source');
      const reconnect = child(source, 'reconnect');
      if (attr(source, 'mode') === 'server' && attr(reconnect, 'enabled') === 'yes') {
        ctx.report({ node: reconnect!, message: "a vhost-user interface in mode='server' listens and cannot reconnect: remove <reconnect> or use mode='client'" });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------

export const chardevTcpProtocol: DocumentRule<'domain'> = {
  meta: {
    id: 'chardev-tcp-protocol',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A TCP character device uses `<protocol type='telnets'>` or `'tls'`, which QEMU does not provide.",
      why: "libvirt's QEMU driver refuses the domain: QEMU's TCP chardevs speak raw or telnet only. TLS is switched on with `<source tls='yes'>` and the certificates of qemu.conf.",
      example: {
        bad: domainXml({ devices: ["<serial type='tcp'>", "  <source mode='connect' host='127.0.0.1' service='9999'/>", "  <protocol type='telnets'/>", "  <target port='0'/>", '</serial>'] }),
        good: domainXml({ devices: ["<serial type='tcp'>", "  <source mode='connect' host='127.0.0.1' service='9999' tls='yes'/>", "  <protocol type='raw'/>", "  <target port='0'/>", '</serial>'] }),
      },
      libvirtMessage: "unsupported configuration: tcp chardev protocol 'tls' not supported",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainChrSourceDef',
      limits: 'Reported when a configured release is newer than 9.0.0, which still defines such devices.',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform) || !checkedSince(ctx, '11.3.0')) return;
    for (const c of chardevs(ctx)) {
      if (c.type !== 'tcp') continue;
      const protocol = child(c.element, 'protocol');
      const type = attr(protocol, 'type');
      if (type === 'telnets' || type === 'tls') {
        ctx.report({ node: protocol!, attribute: 'type', message: `QEMU's TCP character devices do not speak '${type}': use type='raw' (or 'telnet') and <source tls='yes'> for an encrypted connection` });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------

export const chardevSpiceWithoutGraphics: DocumentRule<'domain'> = {
  meta: {
    id: 'chardev-spice-without-graphics',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A 'spicevmc' or 'spiceport' character device in a domain without SPICE graphics.",
      why: "libvirt's QEMU driver refuses the domain: these devices are carried by the SPICE connection, which exists only with `<graphics type='spice'>`.",
      example: {
        bad: domainXml({ devices: ["<channel type='spicevmc'>", "  <target type='virtio' name='com.redhat.spice.0'/>", '</channel>'] }),
        good: domainXml({ devices: ["<channel type='spicevmc'>", "  <target type='virtio' name='com.redhat.spice.0'/>", '</channel>', "<graphics type='spice' autoport='yes'/>"] }),
      },
      libvirtMessage: "unsupported configuration: chardev 'spicevmc' not supported without spice graphics",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainChrSourceDef',
      limits: 'Reported when a configured release is 9.0.0 or newer: 7.0.0 defines such devices.',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform) || !checkedSince(ctx, '9.0.0')) return;
    if (devices(ctx, 'graphics').some((g) => attr(g, 'type') === 'spice')) return;
    for (const c of chardevs(ctx)) {
      if (c.type !== 'spicevmc' && c.type !== 'spiceport') continue;
      ctx.report({ node: c.element, attribute: 'type', message: `a '${c.type}' character device needs SPICE graphics, and this domain has none: add <graphics type='spice'/> or use another type` });
    }
  },
};

// ---------------------------------------------------------------------------------------------

/** The target type each serial target model belongs to. */
const MODEL_TYPE: Readonly<Record<string, string>> = {
  'isa-serial': 'isa-serial',
  'usb-serial': 'usb-serial',
  'pci-serial': 'pci-serial',
  'spapr-vty': 'spapr-vio-serial',
  pl011: 'system-serial',
  '16550a': 'system-serial',
  sclpconsole: 'sclp-serial',
  sclplmconsole: 'sclp-serial',
  'isa-debugcon': 'isa-debug',
};

/**
 * The serial target type the QEMU driver uses: the one written (`isa-serial` counts as unset, as
 * libvirt maps it to the default), else the platform's default. Undefined when it cannot be told.
 */
function serialTargetType(written: string | undefined, p: GuestPlatform): string | undefined {
  if (written !== undefined && written !== 'isa-serial') return written;
  if (isX86(p.arch)) return 'isa-serial';
  const pseries = machineIs(p, 'pseries');
  if (pseries === true) return 'spapr-vio-serial';
  const virt = [machineIs(p, 'arm-virt'), machineIs(p, 'loongarch-virt'), machineIs(p, 'riscv-virt')];
  if (virt.includes(true)) return 'system-serial';
  if (pseries === undefined || virt.includes(undefined)) return undefined;
  if (isS390(p.arch)) return 'sclp-serial';
  return undefined;
}

export const serialTargetPlatform: DocumentRule<'domain'> = {
  meta: {
    id: 'serial-target-platform',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A serial port's target type or model does not exist on the guest's platform, or the model belongs to another target type.",
      why: "libvirt's QEMU driver refuses the domain: 'pl011' is the UART of ARM virt machines, '16550a' the system UART of RISC-V and LoongArch virt machines, 'spapr-vio-serial' the console of pSeries machines and 'sclp-serial' that of s390; and each model goes with one target type.",
      example: {
        bad: domainXml({ devices: ["<serial type='pty'>", "  <target type='system-serial'>", "    <model name='pl011'/>", '  </target>', '</serial>'] }),
        good: domainXml({ devices: ["<serial type='pty'>", "  <target type='isa-serial'>", "    <model name='isa-serial'/>", '  </target>', '</serial>'] }),
      },
      libvirtMessage: "unsupported configuration: Serial device with target type 'system-serial' and target model 'pl011' not compatible with guest architecture or machine type",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainChrDef and qemuValidateDomainChrTargetDef; src/qemu/qemu_postparse.c, qemuDomainChrDefPostParse',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const p = ctx.platform;
    for (const serial of devices(ctx, 'serial')) {
      const target = child(serial, 'target');
      const modelEl = child(target, 'model');
      const writtenType = attr(target, 'type');
      const model = attr(modelEl, 'name');
      const type = serialTargetType(writtenType, p);
      if (model !== undefined && type !== undefined && MODEL_TYPE[model] !== undefined && MODEL_TYPE[model] !== type) {
        ctx.report({
          node: modelEl!,
          attribute: 'name',
          message: `target model '${model}' belongs to target type '${MODEL_TYPE[model]}', but this serial port's target type is '${type}'${writtenType === undefined ? ` (the default of ${machineLabel(p)})` : ''}: make them match`,
        });
        continue;
      }
      const at = model !== undefined ? { node: modelEl!, attribute: 'name' } : { node: target ?? serial, ...(writtenType !== undefined ? { attribute: 'type' } : {}) };
      const incompatible = (what: string, needs: string): void => ctx.report({ ...at, message: `${what} is ${needs}, and this guest is ${p.arch} on ${machineLabel(p)}: use the serial port of the guest's platform (or leave the target out for the default)` });
      if (type === 'system-serial' && model === 'pl011' && machineIs(p, 'arm-virt') === false) incompatible("the 'pl011' UART", 'only on ARM virt machines');
      else if (type === 'system-serial' && model === '16550a' && machineIs(p, 'riscv-virt') === false && machineIs(p, 'loongarch-virt') === false) incompatible("the '16550a' system UART", 'only on RISC-V and LoongArch virt machines');
      else if ((type === 'spapr-vio-serial' || model === 'spapr-vty') && machineIs(p, 'pseries') === false) incompatible('a spapr-vio serial port', 'only on pSeries machines');
      else if ((type === 'sclp-serial' || model === 'sclpconsole' || model === 'sclplmconsole') && !isS390(p.arch)) incompatible('an SCLP console', 'only on s390');
    }
  },
};

// ---------------------------------------------------------------------------------------------

export const parallelUnsupported: DocumentRule<'domain'> = {
  meta: {
    id: 'parallel-unsupported',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A `<parallel>` port on an s390 or pSeries guest.',
      why: "libvirt's QEMU driver refuses the domain: these platforms have no parallel port.",
      example: {
        config: { arch: 's390x' },
        bad: domainXml({ arch: 's390x', devices: ["<console type='pty'>", "  <target type='virtio' port='0'/>", '</console>', "<parallel type='pty'/>"] }),
        good: domainXml({ arch: 's390x', devices: ["<console type='pty'>", "  <target type='virtio' port='0'/>", '</console>'] }),
      },
      libvirtMessage: 'unsupported configuration: parallel ports are not supported',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainChrDef',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const p = ctx.platform;
    const s390 = isS390(p.arch);
    if (!s390 && machineIs(p, 'pseries') !== true) return;
    for (const parallel of devices(ctx, 'parallel')) {
      ctx.report({ node: parallel, message: `${s390 ? `${p.arch} guests` : `${machineLabel(p)}`} have no parallel port: remove <parallel> (use a <serial> or a virtio <console> instead)` });
    }
  },
};

export const consoleTargetQemu: DocumentRule<'domain'> = {
  meta: {
    id: 'console-target-qemu',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A `<console>` whose target type belongs to another hypervisor (xen, lxc, openvz, uml) in a QEMU domain.",
      why: "libvirt's QEMU driver refuses the domain: a QEMU guest's console is a serial port, a virtio console or (on s390) an SCLP console.",
      example: {
        bad: domainXml({ devices: ["<console type='pty'>", "  <target type='xen' port='0'/>", '</console>'] }),
        good: domainXml({ devices: ["<console type='pty'>", "  <target type='virtio' port='0'/>", '</console>'] }),
      },
      libvirtMessage: 'unsupported configuration: unsupported console target type xen',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDefConsole',
      limits: "SCLP consoles are left alone: whether the QEMU binary has them is a matter of its capabilities (s390 binaries do).",
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const console of devices(ctx, 'console')) {
      const target = child(console, 'target');
      const type = attr(target, 'type');
      if (type === 'xen' || type === 'lxc' || type === 'openvz' || type === 'uml') {
        ctx.report({ node: target!, attribute: 'type', message: `a '${type}' console belongs to another hypervisor: use target type 'serial' or 'virtio'` });
      }
    }
  },
};

export const CHARDEV_RULES = [consoleTargetQemu, chardevSourceIncomplete, chardevReconnect, chardevTcpProtocol, chardevSpiceWithoutGraphics, serialTargetPlatform, parallelUnsupported];
