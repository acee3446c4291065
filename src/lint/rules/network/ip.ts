/**
 * IP address arithmetic for the network rules: addresses as bigints, the subnet an `<ip>` element
 * describes (by prefix, netmask or the address's historic class, as libvirt derives it), and the
 * range checks libvirt applies to DHCP and NAT ranges.
 *
 * Parsing accepts the numeric forms the schema allows (dotted-quad IPv4, IPv6 with `::` and an
 * embedded IPv4 tail). Anything else is "unknown", and rules skip what they cannot read.
 */

export type Family = 4 | 6;

export interface Address {
  readonly family: Family;
  /** The address as an unsigned integer of 32 or 128 bits. */
  readonly value: bigint;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

export function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIPv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tailV4 = parseIPv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    // Keep the colon(s) before the IPv4 tail: `::1.2.3.4` → `::`, `a::b:1.2.3.4` → `a::b:`.
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const groupsWanted = tailV4 === undefined ? 8 : 6;
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parse(halves[0]!);
  const right = halves.length === 2 ? parse(halves[1]!) : [];
  if (left === undefined || right === undefined) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = groupsWanted - left.length - right.length;
    if (missing < 1) return undefined;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    if (left.length !== groupsWanted) return undefined;
    groups = left;
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  if (tailV4 !== undefined) v = (v << 32n) | tailV4;
  return v;
}

/** An IPv4 or IPv6 address in a numeric form, or undefined. */
export function parseAddress(text: string | undefined): Address | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const v4 = parseIPv4(t);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIPv6(t);
  if (v6 !== undefined) return { family: 6, value: v6 };
  return undefined;
}

export function formatAddress(a: Address): string {
  if (a.family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((a.value >> s) & 0xffn)).join('.');
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((a.value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (two or more), as inet_ntop does.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** The netmask of `prefix` bits for a family. */
export function maskOf(family: Family, prefix: number): bigint {
  const bits = BITS[family];
  if (prefix <= 0) return 0n;
  return ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
}

/** The number of leading one bits of a contiguous netmask, or -1 when it is not contiguous. */
export function netmaskBits(mask: Address): number {
  const bits = BITS[mask.family];
  let n = 0;
  while (n < bits && ((mask.value >> BigInt(bits - 1 - n)) & 1n) === 1n) n++;
  return mask.value === maskOf(mask.family, n) ? n : -1;
}

/**
 * The prefix length libvirt uses for an `<ip>` (or `<route>`) element: the explicit `prefix` when
 * above 0, else the netmask's bits (-1 when not contiguous), else the address's natural prefix
 * (its IPv4 class: 8, 16 or 24, -1 for classes D and E; 64 for IPv6; 0 for the wildcard).
 */
export function effectivePrefix(address: Address, netmask: Address | undefined, prefix: number | undefined): number {
  if (prefix !== undefined && prefix > 0) return prefix;
  if (netmask !== undefined) return netmask.family === 4 || netmask.family === 6 ? netmaskBits(netmask) : -1;
  if (address.family === 4) {
    if (address.value === 0n) return 0;
    const octet = Number(address.value >> 24n);
    if ((octet & 0x80) === 0) return 8;
    if ((octet & 0xc0) === 0x80) return 16;
    if ((octet & 0xe0) === 0xc0) return 24;
    return -1;
  }
  return address.value === 0n ? 0 : 64;
}

/** A subnet: the network's address (as written) and its prefix length. */
export interface Subnet {
  readonly address: Address;
  readonly prefix: number;
}

export function inSubnet(a: Address, subnet: Subnet): boolean {
  if (a.family !== subnet.address.family) return false;
  const mask = maskOf(a.family, subnet.prefix);
  return (a.value & mask) === (subnet.address.value & mask);
}

/** The first and last address of a subnet (network and broadcast address for IPv4). */
export function subnetBounds(subnet: Subnet): { first: bigint; last: bigint } {
  const bits = BITS[subnet.address.family];
  const mask = maskOf(subnet.address.family, subnet.prefix);
  const first = subnet.address.value & mask;
  const all = (1n << BigInt(bits)) - 1n;
  return { first, last: first | (all & ~mask) };
}

export function describeSubnet(subnet: Subnet): string {
  return `${formatAddress(subnet.address)}/${subnet.prefix}`;
}

/** What libvirt's range check (virSocketAddrGetRange) finds wrong with a range, if anything. */
export type RangeProblem =
  | { readonly kind: 'family-mismatch' }
  | { readonly kind: 'network-family-mismatch' }
  | { readonly kind: 'bad-prefix' }
  | { readonly kind: 'outside' }
  | { readonly kind: 'network-address' }
  | { readonly kind: 'broadcast-address' }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'reversed' };

/**
 * libvirt's checks of a range `start`–`end`, optionally inside `network`/`prefix`: same families,
 * both ends inside the subnet, IPv4 ends not the network or broadcast address, at most 65536
 * addresses by the historic rule (IPv4: the first two bytes equal; IPv6: all but the last 16 bits
 * equal), and start not after end.
 */
export function rangeProblem(start: Address, end: Address, network?: { address: Address; prefix: number }): RangeProblem | undefined {
  if (start.family !== end.family) return { kind: 'family-mismatch' };
  if (network !== undefined) {
    if (start.family !== network.address.family) return { kind: 'network-family-mismatch' };
    if (network.prefix < 0 || network.prefix > BITS[network.address.family]) return { kind: 'bad-prefix' };
    if (!inSubnet(start, network) || !inSubnet(end, network)) return { kind: 'outside' };
    if (start.family === 4) {
      const { first, last } = subnetBounds(network);
      if (start.value === first) return { kind: 'network-address' };
      if (end.value === last) return { kind: 'broadcast-address' };
    }
  }
  if (start.family === 4) {
    if (start.value >> 16n !== end.value >> 16n) return { kind: 'too-large' };
  } else if (start.value >> 16n !== end.value >> 16n) {
    return { kind: 'too-large' };
  }
  if (end.value < start.value) return { kind: 'reversed' };
  return undefined;
}

/** The subnet of a network's `<ip>` element, when its address and prefix can be read. */
export function ipSubnet(ip: { readonly address?: string; readonly netmask?: string; readonly prefix?: number }): { address: Address; prefix: number } | undefined {
  const address = parseAddress(ip.address);
  if (address === undefined) return undefined;
  const netmask = ip.netmask === undefined ? undefined : parseAddress(ip.netmask);
  if (ip.netmask !== undefined && netmask === undefined) return undefined;
  return { address, prefix: effectivePrefix(address, netmask, ip.prefix) };
}
