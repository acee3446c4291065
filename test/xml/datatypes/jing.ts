/**
 * Jing (the reference RELAX NG validator, with its own XSD datatypes) as a second opinion where libxml2
 * departs from the spec. Jing starts a JVM, so every question goes into one schema and one document:
 * a `k` attribute picks the datatype for each `<v>`, one `<v>` per line, and error lines name the failures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatatypeParam } from '../../../src/xml/datatypes/types.js';

export const JING = '/usr/bin/jing';

export function jingMissing(): string | undefined {
  return existsSync(JING) ? undefined : `${JING} not installed (Debian package jing)`;
}

export interface JingQuestion {
  readonly type: string;
  readonly params: readonly DatatypeParam[];
  readonly value: string;
}

export type JingResult =
  | { readonly kind: 'schema-error'; readonly output: string }
  | { readonly kind: 'verdicts'; readonly valid: readonly boolean[] };

function escapeXml(text: string): string {
  return text.replace(/[&<>"\t\n\r]/g, (char) => `&#${char.codePointAt(0)};`);
}

export function jingVerdicts(questions: readonly JingQuestion[]): JingResult {
  const datatypeKeys = new Map<string, number>();
  const branches: string[] = [];
  const keyOf = ({ type, params }: JingQuestion): number => {
    const key = JSON.stringify([type, params]);
    let index = datatypeKeys.get(key);
    if (index === undefined) {
      index = datatypeKeys.size;
      datatypeKeys.set(key, index);
      const paramXml = params.map(({ name, value }) => `<param name="${name}">${escapeXml(value)}</param>`).join('');
      branches.push(`<group><attribute name="k"><value datatypeLibrary="">${index}</value></attribute><data type="${type}">${paramXml}</data></group>`);
    }
    return index;
  };
  const lines = questions.map((question) => `<v k="${keyOf(question)}">${escapeXml(question.value)}</v>`);
  const dir = mkdtempSync(join(tmpdir(), 'virtxml-jing-'));
  try {
    writeFileSync(join(dir, 's.rng'),
      '<element name="doc" xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">\n'
      + `<zeroOrMore><element name="v"><choice>\n${branches.join('\n')}\n</choice></element></zeroOrMore></element>\n`);
    // Line 1 holds <doc>, so question i sits on line i + 2.
    writeFileSync(join(dir, 'd.xml'), `<doc>\n${lines.join('\n')}\n</doc>\n`);
    const run = spawnSync(JING, ['s.rng', 'd.xml'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const errors = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.includes(': error: ') || line.includes(': fatal: '));
    if (errors.some((line) => !/d\.xml:\d+:\d+: error: /.test(line))) return { kind: 'schema-error', output: errors.join('\n') };
    const invalidLines = new Set(errors.map((line) => Number(/d\.xml:(\d+):/.exec(line)?.[1])));
    return { kind: 'verdicts', valid: questions.map((_, index) => !invalidLines.has(index + 2)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
