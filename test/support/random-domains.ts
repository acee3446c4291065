/**
 * Distinct domain documents for memory tests: each holds `<name>` and `<os>`, then a random
 * subset of 32 optional top-level children in a random order. The domain's top level is one
 * large interleave, so almost every document walks through states (sets of children seen so
 * far) that no earlier document reached: what a validator memoises of one document is of
 * little use for the next, which is what makes its caches grow.
 */

/** 32 optional children of `<domain>`, each valid on its own and in any order with the others. */
export const OPTIONAL_DOMAIN_CHILDREN: readonly string[] = [
  `<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>`,
  `<genid/>`,
  `<title>t</title>`,
  `<description>d</description>`,
  `<metadata/>`,
  `<memory unit='KiB'>1048576</memory>`,
  `<currentMemory unit='KiB'>1048576</currentMemory>`,
  `<maxMemory slots='16' unit='KiB'>4194304</maxMemory>`,
  `<vcpu placement='static'>2</vcpu>`,
  `<iothreads>1</iothreads>`,
  `<cputune><shares>1024</shares></cputune>`,
  `<numatune><memory mode='strict' nodeset='0'/></numatune>`,
  `<resource><partition>/machine</partition></resource>`,
  `<features><acpi/><apic/></features>`,
  `<clock offset='utc'/>`,
  `<on_poweroff>destroy</on_poweroff>`,
  `<on_reboot>restart</on_reboot>`,
  `<on_crash>destroy</on_crash>`,
  `<on_lockfailure>poweroff</on_lockfailure>`,
  `<pm><suspend-to-mem enabled='no'/></pm>`,
  `<perf><event name='cmt' enabled='no'/></perf>`,
  `<seclabel type='none'/>`,
  `<blkiotune><weight>500</weight></blkiotune>`,
  `<memtune><hard_limit unit='KiB'>1048576</hard_limit></memtune>`,
  `<memoryBacking><nosharepages/></memoryBacking>`,
  `<cpu mode='host-passthrough'/>`,
  `<sysinfo type='smbios'><bios><entry name='vendor'>v</entry></bios></sysinfo>`,
  `<devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>`,
  `<keywrap><cipher name='aes' state='on'/></keywrap>`,
  `<idmap><uid start='0' target='1000' count='10'/><gid start='0' target='1000' count='10'/></idmap>`,
  `<iothreadids><iothread id='1'/></iothreadids>`,
  `<vcpus><vcpu id='0' enabled='yes'/></vcpus>`,
];

/** A small, fast, seeded generator (mulberry32): the same seed gives the same documents. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Document `i` of a stream drawn from `random`: about half the children, shuffled. */
export function randomDomain(i: number, random: () => number): string {
  const picked: string[] = [`<name>vm-${i}</name>`, `<os><type arch='x86_64'>hvm</type></os>`];
  for (const child of OPTIONAL_DOMAIN_CHILDREN) if (random() < 0.5) picked.push(child);
  for (let k = picked.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    const t = picked[k]!;
    picked[k] = picked[j]!;
    picked[j] = t;
  }
  return `<domain type='kvm'>${picked.join('')}</domain>`;
}
