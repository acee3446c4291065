/**
 * libxml2 (libvirt's own validator) as a reference for datatype verdicts: one tiny RELAX NG schema per
 * datatype, one document per value, one xmllint run for the lot.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatatypeParam } from '../../../src/xml/datatypes/types.js';

export const XMLLINT = '/usr/bin/xmllint';

export function xmllintMissing(): string | undefined {
  return existsSync(XMLLINT) ? undefined : `${XMLLINT} not installed (Debian package libxml2-utils)`;
}

export type XmllintResult =
  | { readonly kind: 'schema-error'; readonly output: string }
  | { readonly kind: 'verdicts'; readonly valid: readonly boolean[] };

/** Characters an XML 1.0 document can carry at all; other values cannot be asked about. */
export function isXmlText(value: string): boolean {
  return /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u.test(value);
}

function escapeXml(text: string): string {
  // Character references keep tabs, newlines and carriage returns from being normalised by the parser.
  return text.replace(/[&<>"\t\n\r]/g, (char) => `&#${char.codePointAt(0)};`);
}

export function xmllintVerdicts(type: string, params: readonly DatatypeParam[], values: readonly string[]): XmllintResult {
  const dir = mkdtempSync(join(tmpdir(), 'virtxml-xmllint-'));
  try {
    const paramXml = params.map(({ name, value }) => `<param name="${name}">${escapeXml(value)}</param>`).join('');
    writeFileSync(join(dir, 's.rng'),
      '<element name="v" xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">'
      + `<data type="${type}">${paramXml}</data></element>`);
    const files = values.map((value, index) => {
      const file = `v${index}.xml`;
      writeFileSync(join(dir, file), `<v>${escapeXml(value)}</v>`);
      return file;
    });
    const run = spawnSync(XMLLINT, ['--noout', '--relaxng', 's.rng', ...files], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const output = `${run.stdout}${run.stderr}`;
    if (/regexp error|failed to compile|Relax-NG parser error/.test(output)) return { kind: 'schema-error', output };
    const validFiles = new Set(output.split('\n').filter((line) => line.endsWith(' validates')).map((line) => line.split(' ')[0]));
    return { kind: 'verdicts', valid: files.map((file) => validFiles.has(file)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
