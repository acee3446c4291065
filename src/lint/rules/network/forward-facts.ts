/**
 * What a network's `<forward>` amounts to once libvirt has read it: its mode (`nat` when the
 * element has none, no forwarding when it is absent) and its pool of devices. libvirt keeps one
 * list for interfaces and PCI addresses: the `dev` attribute and `<interface>` children fill it
 * when present, else the `<address>` children; `<pf>` is read only when neither is given.
 */
import type { Network, NetworkForward } from '../../../model/generated/types/network.js';

export type ForwardMode = 'none' | NonNullable<NetworkForward['mode']>;

export interface ForwardFacts {
  /** undefined when `mode` holds a value libvirt does not know (the schema rule reports it). */
  readonly mode: ForwardMode | undefined;
  readonly forward: NetworkForward | undefined;
  /** How many devices libvirt's pool holds, and of which kind. */
  readonly poolSize: number;
  readonly poolKind: 'netdev' | 'pci' | 'none';
  /** Whether libvirt reads a `<pf>`. */
  readonly hasPf: boolean;
}

export function forwardFacts(net: Network): ForwardFacts {
  const forward = net.forward;
  if (forward === undefined) return { mode: 'none', forward, poolSize: 0, poolKind: 'none', hasPf: false };
  const unknownMode = (forward.$unknown ?? []).some((u) => u.kind === 'attribute' && u.name === 'mode');
  const mode = unknownMode ? undefined : forward.mode ?? 'nat';
  const ifs = forward.interface ?? [];
  const addrs = forward.address ?? [];
  if (ifs.length > 0 || forward.dev !== undefined) {
    return { mode, forward, poolSize: Math.max(ifs.length, 1), poolKind: 'netdev', hasPf: false };
  }
  if (addrs.length > 0) return { mode, forward, poolSize: addrs.length, poolKind: 'pci', hasPf: false };
  return { mode, forward, poolSize: 0, poolKind: 'none', hasPf: forward.pf !== undefined };
}

/** Modes where libvirt itself runs the bridge, its addresses, DHCP and DNS. */
export function isLayer3(mode: ForwardMode): boolean {
  return mode === 'none' || mode === 'nat' || mode === 'route' || mode === 'open';
}

export function describeMode(mode: ForwardMode): string {
  return mode === 'none' ? 'an isolated network (no `<forward>`)' : `forward mode='${mode}'`;
}
