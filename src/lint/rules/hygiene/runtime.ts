/**
 * Runtime state saved in a persistent configuration, typically a `virsh dumpxml` of a running
 * guest committed as its definition: the domain's `id`, device aliases, generated interface
 * names, live security labels, pty paths, allocated ports. libvirt reads a definition with its
 * "inactive" flag and drops all of these on `virsh define`, so they only mislead readers (and
 * diffs). Each rule's fix removes the state.
 */
import type { XmlElement } from '../../../xml/dom/types.js';
import { removeAttribute, removeElement, setAttribute } from '../../fix.js';
import type { DocumentRule, Fix, RuleContext } from '../../types.js';
import { domainDoc, MIGRATE_FIXES } from './examples.js';
import { releasesOf } from './releases.js';
import { attr, child, children, descendants } from './xml.js';

function removeAttr(el: XmlElement, name: string, description: string): Fix {
  const a = el.attributes.find((x) => x.name === name)!;
  return { description, edits: [removeAttribute(el, a)] };
}

function deviceElements(ctx: RuleContext<'domain'>, ...locals: string[]): XmlElement[] {
  return children(child(ctx.document.root, 'devices')).filter((el) => locals.includes(el.local));
}

const META = { category: 'hygiene', level: 'warn', roots: ['domain'], fixable: true } as const;

export const runtimeDomainId: DocumentRule<'domain'> = {
  meta: {
    ...META,
    id: 'runtime-domain-id',
    legacy: releasesOf('runtime-domain-id'),
    docs: {
      summary: "`<domain id='…'>`: the id of a running guest, saved in its definition.",
      why: `The id numbers a running guest on its host and changes on every start; libvirt ignores it when it defines a domain. It marks the file as a \`virsh dumpxml\` of a live guest. ${MIGRATE_FIXES}`,
      example: { bad: domainDoc('', { rootAttributes: " id='7'" }), good: domainDoc('') },
      libvirtSource: 'src/conf/domain_conf.c, virDomainDefParseIDs (the id is read only from live XML)',
    },
  },
  check(ctx) {
    const root = ctx.document.root;
    if (attr(root, 'id') === undefined) return;
    ctx.report({ node: root, attribute: 'id', message: "`id` is the number of a running guest and libvirt ignores it on define: remove it", fix: removeAttr(root, 'id', 'remove the runtime id') });
  },
};

const USER_ALIAS = /^ua-[A-Za-z0-9_-]*$/;

export const runtimeAlias: DocumentRule<'domain'> = {
  meta: {
    ...META,
    id: 'runtime-alias',
    legacy: releasesOf('runtime-alias'),
    docs: {
      summary: "A device `<alias name>` that is not a user alias (`ua-` followed by letters, digits, `_` or `-`).",
      why: `libvirt names every device of a running guest (\`net0\`, \`virtio-disk0\`, …) and drops these names when it defines a domain; only aliases starting with \`ua-\` are kept, so a saved runtime alias silently disappears. ${MIGRATE_FIXES}`,
      example: {
        bad: domainDoc("    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n      <alias name='virtio-disk0'/>\n    </disk>\n"),
        good: domainDoc("    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n      <alias name='ua-system-disk'/>\n    </disk>\n"),
      },
      libvirtSource: 'src/conf/domain_conf.c, virDomainDeviceInfoParseXML',
    },
  },
  check(ctx) {
    const devices = child(ctx.document.root, 'devices');
    if (devices === undefined) return;
    for (const { el } of descendants(devices)) {
      if (el.local !== 'alias' || el.ns !== '') continue;
      const name = attr(el, 'name');
      if (name === undefined || USER_ALIAS.test(name)) continue;
      const message = name.startsWith('ua-')
        ? `alias '${name}' has characters other than letters, digits, '_' and '-', so libvirt drops it on define: rename it`
        : `alias '${name}' was given by libvirt to a running guest and is dropped on define: remove it, or name it 'ua-…' to keep a stable alias`;
      ctx.report({ node: el, attribute: 'name', message, fix: { description: 'remove the runtime alias', edits: [removeElement(ctx.document, el)] } });
    }
  },
};

const GENERATED_IFNAME = /^(vnet|macvtap|macvlan)/;

