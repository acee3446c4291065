/**
 * Throw-away project folders for `virtxml lint` tests, with documents whose findings are known:
 * the examples of the rules the lint core itself ships, which the rule-example tests keep true.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { duplicateDiskTarget } from '../../src/lint/rules/domain/duplicate-disk-target.js';
import { schemaRule } from '../../src/lint/rules/schema.js';

/** A domain with no finding at all. */
export const CLEAN_DOMAIN = duplicateDiskTarget.meta.docs.example.good;
/** A domain with one `duplicate-disk-target` error, at 14:15 (`dev` of the second `<target>`). */
export const DUPLICATE_TARGET_DOMAIN = duplicateDiskTarget.meta.docs.example.bad;
/** A domain with one `schema` error (device='cdromm'). */
export const SCHEMA_INVALID_DOMAIN = schemaRule.meta.docs.example.bad;
/** Not a libvirt document. */
export const POM = '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n</project>\n';
/** Not well-formed. */
export const BROKEN = '<network>\n  <name>default</name>\n  <bridge name="virbr0">\n</network>\n';

/** The same clean domain with another name, so that fleet rules see distinct guests. */
export function cleanDomainNamed(name: string, uuidByte = 1): string {
  return CLEAN_DOMAIN.replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`).replace(/web01/g, name).replace('<memory', `<uuid>00000000-0000-4000-8000-${uuidByte.toString(16).padStart(12, '0')}</uuid>\n  <memory`);
}

export interface Project {
  readonly dir: string;
  write(path: string, text: string): string;
  remove(): void;
}

/**
 * A folder of documents. The examples are all the guest `web01`: each `.xml` file written gets
 * its own name for it (`web01-1`, `web01-2`, … in the domain's name and its disk images' paths,
 * which keeps every line and column of the example), so that fleet rules see distinct guests
 * unless a test writes its own duplicates.
 */
export function project(files: Readonly<Record<string, string>> = {}): Project {
  const dir = mkdtempSync(join(tmpdir(), 'virtxml-lint-'));
  let guests = 0;
  const p: Project = {
    dir,
    write(path, text) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, path.endsWith('.xml') && text.includes('web01') ? text.replace(/web01/g, `web01-${++guests}`) : text);
      return full;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [path, text] of Object.entries(files)) p.write(path, text);
  return p;
}
