/**
 * Smaller devices: watchdogs and the platforms their models belong to, sound cards and the
 * `<audio>` backends they name, input devices on the virtio bus, and the memory balloon.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule } from '../../../types.js';
import { toKiB } from '../../units.js';
import { domainXml } from './examples.js';
import { attr, checkedSince, child, children, devices, devicesOf, isQemuDomain, isS390, lineOf, machineIs, machineLabel, textOf } from './util.js';

// ---------------------------------------------------------------------------------------------
// Watchdogs

export const watchdogModelPlatform: DocumentRule<'domain'> = {
  meta: {
    id: 'watchdog-model-platform',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A watchdog model the machine does not have, or an address its model cannot take: 'ib700' needs an i440fx machine, 'itco' a q35 machine, 'diag288' an s390 guest, and only 'i6300esb' sits on a (PCI) bus.",
      why: "libvirt's QEMU driver refuses the domain: ib700 is an ISA card of the PC machine, iTCO part of the q35 chipset and diag288 an s390 hypervisor call; i6300esb is the one PCI watchdog.",
      example: {
        bad: domainXml({ machine: 'q35', devices: ["<watchdog model='ib700' action='reset'/>"] }),
        good: domainXml({ machine: 'q35', devices: ["<watchdog model='itco' action='reset'/>"] }),
      },
      libvirtMessage: "unsupported configuration: ib700 model of watchdog cannot be used with this machine type",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainWatchdogDef',
      limits: 'ib700 on another machine than i440fx is judged when a configured release is newer than 9.0.0, which accepts it.',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const p = ctx.platform;
    for (const watchdog of devices(ctx, 'watchdog')) {
      const model = attr(watchdog, 'model');
      const address = child(watchdog, 'address');
      if (model === 'i6300esb') {
        const type = attr(address, 'type');
        if (address !== undefined && type !== undefined && type !== 'pci') {
          ctx.report({ node: address, attribute: 'type', message: `the i6300esb watchdog is a PCI device, not on a '${type}' bus: give it a PCI address or none` });
        }
        continue;
      }
      let platform: string | undefined;
      if (model === 'ib700' && machineIs(p, 'i440fx') === false && checkedSince(ctx, '11.3.0')) platform = 'i440fx (pc) machines';
      else if (model === 'itco' && machineIs(p, 'q35') === false) platform = 'q35 machines';
      else if (model === 'diag288' && !isS390(p.arch)) platform = 's390 guests';
      if (platform !== undefined) {
        ctx.report({ node: watchdog, attribute: 'model', message: `the ${model} watchdog exists on ${platform} only, and this guest is ${p.arch} on ${machineLabel(p)}: use the watchdog of its platform (i6300esb works on any PCI machine)` });
      } else if (address !== undefined && (model === 'ib700' || model === 'itco' || model === 'diag288')) {
        ctx.report({ node: address, message: `the ${model} watchdog is built into the machine and takes no address: remove <address>` });
      }
    }
  },
};

export const watchdogConflict: DocumentRule<'domain'> = {
  meta: {
    id: 'watchdog-conflict',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "Watchdogs that cannot be combined: two of the same built-in model (anything but 'i6300esb'), or watchdogs with different actions.",
      why: "libvirt's QEMU driver refuses the domain: a machine has one watchdog of each built-in kind, and QEMU takes one action for all watchdogs when one fires.",
      example: {
        bad: domainXml({ machine: 'q35', devices: ["<watchdog model='i6300esb' action='reset'/>", "<watchdog model='itco' action='poweroff'/>"] }),
        good: domainXml({ machine: 'q35', devices: ["<watchdog model='i6300esb' action='poweroff'/>", "<watchdog model='itco' action='poweroff'/>"] }),
      },
      libvirtMessage: 'unsupported configuration: watchdogs with different actions are not supported with this QEMU binary',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainWatchdogDef and qemuValidateDomainDefWatchdogs',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const watchdogs = devices(ctx, 'watchdog');
    const first = watchdogs[0];
    if (first === undefined) return;
    const firstAction = attr(first, 'action') ?? 'reset';
    const byModel = new Map<string, XmlElement>();
    for (const watchdog of watchdogs) {
      const action = attr(watchdog, 'action') ?? 'reset';
      if (watchdog !== first && action !== firstAction) {
        ctx.report({
          node: watchdog,
          ...(attr(watchdog, 'action') !== undefined ? { attribute: 'action' } : {}),
          message: `this watchdog's action '${action}' differs from '${firstAction}' of the first watchdog (line ${lineOf(ctx, first)}): give all watchdogs the same action`,
          related: [{ node: first, message: 'first watchdog' }],
        });
        continue;
      }
      const model = attr(watchdog, 'model');
      if (model === undefined || model === 'i6300esb') continue;
      const earlier = byModel.get(model);
      if (earlier === undefined) {
        byModel.set(model, watchdog);
        continue;
      }
      ctx.report({
        node: watchdog,
        attribute: 'model',
        message: `the machine has one ${model} watchdog, already configured (line ${lineOf(ctx, earlier)}): remove this one`,
        related: [{ node: earlier, attribute: 'model', message: `first ${model} watchdog` }],
      });
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Sound and audio

/** The `<audio id>` references of sound cards and graphics. */
function audioReferences(devs: XmlElement | undefined): XmlElement[] {
  const refs: XmlElement[] = [];
  for (const sound of children(devs, 'sound')) refs.push(...children(sound, 'audio'));
  // D-Bus graphics may name an id no backend has: libvirt then leaves the audio out.
  for (const g of children(devs, 'graphics')) if (attr(g, 'type') === 'vnc') refs.push(...children(g, 'audio'));
  return refs;
}

