/**
 * Graphics: the displays egl-headless can be paired with, OpenGL asked twice, a `listen`
 * attribute that disagrees with the first `<listen>` element, and VNC passwords QEMU truncates.
 */
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { attr, child, children, devices, isQemuDomain, lineOf } from './util.js';

export const graphicsEglHeadlessPairing: DocumentRule<'domain'> = {
  meta: {
    id: 'graphics-egl-headless-pairing',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<graphics type='egl-headless'>` beside a display other than VNC or SPICE.",
      why: "libvirt's QEMU driver refuses the domain: egl-headless renders OpenGL off-screen for a VNC or SPICE display to show; SDL, RDP, D-Bus or desktop displays cannot be combined with it.",
      example: {
        bad: domainXml({ devices: ["<graphics type='sdl' display=':0.0'/>", "<graphics type='egl-headless'/>"] }),
        good: domainXml({ devices: ["<graphics type='vnc' autoport='yes'/>", "<graphics type='egl-headless'/>"] }),
      },
      libvirtMessage: "unsupported configuration: graphics type 'egl-headless' is only supported with one of: 'vnc', 'spice' graphics types",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefGraphics',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const graphics = devices(ctx, 'graphics');
    const egl = graphics.find((g) => attr(g, 'type') === 'egl-headless');
    if (egl === undefined) return;
    for (const g of graphics) {
      const type = attr(g, 'type');
      if (type === undefined || type === 'egl-headless' || type === 'vnc' || type === 'spice') continue;
      ctx.report({
        node: g,
        attribute: 'type',
        message: `egl-headless graphics (line ${lineOf(ctx, egl)}) work only beside VNC or SPICE, not '${type}': use a VNC or SPICE display, or remove the egl-headless one`,
        related: [{ node: egl, message: 'egl-headless graphics' }],
      });
    }
  },
};

export const graphicsOpenglTwice: DocumentRule<'domain'> = {
  meta: {
    id: 'graphics-opengl-twice',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "SPICE graphics with `<gl enable='yes'/>` beside egl-headless graphics.",
      why: "libvirt's QEMU driver refuses the domain: QEMU renders OpenGL for one display only, either SPICE's own or egl-headless.",
      example: {
        bad: domainXml({ devices: ["<graphics type='spice'>", "  <listen type='none'/>", "  <gl enable='yes'/>", '</graphics>', "<graphics type='egl-headless'/>"] }),
        good: domainXml({ devices: ["<graphics type='spice'>", "  <listen type='none'/>", "  <gl enable='yes'/>", '</graphics>'] }),
      },
      libvirtMessage: 'unsupported configuration: multiple OpenGL displays are not supported by QEMU',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefGraphics',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const graphics = devices(ctx, 'graphics');
    const egl = graphics.find((g) => attr(g, 'type') === 'egl-headless');
    if (egl === undefined) return;
    for (const g of graphics) {
      if (attr(g, 'type') !== 'spice') continue;
      const gl = child(g, 'gl');
      if (gl === undefined || attr(gl, 'enable') !== 'yes') continue;
      ctx.report({
        node: gl,
        attribute: 'enable',
        message: `OpenGL is already rendered by the egl-headless graphics (line ${lineOf(ctx, egl)}): remove <gl enable='yes'/> from SPICE or the egl-headless graphics`,
        related: [{ node: egl, message: 'egl-headless graphics' }],
      });
    }
  },
};

export const graphicsListenMismatch: DocumentRule<'domain'> = {
  meta: {
    id: 'graphics-listen-mismatch',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A VNC, SPICE or RDP `<graphics>` has a `listen` (or `socket`) attribute that differs from the address (or socket) of its first `<listen>` element.",
      why: 'libvirt refuses to define the domain: the attribute is the older spelling of the first `<listen>` element, and when both are given they must agree.',
      example: {
        bad: domainXml({ devices: ["<graphics type='vnc' port='5900' listen='127.0.0.1'>", "  <listen type='address' address='0.0.0.0'/>", '</graphics>'] }),
        good: domainXml({ devices: ["<graphics type='vnc' port='5900' listen='127.0.0.1'>", "  <listen type='address' address='127.0.0.1'/>", '</graphics>'] }),
      },
      libvirtMessage: "unsupported configuration: graphics 'listen' attribute '127.0.0.1' must match 'address' attribute of first listen element (found '0.0.0.0')",
      libvirtSource: 'src/conf/domain_conf.c, virDomainGraphicsListenDefParseXML',
    },
  },
  check(ctx) {
    for (const g of devices(ctx, 'graphics')) {
      const type = attr(g, 'type');
      if (type !== 'vnc' && type !== 'spice' && type !== 'rdp') continue;
      const first = children(g, 'listen')[0];
      if (first === undefined) continue;
      const pairs: [string, string, string][] = [['address', 'listen', 'address'], ['socket', 'socket', 'socket']];
      for (const [listenType, graphicsAttribute, listenAttribute] of pairs) {
        if (attr(first, 'type') !== listenType) continue;
        const outer = attr(g, graphicsAttribute);
        const inner = attr(first, listenAttribute);
        if (outer === undefined || inner === undefined || outer === inner) continue;
        ctx.report({
          node: g,
          attribute: graphicsAttribute,
          message: `${graphicsAttribute}='${outer}' disagrees with the ${listenAttribute} '${inner}' of the first <listen> (line ${lineOf(ctx, first)}): remove the attribute, or make both the same`,
          related: [{ node: first, attribute: listenAttribute, message: 'first <listen>' }],
        });
      }
    }
  },
};

export const graphicsVncPassword: DocumentRule<'domain'> = {
  meta: {
    id: 'graphics-vnc-password',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A VNC password longer than 8 characters.',
      why: "libvirt's QEMU driver refuses the domain: VNC authentication uses at most 8 characters of a password, and libvirt will not silently drop the rest.",
      example: {
        bad: domainXml({ devices: ["<graphics type='vnc' autoport='yes' passwd='correct-horse-battery'/>"] }),
        good: domainXml({ devices: ["<graphics type='vnc' autoport='yes' passwd='c0rrect!'/>"] }),
      },
      libvirtMessage: 'unsupported configuration: VNC password is 21 characters long, only 8 permitted',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefVNCGraphics',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const g of devices(ctx, 'graphics')) {
      if (attr(g, 'type') !== 'vnc') continue;
      const passwd = attr(g, 'passwd');
      if (passwd === undefined) continue;
      const length = new TextEncoder().encode(passwd).length;
      if (length > 8) ctx.report({ node: g, attribute: 'passwd', message: `the VNC password has ${length} characters, and VNC uses at most 8: shorten it (or use SPICE, which takes longer passwords)` });
    }
  },
};

export const GRAPHICS_RULES = [graphicsEglHeadlessPairing, graphicsOpenglTwice, graphicsListenMismatch, graphicsVncPassword];
