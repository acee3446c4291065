/**
 * libvirt's scaled integers (`<memory unit='GiB'>4</memory>`): the unit names its grammar
 * allows, as byte multipliers. Sizes are compared as bigints: they pass 2^53 easily.
 */
const MULTIPLIERS: Readonly<Record<string, bigint>> = (() => {
  const m: Record<string, bigint> = { b: 1n, byte: 1n, bytes: 1n };
  const prefixes = ['k', 'm', 'g', 't', 'p', 'e'];
  prefixes.forEach((p, i) => {
    const binary = 1024n ** BigInt(i + 1);
    const decimal = 1000n ** BigInt(i + 1);
    m[p] = binary;
    m[`${p}ib`] = binary;
    m[`${p}b`] = decimal;
  });
  return m;
})();

/**
 * The size in bytes of `value` given in `unit`, or undefined when either is not one libvirt
 * reads. `defaultUnit` is the unit of the element when the attribute is absent (KiB for memory).
 */
export function toBytes(value: string | number | undefined, unit: string | undefined, defaultUnit = 'KiB'): bigint | undefined {
  if (value === undefined) return undefined;
  const digits = String(value).trim();
  if (!/^\d+$/.test(digits)) return undefined;
  const multiplier = MULTIPLIERS[(unit ?? defaultUnit).toLowerCase()];
  return multiplier === undefined ? undefined : BigInt(digits) * multiplier;
}

/** The size in KiB, rounded up as libvirt rounds sizes it keeps in KiB. */
export function toKiB(value: string | number | undefined, unit: string | undefined, defaultUnit = 'KiB'): bigint | undefined {
  const bytes = toBytes(value, unit, defaultUnit);
  return bytes === undefined ? undefined : (bytes + 1023n) / 1024n;
}

/** A size for messages: `4 GiB`, `1536 MiB`, `512 KiB`, or bytes. */
export function describeBytes(bytes: bigint): string {
  for (const [unit, m] of [['TiB', 1024n ** 4n], ['GiB', 1024n ** 3n], ['MiB', 1024n ** 2n], ['KiB', 1024n]] as const) {
    if (bytes >= m && bytes % m === 0n) return `${bytes / m} ${unit}`;
  }
  return `${bytes} bytes`;
}