export const audioIdReference: DocumentRule<'domain'> = {
  meta: {
    id: 'audio-id-reference',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A sound card or VNC display names an `<audio id>` that no `<audio>` backend has, or two `<audio>` backends share an id.',
      why: 'libvirt refuses to define the domain: a sound card plays through the audio backend with the id it names, and ids must tell the backends apart.',
      example: {
        bad: domainXml({ devices: ["<sound model='ich9'>", "  <audio id='2'/>", '</sound>', "<audio id='1' type='pulseaudio'/>"] }),
        good: domainXml({ devices: ["<sound model='ich9'>", "  <audio id='1'/>", '</sound>', "<audio id='1' type='pulseaudio'/>"] }),
      },
      libvirtMessage: 'XML error: no audio device with ID 2',
      libvirtSource: 'src/conf/domain_validate.c, virDomainEnsureAudioID and virDomainAudioDefValidate',
    },
  },
  check(ctx) {
    const devs = devicesOf(ctx);
    const ids = new Map<string, XmlElement>();
    for (const audio of children(devs, 'audio')) {
      const id = attr(audio, 'id');
      if (id === undefined || !/^\s*\d+\s*$/.test(id)) continue;
      const key = String(Number(id));
      const first = ids.get(key);
      if (first !== undefined) {
        ctx.report({ node: audio, attribute: 'id', message: `audio id ${key} is already used (line ${lineOf(ctx, first)}): give each <audio> its own id`, related: [{ node: first, attribute: 'id', message: 'first audio backend with this id' }] });
        continue;
      }
      ids.set(key, audio);
    }
    for (const ref of audioReferences(devs)) {
      const id = attr(ref, 'id');
      if (id === undefined || !/^\s*\d+\s*$/.test(id) || Number(id) === 0 || ids.has(String(Number(id)))) continue;
      ctx.report({ node: ref, attribute: 'id', message: `no <audio> backend has id ${Number(id)}: add <audio id='${Number(id)}' type='…'/> or name an existing one` });
    }
  },
};