export const runtimeInterfaceTarget: DocumentRule<'domain'> = {
  meta: {
    ...META,
    id: 'runtime-interface-target',
    legacy: releasesOf('runtime-interface-target'),
    docs: {
      summary: "An interface `<target dev>` named like the devices libvirt creates (`vnetN`, `macvtapN`, `macvlanN`).",
      why: `libvirt names the host side of a guest's interface when the guest starts, and drops such generated names when it defines a domain: the next start may use another number. ${MIGRATE_FIXES}`,
      example: {
        bad: domainDoc("    <interface type='network'>\n      <source network='default'/>\n      <target dev='vnet3'/>\n      <model type='virtio'/>\n    </interface>\n"),
        good: domainDoc("    <interface type='network'>\n      <source network='default'/>\n      <model type='virtio'/>\n    </interface>\n"),
      },
      libvirtSource: 'src/conf/domain_conf.c, virDomainNetDefParseXML',
      limits: "A target with `managed='no'` (a tap device created outside libvirt) is left alone.",
    },
  },
  check(ctx) {
    for (const iface of deviceElements(ctx, 'interface')) {
      const target = child(iface, 'target');
      const dev = attr(target, 'dev');
      if (target === undefined || dev === undefined || !GENERATED_IFNAME.test(dev) || attr(target, 'managed') === 'no') continue;
      const onlyDev = target.attributes.length === 1 && target.children.every((c) => c.kind === 'text' && c.value.trim() === '');
      ctx.report({
        node: target,
        attribute: 'dev',
        message: `'${dev}' is a name libvirt generates when the guest starts, and drops on define: remove it (or pick a name of your own that does not start with vnet, macvtap or macvlan)`,
        fix: onlyDev ? { description: 'remove the generated target', edits: [removeElement(ctx.document, target)] } : removeAttr(target, 'dev', 'remove the generated device name'),
      });
    }
  },
};

export const runtimeSeclabel: DocumentRule<'domain'> = {
  meta: {
    ...META,
    id: 'runtime-seclabel',
    legacy: releasesOf('runtime-seclabel'),
    docs: {
      summary: "A domain `<seclabel>` holding the labels of a running guest: `<label>` of a dynamic label, `<imagelabel>`, or `labelskip`.",
      why: `With \`type='dynamic'\` the security driver picks a fresh label each time the guest starts; libvirt reads \`<label>\` only for static labels, and \`<imagelabel>\` and \`labelskip\` only from live XML, so in a definition they are ignored. ${MIGRATE_FIXES}`,
      example: {
        bad: domainDoc('', { bottom: "  <seclabel type='dynamic' model='selinux' relabel='yes'>\n    <label>system_u:system_r:svirt_t:s0:c87,c520</label>\n    <imagelabel>system_u:object_r:svirt_image_t:s0:c87,c520</imagelabel>\n  </seclabel>\n" }),
        good: domainDoc('', { bottom: "  <seclabel type='dynamic' model='selinux' relabel='yes'/>\n" }),
      },
      libvirtSource: 'src/conf/domain_conf.c, virSecurityLabelDefParseXML, virSecurityLabelDefsParseXML',
    },
  },
  check(ctx) {
    for (const sec of children(ctx.document.root, 'seclabel')) {
      const type = attr(sec, 'type') ?? 'dynamic';
      if (attr(sec, 'labelskip') !== undefined) {
        ctx.report({ node: sec, attribute: 'labelskip', message: '`labelskip` is state of a running guest, read only from live XML: remove it', fix: removeAttr(sec, 'labelskip', 'remove labelskip') });
      }
      const label = child(sec, 'label');
      const runtimeLabel = label !== undefined && (type !== 'static' || attr(sec, 'model') === 'none') ? label : undefined;
      const image = child(sec, 'imagelabel');
      // When these are all the label holds, it becomes empty (`<seclabel …/>`, as libvirt writes
      // it) rather than keeping the lines they stood on: both findings carry that one fix.
      const runtime = [runtimeLabel, image].filter((el) => el !== undefined);
      const emptied = !sec.selfClosing && sec.children.every((c) => (c.kind === 'element' && runtime.includes(c)) || (c.kind === 'text' && c.value.trim() === ''));
      const emptyFix = { description: 'remove the runtime labels', edits: [{ start: sec.startTagEnd - 1, end: sec.end, text: '/>' }] };
      if (runtimeLabel !== undefined) {
        ctx.report({ node: runtimeLabel, message: `a ${type} security label is chosen when the guest starts; this \`<label>\` is ignored on define: remove it (or use type='static' to fix the label)`, fix: emptied ? emptyFix : { description: 'remove the runtime label', edits: [removeElement(ctx.document, runtimeLabel)] } });
      }
      if (image !== undefined) {
        ctx.report({ node: image, message: '`<imagelabel>` is the label a running guest gave its images, read only from live XML: remove it', fix: emptied ? emptyFix : { description: 'remove the runtime image label', edits: [removeElement(ctx.document, image)] } });
      }
    }
  },
};

