/**
 * Network interfaces: backends and their interface types (custom tap devices, passt, port
 * forwarding), shared memory for vhost-user, virtio queue sizes and models, and multiqueue.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import { removeElement } from '../../../fix.js';
import type { DocumentRule, RuleContext } from '../../../types.js';
import { releasesOf } from '../../hygiene/releases.js';
import { domainXml } from './examples.js';
import { attr, checkedSince, child, children, devices, isQemuDomain } from './util.js';

/** `interface@type`, `user` when absent (libvirt's default). */
function ifaceType(iface: XmlElement): string {
  return attr(iface, 'type') ?? 'user';
}

function mac(iface: XmlElement): string {
  const address = attr(child(iface, 'mac'), 'address');
  return address === undefined ? 'this interface' : `interface ${address}`;
}

const VIRTIO_MODELS = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional']);

/**
 * Whether the interface's model is virtio as the QEMU driver sees it: the model written, else
 * virtio for vhostuser and vdpa interfaces. Undefined when no model is written and the default
 * depends on the platform and the QEMU binary.
 */
function isVirtio(iface: XmlElement): boolean | undefined {
  const model = attr(child(iface, 'model'), 'type');
  if (model !== undefined) return VIRTIO_MODELS.has(model);
  const type = ifaceType(iface);
  return type === 'vhostuser' || type === 'vdpa' ? true : undefined;
}

const TAP_TYPES = new Set(['network', 'bridge', 'ethernet']);
const MULTIQUEUE_TYPES = new Set(['network', 'bridge', 'direct', 'ethernet', 'vhostuser', 'vdpa']);

export const interfaceBackendType: DocumentRule<'domain'> = {
  meta: {
    id: 'interface-backend-type',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "An interface option its type has no use for: `<backend tap>` on anything but network, bridge and ethernet interfaces, `<driver queues>` on types without multiqueue, `<backend type='passt'>` on anything but user and vhostuser interfaces.",
      why: "A custom tap device and multiqueue only exist where libvirt opens a tap (or macvtap) device for QEMU, so the QEMU driver refuses to start the domain; passt is a user-mode network backend, and libvirt refuses to define other interfaces with it.",
      example: {
        bad: domainXml({
          devices: ["<interface type='hostdev' managed='yes'>", "  <mac address='52:54:00:6d:90:02'/>", '  <source>', "    <address type='pci' domain='0x0000' bus='0x06' slot='0x12' function='0x1'/>", '  </source>', "  <backend tap='/dev/mytap'/>", '</interface>'],
        }),
        good: domainXml({
          devices: ["<interface type='hostdev' managed='yes'>", "  <mac address='52:54:00:6d:90:02'/>", '  <source>', "    <address type='pci' domain='0x0000' bus='0x06' slot='0x12' function='0x1'/>", '  </source>', '</interface>'],
        }),
      },
      libvirtMessage: 'unsupported configuration: interface 00:11:22:33:44:55 - custom tap device path is not supported for network interfaces of type hostdev',
      libvirtSource: 'src/qemu/qemu_domain.c, qemuDomainValidateActualNetDef (at start); src/conf/domain_validate.c, virDomainNetDefValidate',
      limits: "For `type='network'` the checks apply to the network's forward mode, which lint does not know; such interfaces are not judged. Multiqueue is judged when a configured release is newer than 9.0.0 (7.0.0 accepted it on user interfaces).",
    },
  },
  check(ctx) {
    const qemu = isQemuDomain(ctx.platform);
    for (const iface of devices(ctx, 'interface')) {
      const type = ifaceType(iface);
      const backend = child(iface, 'backend');
      if (attr(backend, 'type') === 'passt' && type !== 'user' && type !== 'vhostuser') {
        ctx.report({ node: backend!, attribute: 'type', message: `the passt backend serves user and vhostuser interfaces only, not type '${type}': remove type='passt' or change the interface type` });
      }
      if (!qemu || type === 'network') continue;
      if (attr(backend, 'tap') !== undefined && !TAP_TYPES.has(type)) {
        ctx.report({ node: backend!, attribute: 'tap', message: `${mac(iface)} is of type '${type}', which uses no tap device: remove the tap attribute` });
      }
      const driver = child(iface, 'driver');
      const queues = attr(driver, 'queues');
      if (checkedSince(ctx, '11.3.0') && type !== 'hostdev' && queues !== undefined && /^\s*\d+\s*$/.test(queues) && Number(queues) > 0 && !MULTIQUEUE_TYPES.has(type)) {
        ctx.report({ node: driver!, attribute: 'queues', message: `${mac(iface)} is of type '${type}', which has no multiqueue support: remove the queues attribute` });
      }
    }
  },
};