export const soundModelQemu: DocumentRule<'domain'> = {
  meta: {
    id: 'sound-model-qemu',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A sound card of model 'ich7' in a QEMU domain.",
      why: "libvirt's QEMU driver refuses the domain: QEMU has no ich7 sound card (ich6 and ich9 are the Intel HDA models it emulates).",
      example: {
        bad: domainXml({ devices: ["<sound model='ich7'/>"] }),
        good: domainXml({ devices: ["<sound model='ich9'/>"] }),
      },
      libvirtMessage: "internal error: sound card model 'ich7' is not supported by qemu",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefSound',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const sound of devices(ctx, 'sound')) {
      if (attr(sound, 'model') === 'ich7') ctx.report({ node: sound, attribute: 'model', message: "QEMU has no 'ich7' sound card: use 'ich9' (or 'ich6')" });
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Input and memory balloon

const VIRTIO_MODELS = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional']);

export const inputVirtioModel: DocumentRule<'domain'> = {
  meta: {
    id: 'input-virtio-model',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "An input device's virtio model does not fit: a virtio model on another bus, or (QEMU) the transitional models, which virtio input devices do not have.",
      why: "libvirt refuses the domain: the model only applies to virtio input devices, and virtio input devices exist in QEMU in their modern (non-transitional) form only, as model 'virtio'.",
      example: {
        bad: domainXml({ devices: ["<input type='keyboard' bus='virtio' model='virtio-non-transitional'/>"] }),
        good: domainXml({ devices: ["<input type='keyboard' bus='virtio' model='virtio'/>"] }),
      },
      libvirtMessage: 'unsupported configuration: virtio (non-)transitional models are not supported for input type=keyboard',
      libvirtSource: 'src/conf/domain_validate.c, virDomainInputDefValidate; src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefInput',
      limits: 'The transitional models are judged when a configured release is 9.0.0 or newer: 7.0.0 accepts them.',
    },
  },
  check(ctx) {
    const qemu = isQemuDomain(ctx.platform);
    for (const input of devices(ctx, 'input')) {
      const model = attr(input, 'model');
      if (model === undefined || !VIRTIO_MODELS.has(model)) continue;
      const bus = attr(input, 'bus');
      if (bus !== undefined && bus !== 'virtio') {
        ctx.report({ node: input, attribute: 'model', message: `model '${model}' applies to virtio input devices, and this one is on bus '${bus}': remove the model or use bus='virtio'` });
      } else if (qemu && bus === 'virtio' && model !== 'virtio' && checkedSince(ctx, '9.0.0')) {
        ctx.report({ node: input, attribute: 'model', message: `QEMU has no ${model} input devices: use model='virtio' (or leave it out)` });
      }
    }
  },
};

export const memballoonModel: DocumentRule<'domain'> = {
  meta: {
    id: 'memballoon-model',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A memory balloon of a model QEMU lacks (anything but the virtio models and 'none').",
      why: "libvirt's QEMU driver refuses the domain: QEMU's balloon is the virtio one; 'xen' belongs to the Xen driver.",
      example: {
        bad: domainXml({ devices: ["<memballoon model='xen'/>"] }),
        good: domainXml({ devices: ["<memballoon model='virtio'/>"] }),
      },
      libvirtMessage: "unsupported configuration: Memory balloon device type 'xen' is not supported by this version of qemu",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefMemballoon',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const balloon = child(devicesOf(ctx), 'memballoon');
    const model = attr(balloon, 'model');
    if (balloon === undefined || model === undefined || model === 'none' || VIRTIO_MODELS.has(model)) return;
    ctx.report({ node: balloon, attribute: 'model', message: `QEMU has no '${model}' memory balloon: use model='virtio' (or 'none')` });
  },
};

export const audioSpiceWithoutGraphics: DocumentRule<'domain'> = {
  meta: {
    id: 'audio-spice-without-graphics',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "An `<audio type='spice'>` backend in a domain without SPICE graphics.",
      why: "libvirt's QEMU driver refuses the domain: SPICE audio travels over the SPICE connection, which exists only with `<graphics type='spice'>`.",
      example: {
        bad: domainXml({ devices: ["<sound model='ich9'>", "  <audio id='1'/>", '</sound>', "<audio id='1' type='spice'/>"] }),
        good: domainXml({ devices: ["<graphics type='spice' autoport='yes'/>", "<sound model='ich9'>", "  <audio id='1'/>", '</sound>', "<audio id='1' type='spice'/>"] }),
      },
      libvirtMessage: 'unsupported configuration: Spice audio is not supported without spice graphics',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefAudio',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    if (devices(ctx, 'graphics').some((g) => attr(g, 'type') === 'spice')) return;
    for (const audio of devices(ctx, 'audio')) {
      if (attr(audio, 'type') === 'spice') ctx.report({ node: audio, attribute: 'type', message: "SPICE audio needs SPICE graphics, and this domain has none: add <graphics type='spice'/> or use another audio type" });
    }
  },
};

export const nvramDevicePlatform: DocumentRule<'domain'> = {
  meta: {
    id: 'nvram-device-platform',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A `<devices><nvram>` device on a guest that is not a pSeries machine, or with an address that is not spapr-vio.',
      why: "libvirt's QEMU driver refuses the domain: the NVRAM device is the spapr-nvram of PowerPC pSeries machines, which sits on the spapr-vio bus (UEFI variables are `<os><nvram>`, not this device).",
      example: {
        bad: domainXml({ devices: ['<nvram/>'] }),
        good: domainXml({ devices: [] }),
      },
      libvirtMessage: 'unsupported configuration: nvram device is only supported for PPC64',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefNVRAM',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const nvram = child(devicesOf(ctx), 'nvram');
    if (nvram === undefined) return;
    const pseries = machineIs(ctx.platform, 'pseries');
    if (pseries === false) {
      ctx.report({ node: nvram, message: `the NVRAM device exists on pSeries machines only, and this guest is ${ctx.platform.arch} on ${machineLabel(ctx.platform)}: remove it (UEFI variables go in <os><nvram>)` });
      return;
    }
    const address = child(nvram, 'address');
    const type = attr(address, 'type');
    if (pseries === true && address !== undefined && type !== undefined && type !== 'spapr-vio') {
      ctx.report({ node: address, attribute: 'type', message: `the NVRAM device sits on the spapr-vio bus, not '${type}': use <address type='spapr-vio' reg='…'/> or none` });
    }
  },
};

export const pstoreOptions: DocumentRule<'domain'> = {
  meta: {
    id: 'pstore-options',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'An ACPI ERST `<pstore>` without a `<path>`, with a size that is not a power of two of at least 4 KiB, or (QEMU) with an address that is not PCI.',
      why: 'libvirt refuses the domain: the ERST backend keeps the records in a file of the host, sized in whole power-of-two blocks, and QEMU\'s acpi-erst device is a PCI device.',
      example: {
        bad: domainXml({ devices: ["<pstore backend='acpi-erst'>", "  <size unit='KiB'>6</size>", '</pstore>'] }),
        good: domainXml({ devices: ["<pstore backend='acpi-erst'>", '  <path>/var/lib/libvirt/qemu/demo.pstore</path>', "  <size unit='KiB'>8</size>", '</pstore>'] }),
      },
      libvirtMessage: 'XML error: missing path for ACPI ERST pstore device',
      libvirtSource: 'src/conf/domain_validate.c, virDomainPstoreDefValidate; src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefPstore',
      limits: 'Reported when a configured release is newer than 9.0.0, which has no pstore device.',
    },
  },
  check(ctx) {
    if (!checkedSince(ctx, '11.3.0')) return;
    const pstore = child(devicesOf(ctx), 'pstore');
    if (pstore === undefined || attr(pstore, 'backend') !== 'acpi-erst') return;
    const path = textOf(child(pstore, 'path'));
    if (path === undefined || path === '') {
      ctx.report({ node: pstore, message: 'the ACPI ERST backend keeps its records in a host file: add <path>…</path>' });
    }
    const size = child(pstore, 'size');
    const kib = toKiB(textOf(size), attr(size, 'unit'));
    if (size !== undefined && kib !== undefined && (kib < 4n || (kib & (kib - 1n)) !== 0n)) {
      ctx.report({ node: size, message: `the pstore size (${kib} KiB) must be a power of two of at least 4 KiB: use e.g. ${kib < 4n ? 4n : 1n << BigInt(kib.toString(2).length)} KiB` });
    }
    const address = child(pstore, 'address');
    const type = attr(address, 'type');
    if (isQemuDomain(ctx.platform) && address !== undefined && type !== undefined && type !== 'pci') {
      ctx.report({ node: address, attribute: 'type', message: `QEMU's ACPI ERST device is a PCI device, not on a '${type}' bus: give it a PCI address or none` });
    }
  },
};

