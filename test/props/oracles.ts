/**
 * What the property tests compare against: libxml2 (libvirt's own RELAX NG engine, through
 * libxmljs2) with the release's schemas from ../shared, Jing as a second opinion when libxml2
 * rejects a document that is valid by construction, and our validator.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LibvirtRelease, RootName } from '../../src/model/generated/grammar/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { schemaDir, schemasMissing as schemasMissingIn } from '../support/corpus.js';

/** Runs per root and property: `VIRTXML_PROP_RUNS` (npm run test:props sets 2000), default 25. */
export function propRuns(): number {
  const n = Number(process.env.VIRTXML_PROP_RUNS ?? '');
  return Number.isInteger(n) && n > 0 ? n : 25;
}

/** A test's time limit for `runs` runs: libxml2 compiles the schema on every call (~0.1 s for the largest). */
export function propTimeout(runs = propRuns()): number {
  return 60_000 + runs * 1_000;
}

/** Fixed, so `npm test` sees the same documents every time; `VIRTXML_PROP_SEED` overrides it. */
export function propSeed(): number {
  // Number('') is 0, so an unset or empty variable must be told apart before converting.
  const raw = process.env.VIRTXML_PROP_SEED;
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isInteger(n) ? n : 20250522;
}

/** Why the libxml2 properties of `release` cannot run, or undefined. */
export function schemasMissing(release: LibvirtRelease): string | undefined {
  return schemasMissingIn(release);
}

export interface Verdict {
  readonly valid: boolean;
  /** The first few messages, for failure reports. */
  readonly messages: readonly string[];
}

interface LibxmlDocument {
  rngValidate(schema: LibxmlDocument): boolean;
  readonly validationErrors: readonly { readonly message: string; readonly line?: number }[];
}
interface Libxmljs {
  parseXml(text: string, options?: { baseUrl?: string }): LibxmlDocument;
}

const require = createRequire(import.meta.url);
let libxmljs: Libxmljs | undefined;
const schemaDocs = new Map<string, LibxmlDocument>();

/** libxml2's verdict on `xml` under `release`'s schema for `root`. */
export function libxml2Verdict(release: LibvirtRelease, root: RootName, xml: string): Verdict {
  libxmljs ??= require('libxmljs2') as Libxmljs;
  const key = `${release}/${root}`;
  let schema = schemaDocs.get(key);
  if (schema === undefined) {
    const dir = schemaDir(release);
    schema = libxmljs.parseXml(readFileSync(join(dir, `${root}.rng`), 'utf8'), { baseUrl: `${dir}/` });
    schemaDocs.set(key, schema);
  }
  const doc = libxmljs.parseXml(xml);
  const valid = doc.rngValidate(schema);
  return { valid, messages: doc.validationErrors.slice(0, 4).map((e) => `${e.line ?? '?'}: ${e.message.trim()}`) };
}

/** Our validator's verdict, with diagnostics as `path: message`. */
export function ourVerdict(release: LibvirtRelease, root: RootName, xml: string): Verdict & { readonly paths: readonly string[] } {
  const result = validate(xml, { schema: root, libvirt: release });
  return {
    valid: result.valid,
    messages: result.diagnostics.slice(0, 4).map((d) => `${d.path}: ${d.message}`),
    paths: result.diagnostics.map((d) => d.path),
  };
}

/** Whether Jing is installed (`apt-get install jing`). */
export function jingAvailable(): boolean {
  return spawnSync('jing', [], { encoding: 'utf8' }).error === undefined;
}

/** Jing's verdicts on several documents at once (one JVM start for all of them). */
export function jingVerdicts(release: LibvirtRelease, root: RootName, xmls: readonly string[]): boolean[] {
  if (xmls.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'virtxml-jing-'));
  try {
    const files = xmls.map((xml, i) => {
      const file = join(dir, `doc${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    const run = spawnSync('jing', [join(schemaDir(release), `${root}.rng`), ...files], { encoding: 'utf8' });
    // Jing prints `file:line:col: error: …` for each problem and nothing for valid files.
    return files.map((f) => !run.stdout.includes(`${f}:`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