export const runtimePtyPath: DocumentRule<'domain'> = {
  meta: {
    ...META,
    id: 'runtime-pty-path',
    legacy: releasesOf('runtime-pty-path'),
    docs: {
      summary: "A `pty` character device (serial, console, channel) with a `<source path>`.",
      why: `The pseudo-terminal (\`/dev/pts/N\`) is allocated when the guest starts; libvirt reads its path only from live XML. ${MIGRATE_FIXES}`,
      example: {
        bad: domainDoc("    <serial type='pty'>\n      <source path='/dev/pts/3'/>\n      <target port='0'/>\n    </serial>\n    <console type='pty'>\n      <target type='serial' port='0'/>\n    </console>\n"),
        good: domainDoc("    <serial type='pty'>\n      <target port='0'/>\n    </serial>\n    <console type='pty'>\n      <target type='serial' port='0'/>\n    </console>\n"),
      },
      libvirtSource: 'src/conf/domain_conf.c, virDomainChrSourceDefParseXML',
    },
  },
  check(ctx) {
    for (const chr of deviceElements(ctx, 'serial', 'parallel', 'console', 'channel')) {
      if (attr(chr, 'type') !== 'pty') continue;
      for (const source of children(chr, 'source')) {
        const path = attr(source, 'path');
        if (path === undefined) continue;
        const onlyPath = source.attributes.length === 1 && source.children.every((c) => c.kind === 'text' && c.value.trim() === '');
        ctx.report({
          node: source,
          attribute: 'path',
          message: `'${path}' is the terminal a running guest got; a new one is allocated on every start: remove the path`,
          fix: onlyPath ? { description: 'remove the pty source', edits: [removeElement(ctx.document, source)] } : removeAttr(source, 'path', 'remove the pty path'),
        });
      }
    }
  },
};

export const runtimeGraphicsPort: DocumentRule<'domain'> = {
  meta: {
    ...META,
    id: 'runtime-graphics-port',
    legacy: releasesOf('runtime-graphics-port'),
    docs: {
      summary: "A VNC, SPICE or RDP `<graphics autoport='yes'>` that also gives the port it was allocated.",
      why: `With \`autoport='yes'\` libvirt allocates the port when the guest starts and ignores a port given in the definition; a saved port is the one a running guest had. ${MIGRATE_FIXES}`,
      example: {
        bad: domainDoc("    <graphics type='vnc' port='5901' autoport='yes'>\n      <listen type='address' address='127.0.0.1'/>\n    </graphics>\n"),
        good: domainDoc("    <graphics type='vnc' port='-1' autoport='yes'>\n      <listen type='address' address='127.0.0.1'/>\n    </graphics>\n"),
      },
      libvirtSource: 'src/conf/domain_conf.c, virDomainGraphicsDefParseXMLVNC, virDomainGraphicsDefParseXMLSpice, virDomainGraphicsDefParseXMLRDP',
    },
  },
  check(ctx) {
    for (const g of deviceElements(ctx, 'graphics')) {
      const type = attr(g, 'type');
      if ((type !== 'vnc' && type !== 'spice' && type !== 'rdp') || attr(g, 'autoport') !== 'yes') continue;
      for (const name of type === 'spice' ? ['port', 'tlsPort'] : ['port']) {
        const value = attr(g, name);
        if (value === undefined || value.trim() === '-1' || value.trim() === '0') continue;
        ctx.report({ node: g, attribute: name, message: `with autoport='yes' the ${name} is allocated at start and ${value} is ignored on define: write ${name}='-1' (or drop it)`, fix: { description: `set ${name}='-1'`, edits: [setAttribute(g, name, '-1')] } });
      }
    }
  },
};