export const interfacePortForward: DocumentRule<'domain'> = {
  meta: {
    id: 'interface-port-forward',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<portForward>` on an interface that does not use the passt backend.",
      why: "libvirt refuses the domain: port forwarding is done by passt, so it needs `<backend type='passt'>` on a user or vhostuser interface.",
      example: {
        bad: domainXml({ body: ['<memoryBacking>', "  <access mode='shared'/>", '</memoryBacking>'], devices: ["<interface type='vhostuser'>", "  <portForward proto='tcp'>", "    <range start='2022' to='22'/>", '  </portForward>', "  <model type='virtio'/>", '</interface>'] }),
        good: domainXml({ body: ['<memoryBacking>', "  <access mode='shared'/>", '</memoryBacking>'], devices: ["<interface type='vhostuser'>", "  <portForward proto='tcp'>", "    <range start='2022' to='22'/>", '  </portForward>', "  <model type='virtio'/>", "  <backend type='passt'/>", '</interface>'] }),
      },
      libvirtMessage: "unsupported configuration: The <portForward> element can only be used with the 'passt' backend of interface type='user' or type='vhostuser'",
      libvirtSource: 'src/conf/domain_validate.c, virDomainNetDefValidate',
      limits: "A QEMU user interface that names no backend is not judged: libvirt picks passt for it when the QEMU binary lacks the built-in SLIRP stack. Reported when a configured release is newer than 9.0.0, which ignores `<portForward>`.",
    },
  },
  check(ctx) {
    if (!checkedSince(ctx, '11.3.0')) return;
    const qemu = isQemuDomain(ctx.platform);
    for (const iface of devices(ctx, 'interface')) {
      const forward = child(iface, 'portForward');
      if (forward === undefined) continue;
      const type = ifaceType(iface);
      const backendType = attr(child(iface, 'backend'), 'type');
      if (backendType === 'passt' && (type === 'user' || type === 'vhostuser')) continue;
      if (qemu && type === 'user' && backendType === undefined) continue;
      const why = type !== 'user' && type !== 'vhostuser' ? `an interface of type '${type}' has no passt backend` : "the interface does not use <backend type='passt'>";
      ctx.report({ node: forward, message: `port forwarding is done by passt, and ${why}: add <backend type='passt'> to a user or vhostuser interface, or remove <portForward>` });
    }
  },
};

/**
 * Why the guest's memory is not shared as vhost-user needs it, or undefined when it is: without
 * NUMA cells `<memoryBacking><access mode='shared'/>`; with cells, each cell shared by its own
 * `memAccess` or by the domain-wide setting (a cell with memAccess='private' never is).
 */
export function unsharedMemory(ctx: RuleContext<'domain'>): string | undefined {
  const root = ctx.document.root;
  const shared = attr(child(child(root, 'memoryBacking'), 'access'), 'mode') === 'shared';
  const cells = children(child(child(root, 'cpu'), 'numa'), 'cell');
  if (cells.length === 0) return shared ? undefined : "the guest's memory is not shared (add <memoryBacking><access mode='shared'/></memoryBacking>)";
  for (const cell of cells) {
    const access = attr(cell, 'memAccess');
    if (access === 'private') return `NUMA cell ${attr(cell, 'id') ?? ''} has memAccess='private' (make it 'shared')`;
    if (access === undefined && !shared) return `NUMA cell ${attr(cell, 'id') ?? ''} does not share its memory (set memAccess='shared' on each cell, or <memoryBacking><access mode='shared'/></memoryBacking>)`;
  }
  return undefined;
}

export const vhostUserSharedMemory: DocumentRule<'domain'> = {
  meta: {
    id: 'vhost-user-shared-memory',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A vhost-user interface or disk, a vhost-vdpa disk or a virtiofs filesystem in a domain whose memory is not shared.',
      why: "libvirt's QEMU driver refuses the domain: the vhost-user backend process (virtiofsd for a filesystem) reads and writes the guest's memory directly, so the memory must be shared, for the whole domain or for every NUMA cell.",
      example: {
        bad: domainXml({ devices: ["<interface type='vhostuser'>", "  <source type='unix' path='/run/vhost-user0.sock' mode='client'/>", "  <model type='virtio'/>", '</interface>'] }),
        good: domainXml({
          body: ['<memoryBacking>', "  <source type='memfd'/>", "  <access mode='shared'/>", '</memoryBacking>'],
          devices: ["<interface type='vhostuser'>", "  <source type='unix' path='/run/vhost-user0.sock' mode='client'/>", "  <model type='virtio'/>", '</interface>'],
        }),
      },
      libvirtMessage: "unsupported configuration: 'interface' requires shared memory",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDefVhostUserRequireSharedMemory',
      limits: 'Interfaces are judged when a configured release is newer than 9.0.0, which asks shared memory of vhost-user disks only.',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const users: XmlElement[] = [
      ...(checkedSince(ctx, '11.3.0') ? devices(ctx, 'interface').filter((i) => ifaceType(i) === 'vhostuser') : []),
      ...devices(ctx, 'disk').filter((d) => attr(d, 'type') === 'vhostuser' || attr(d, 'type') === 'vhostvdpa'),
      ...devices(ctx, 'filesystem').filter((f) => attr(child(f, 'driver'), 'type') === 'virtiofs'),
    ];
    if (users.length === 0) return;
    const why = unsharedMemory(ctx);
    if (why === undefined) return;
    for (const el of users) {
      const what = el.local === 'interface' ? 'a vhost-user interface' : el.local === 'filesystem' ? 'a virtiofs filesystem' : `a ${attr(el, 'type') === 'vhostvdpa' ? 'vhost-vdpa' : 'vhost-user'} disk`;
      const at = el.local === 'filesystem' ? { node: child(el, 'driver')!, attribute: 'type' } : { node: el, attribute: 'type' };
      ctx.report({ ...at, message: `${what} needs the guest's memory shared with its backend, but ${why}` });
    }
  },
};

