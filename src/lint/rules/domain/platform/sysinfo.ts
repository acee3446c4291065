/**
 * SMBIOS `<sysinfo>`: the BIOS date format and the system UUID against the domain's `<uuid>`.
 */
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';

/** The 16 bytes of a UUID as libvirt reads it (hex pairs, '-' and spaces between them ignored), as 32 hex digits. */
export function uuidDigits(text: string): string | undefined {
  let s = text.replace(/^\s+/, '');
  let out = '';
  while (out.length < 32) {
    if (s === '') return undefined;
    if (s[0] === '-' || s[0] === ' ') {
      s = s.slice(1);
      continue;
    }
    const m = /^[0-9a-fA-F]{2}/.exec(s);
    if (!m) return undefined;
    out += m[0].toLowerCase();
    s = s.slice(2);
  }
  return /^\s*$/.test(s) ? out : undefined;
}

/** An integer as C's strtol reads it at the start of `s`: the value and what follows, or undefined. */
function leadingInt(s: string): { value: number; rest: string } | undefined {
  const m = /^\s*([+-]?\d+)/.exec(s);
  if (!m) return undefined;
  const value = Number(m[1]);
  if (value > 2147483647 || value < -2147483648) return undefined;
  return { value, rest: s.slice(m[0].length) };
}

/** Whether libvirt accepts a BIOS date: mm/dd/yy or mm/dd/yyyy, the year 00-99 or from 1900. */
export function biosDateValid(date: string): boolean {
  const month = leadingInt(date);
  if (month === undefined || !month.rest.startsWith('/')) return false;
  const day = leadingInt(month.rest.slice(1));
  if (day === undefined || !day.rest.startsWith('/')) return false;
  const year = leadingInt(day.rest.slice(1));
  if (year === undefined || year.rest !== '') return false;
  if (month.value < 1 || month.value > 12 || day.value < 1 || day.value > 31) return false;
  return !(year.value < 0 || (year.value >= 100 && year.value < 1900));
}

function smbios(lines: readonly string[]): string[] {
  return ["<sysinfo type='smbios'>", ...lines.map((l) => `  ${l}`), '</sysinfo>'];
}

export const sysinfoBiosDate: DocumentRule<'domain'> = {
  meta: {
    id: 'sysinfo-bios-date',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "The SMBIOS BIOS `date` entry is not a date of the form mm/dd/yyyy (or mm/dd/yy).",
      why: 'libvirt refuses to define the domain: SMBIOS carries the BIOS release date as mm/dd/yyyy, with a year of 1900 or later (two-digit years mean 19xx).',
      example: {
        bad: domainXml({ body: smbios(['<bios>', "  <entry name='date'>2025-01-31</entry>", '</bios>']) }),
        good: domainXml({ body: smbios(['<bios>', "  <entry name='date'>01/31/2025</entry>", '</bios>']) }),
      },
      libvirtMessage: "Invalid BIOS 'date' format",
      libvirtSource: 'src/conf/domain_conf.c, virSysinfoBIOSParseXML',
    },
  },
  check(ctx) {
    for (const info of ctx.model.sysinfo ?? []) {
      if (info.type !== 'smbios') continue;
      const entry = (info.bios?.entry ?? []).find((e) => e.name === 'date');
      if (entry === undefined || typeof entry.$value !== 'string' || entry.$value === '' || biosDateValid(entry.$value)) continue;
      ctx.report({ node: entry, message: `BIOS date '${entry.$value}' is not mm/dd/yyyy (or mm/dd/yy): write it as e.g. 01/31/2025` });
    }
  },
};

export const sysinfoUuidMismatch: DocumentRule<'domain'> = {
  meta: {
    id: 'sysinfo-uuid-mismatch',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "The SMBIOS system `uuid` entry differs from the domain's `<uuid>`.",
      why: "libvirt refuses to define the domain: the guest's SMBIOS UUID is the domain's UUID; the entry may only repeat it (without `<uuid>`, the domain takes it from the entry).",
      example: {
        bad: domainXml({ body: ['<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>', ...smbios(['<system>', "  <entry name='uuid'>c7a5fdbd-edaf-9455-926a-d65c16db1808</entry>", '</system>'])] }),
        good: domainXml({ body: ['<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>', ...smbios(['<system>', "  <entry name='uuid'>c7a5fdbd-edaf-9455-926a-d65c16db1809</entry>", '</system>'])] }),
      },
      libvirtMessage: 'UUID mismatch between <uuid> and <sysinfo>',
      libvirtSource: 'src/conf/domain_conf.c, virSysinfoSystemParseXML',
    },
  },
  check(ctx) {
    const d = ctx.model;
    if (d.uuid === undefined) return;
    const own = uuidDigits(d.uuid);
    if (own === undefined) return;
    for (const info of d.sysinfo ?? []) {
      if (info.type !== 'smbios') continue;
      const entry = (info.system?.entry ?? []).find((e) => e.name === 'uuid');
      if (entry === undefined || typeof entry.$value !== 'string' || entry.$value === '') continue;
      const theirs = uuidDigits(entry.$value);
      if (theirs === undefined || theirs === own) continue;
      const uuidEl = ctx.document.root.children.find((c) => c.kind === 'element' && c.name === 'uuid');
      ctx.report({
        node: entry,
        message: `the SMBIOS system UUID ${entry.$value} differs from the domain's <uuid> ${d.uuid}: make it the same, or remove the entry`,
        ...(uuidEl !== undefined && uuidEl.kind === 'element' ? { related: [{ node: uuidEl, message: "the domain's UUID" }] } : {}),
      });
    }
  },
};

export const SYSINFO_RULES = [sysinfoBiosDate, sysinfoUuidMismatch] as const;