export const runtimeDeviceState: DocumentRule<'domain'> = {
  meta: {
    ...META,
    id: 'runtime-device-state',
    legacy: releasesOf('runtime-device-state'),
    docs: {
      summary: "Device state of a running guest: a virtio channel's `state`, an interface's `portid`, a disk `<source index>`, or the address a `type='network'` graphics listener resolved to.",
      why: `libvirt fills these in while the guest runs (the guest agent connection, the network port, the block node index, the host address of the network) and reads them only from live XML. ${MIGRATE_FIXES}`,
      example: {
        bad: domainDoc("    <channel type='unix'>\n      <source mode='bind'/>\n      <target type='virtio' name='org.qemu.guest_agent.0' state='connected'/>\n    </channel>\n"),
        good: domainDoc("    <channel type='unix'>\n      <source mode='bind'/>\n      <target type='virtio' name='org.qemu.guest_agent.0'/>\n    </channel>\n"),
      },
      libvirtSource: 'src/conf/domain_conf.c, virDomainChrDefParseTargetXML, virDomainNetDefParseXML, virDomainDiskDefParseXML, virDomainGraphicsListenDefParseXML',
    },
  },
  check(ctx) {
    const report = (el: XmlElement, name: string, message: string): void => {
      ctx.report({ node: el, attribute: name, message, fix: removeAttr(el, name, `remove ${name}`) });
    };
    for (const ch of deviceElements(ctx, 'channel')) {
      const target = child(ch, 'target');
      if (attr(target, 'type') === 'virtio' && attr(target, 'state') !== undefined) {
        report(target!, 'state', "`state` tells whether the guest agent of a running guest is connected; it is ignored on define: remove it");
      }
    }
    for (const iface of deviceElements(ctx, 'interface')) {
      const source = child(iface, 'source');
      if (attr(source, 'portid') !== undefined) report(source!, 'portid', '`portid` names the network port of a running guest; a new port is made on every start: remove it');
    }
    for (const disk of deviceElements(ctx, 'disk')) {
      const source = child(disk, 'source');
      if (attr(source, 'index') !== undefined) report(source!, 'index', '`index` numbers the image in a running guest\'s block layer and is ignored on define: remove it');
    }
    for (const g of deviceElements(ctx, 'graphics')) {
      for (const listen of children(g, 'listen')) {
        if (attr(listen, 'type') === 'network' && attr(listen, 'address') !== undefined) {
          report(listen, 'address', "the address of a `type='network'` listener is resolved from the network when the guest starts: remove it");
        }
      }
    }
  },
};

export const runtimeNetworkConnections: DocumentRule<'network'> = {
  meta: {
    category: 'hygiene',
    level: 'warn',
    roots: ['network'],
    fixable: true,
    id: 'runtime-network-connections',
    legacy: releasesOf('runtime-network-connections'),
    docs: {
      summary: "A network's `connections` count (on `<network>` or a forward `<interface>`/`<address>`), saved from a running network.",
      why: `libvirt counts the guest interfaces connected to a running network and writes the count only in live XML (\`virsh net-dumpxml\` of an active network); it never reads it back. ${MIGRATE_FIXES}`,
      example: {
        bad: "<network connections='2'>\n  <name>default</name>\n  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n  <ip address='192.168.122.1' prefix='24'/>\n</network>\n",
        good: "<network>\n  <name>default</name>\n  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n  <ip address='192.168.122.1' prefix='24'/>\n</network>\n",
      },
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefFormatBuf (written for active networks only; the parser does not read it)',
    },
  },
  check(ctx) {
    const root = ctx.document.root;
    const holders = [root, ...children(child(root, 'forward')).filter((el) => el.local === 'interface' || el.local === 'address')];
    for (const el of holders) {
      if (attr(el, 'connections') === undefined) continue;
      ctx.report({ node: el, attribute: 'connections', message: '`connections` counts the guests of a running network and is never read back: remove it', fix: removeAttr(el, 'connections', 'remove the connection count') });
    }
  },
};

export const RUNTIME_RULES = [runtimeDomainId, runtimeAlias, runtimeInterfaceTarget, runtimeSeclabel, runtimePtyPath, runtimeGraphicsPort, runtimeDeviceState, runtimeNetworkConnections] as const;