function isPowerOfTwo(n: bigint): boolean {
  return n > 0n && (n & (n - 1n)) === 0n;
}

export const interfaceVirtioOptions: DocumentRule<'domain'> = {
  meta: {
    id: 'interface-virtio-options',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A virtio interface's `rx_queue_size` or `tx_queue_size` is not a power of two, or a vhostuser or vdpa interface has a model other than virtio.",
      why: "libvirt's QEMU driver refuses the domain: virtio rings have a power-of-two number of entries, and vhost-user and vDPA backends speak virtio only.",
      example: {
        bad: domainXml({ devices: ["<interface type='network'>", "  <source network='default'/>", "  <model type='virtio'/>", "  <driver rx_queue_size='511'/>", '</interface>'] }),
        good: domainXml({ devices: ["<interface type='network'>", "  <source network='default'/>", "  <model type='virtio'/>", "  <driver rx_queue_size='512'/>", '</interface>'] }),
      },
      libvirtMessage: 'unsupported configuration: rx_queue_size has to be a power of two',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefNetwork',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const iface of devices(ctx, 'interface')) {
      const type = ifaceType(iface);
      const virtio = isVirtio(iface);
      if (virtio === false && (type === 'vhostuser' || type === 'vdpa')) {
        const model = child(iface, 'model')!;
        ctx.report({ node: model, attribute: 'type', message: `a ${type} interface speaks virtio only, not '${attr(model, 'type') ?? ''}': use <model type='virtio'/>` });
        continue;
      }
      if (virtio !== true || type === 'hostdev') continue;
      const driver = child(iface, 'driver');
      for (const name of ['rx_queue_size', 'tx_queue_size']) {
        const value = attr(driver, name);
        if (value === undefined || !/^\s*\d+\s*$/.test(value)) continue;
        const n = BigInt(value.trim());
        if (n === 0n || isPowerOfTwo(n)) continue;
        let lower = 1n;
        while (lower * 2n <= n) lower *= 2n;
        ctx.report({ node: driver!, attribute: name, message: `${name} must be a power of two, not ${n}: use ${lower} or ${lower * 2n}` });
      }
    }
  },
};