export const vsockCid: DocumentRule<'domain'> = {
  meta: {
    id: 'vsock-cid',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A `<vsock>` with a guest CID of 1 or 2.',
      why: 'libvirt refuses to define the domain: CIDs 0 to 2 are reserved (2 is the host), so a guest needs 3 or more.',
      example: {
        bad: domainXml({ devices: ["<vsock model='virtio'>", "  <cid auto='no' address='2'/>", '</vsock>'] }),
        good: domainXml({ devices: ["<vsock model='virtio'>", "  <cid auto='no' address='3'/>", '</vsock>'] }),
      },
      libvirtMessage: 'unsupported configuration: guest CIDs must be >= 3',
      libvirtSource: 'src/conf/domain_validate.c, virDomainVsockDefValidate',
    },
  },
  check(ctx) {
    const cid = child(child(devicesOf(ctx), 'vsock'), 'cid');
    const address = attr(cid, 'address');
    if (cid === undefined || address === undefined || !/^\s*\d+\s*$/.test(address)) return;
    const n = Number(address);
    if (n === 1 || n === 2) ctx.report({ node: cid, attribute: 'address', message: `CID ${n} is reserved (2 is the host): give the guest a CID of 3 or more, or auto='yes'` });
  },
};

export const MISC_RULES = [watchdogModelPlatform, watchdogConflict, audioIdReference, soundModelQemu, inputVirtioModel, memballoonModel, audioSpiceWithoutGraphics, nvramDevicePlatform, pstoreOptions, vsockCid];