/** Xen's default hook for bridged interfaces, as Xen-era configurations name it. */
const XEN_VIF_BRIDGE = new Set(['vif-bridge', '/etc/xen/scripts/vif-bridge']);

export const interfaceScriptUnsupported: DocumentRule<'domain'> = {
  meta: {
    id: 'interface-script-unsupported',
    legacy: releasesOf('interface-script-unsupported'),
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    fixable: true,
    docs: {
      summary: "A `<script>` on an interface that is not of type 'ethernet' in a QEMU or KVM domain (typically Xen's `vif-bridge` on a bridge).",
      why: "libvirt accepts the definition but refuses to start the domain (and to hot-plug the interface): QEMU runs an interface's script only for type='ethernet', where the script sets up the tap device; for the other types libvirt connects the device itself. Xen runs `vif-bridge` for bridges, which is what a Xen-era `<script path='vif-bridge'/>` asks for and what libvirt does for a QEMU bridge anyway, so the fix removes that script. Any other script is reported for you to move into the host's setup (or to a type='ethernet' interface).",
      example: {
        bad: domainXml({ devices: ["<interface type='bridge'>", "  <mac address='52:54:00:4a:1c:01'/>", "  <source bridge='br0'/>", "  <script path='vif-bridge'/>", "  <model type='virtio'/>", '</interface>'] }),
        good: domainXml({ devices: ["<interface type='bridge'>", "  <mac address='52:54:00:4a:1c:01'/>", "  <source bridge='br0'/>", "  <model type='virtio'/>", '</interface>'] }),
      },
      libvirtMessage: 'unsupported configuration: scripts are not supported on interfaces of type bridge',
      libvirtSource: 'src/qemu/qemu_command.c, qemuBuildHostNetProps (at start)',
      limits: "An interface of type='network' is judged as the network's bridge or macvtap device it becomes at start; were the network a pool of host devices, it would become a hostdev interface, which ignores the script. `<downscript>` is not judged.",
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const iface of devices(ctx, 'interface')) {
      const type = ifaceType(iface);
      const script = child(iface, 'script');
      if (script === undefined || type === 'ethernet' || type === 'hostdev') continue;
      const path = attr(script, 'path') ?? '';
      const xen = XEN_VIF_BRIDGE.has(path);
      ctx.report({
        node: script,
        message: xen
          ? `${mac(iface)} has Xen's '${path}' hook, and QEMU runs scripts only for type='ethernet' (it would refuse to start the guest): remove <script>; libvirt connects a '${type}' interface itself`
          : `QEMU runs an interface's <script> only for type='ethernet', not '${type}' (it would refuse to start the guest): remove <script> and do its work in the host's setup, or use type='ethernet'`,
        ...(xen ? { fix: { description: "remove Xen's vif-bridge script", edits: [removeElement(ctx.document, script)] } } : {}),
      });
    }
  },
};

export const INTERFACE_RULES = [interfaceBackendType, interfacePortForward, vhostUserSharedMemory, interfaceVirtioOptions, interfaceScriptUnsupported];
