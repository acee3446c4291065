/**
 * A mutation fuzzer over libvirt's corpus: each input is a corpus document with one to four
 * random mutations (characters inserted, deleted, duplicated or swapped; markup snippets,
 * hostile values and names, other documents' elements spliced in; elements repeated or nested
 * deeply; line ends changed; the text cut short), and goes through validation, the lossless DOM
 * and the model. Invariants, each a failure when broken:
 *
 * - `crash`: validate throws; parseXml throws anything but XmlSyntaxError; parse anything but
 *   ModelParseError; format of a parsed model anything at all;
 * - `slow`: all the checks of one input take longer than {@link timeBudget} (timed twice: a host
 *   that is busy for a moment is not the library's fault);
 * - `lossy-dom`: serializeXml(parseXml(x)) !== x;
 * - `disagree`: parseXml and validate disagree on whether the text is well-formed, or validate
 *   calls a document valid that parse does not read;
 * - `preserve`: format in the preserve style does not give back x;
 * - `round-trip`: for a valid x, y = format(parse(x)) is not valid, does not parse to the same
 *   model, or is not a fixed point (format(parse(y)) !== y); unless y is longer than the model
 *   reads (32 MiB), which libvirt's indentation can make of a deep document (counted apart);
 * - `migrate`: lint or migrate throws (counted as `crash`); migrate changes a document it says it
 *   left unchanged, turns a valid document invalid, or changes its own output again.
 *
 * Used by `npm run fuzz` (scripts/fuzz.ts) for long runs and by test/fuzz.test.ts for a short
 * seeded slice. Everything is drawn from one seeded generator: a seed and an iteration number
 * reproduce an input.
 */
import { isDeepStrictEqual } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, ModelParseError, parse, type Parsed } from '../../src/model/index.js';
import { MODEL_MAX_LENGTH } from '../../src/xml/model/limits.js';
import { parseXml, serializeXml, XmlSyntaxError } from '../../src/xml/dom/index.js';
import { messages, validate } from '../../src/xml/validate/index.js';
import { lint } from '../../src/lint/lint.js';
import { migrate, type MigrateResult } from '../../src/migrate/migrate.js';
import { corpusMissing, PROJECT_ROOT, readCorpusFile, readManifest } from './corpus.js';
import { seededRandom } from './random-domains.js';

export type Invariant = 'crash' | 'slow' | 'lossy-dom' | 'disagree' | 'preserve' | 'round-trip' | 'migrate';

export interface FuzzFailure {
  readonly invariant: Invariant;
  readonly detail: string;
  readonly seed: number;
  readonly iteration: number;
  readonly source: string;
  readonly mutations: readonly string[];
  readonly input: string;
}

export interface FuzzTotals {
  inputs: number;
  wellFormed: number;
  valid: number;
  parsed: number;
  roundTrips: number;
  /** Inputs migrate changed (each then checked for validity and a second run). */
  migrated: number;
  /** Valid inputs whose libvirt-style output is longer than the model reads (see check). */
  tooLargeOutputs: number;
  characters: number;
  slowest: { ms: number; iteration: number; length: number };
  failures: Record<Invariant, number>;
  /** How often each mutation was applied. */
  mutations: Record<string, number>;
}

export interface FuzzOptions {
  readonly seed: number;
  /** Stop after this many inputs … */
  readonly iterations?: number;
  /** … or after this many seconds, whichever comes first. */
  readonly seconds?: number;
  /** Called with each failure (the run goes on). */
  readonly onFailure?: (failure: FuzzFailure) => void;
  /** Called every few seconds with the totals so far. */
  readonly onProgress?: (totals: FuzzTotals) => void;
}

/**
 * What one input may take for all its checks: 1 s plus 10 µs per character (the corpus takes
 * about 1 µs per character; a busy host several times that).
 */
export function timeBudget(length: number): number {
  return 1_000 + length * 0.01;
}

export interface Seed {
  readonly name: string;
  readonly xml: string;
}

/** libvirt 11.3.0's corpus when ../shared is present, else the project's own test/corpus. */
export function fuzzSeeds(): Seed[] {
  if (corpusMissing('11.3.0') === undefined) {
    return readManifest('11.3.0').map((entry) => ({ name: entry.path, xml: readCorpusFile('11.3.0', entry) }));
  }
  const dir = join(PROJECT_ROOT, 'test/corpus');
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => ({ name: `test/corpus/${f}`, xml: readFileSync(join(dir, f), 'utf8') }));
}

export function fuzz(seeds: readonly Seed[], options: FuzzOptions): FuzzTotals {
  const random = seededRandom(options.seed);
  const totals: FuzzTotals = {
    inputs: 0, wellFormed: 0, valid: 0, parsed: 0, roundTrips: 0, migrated: 0, tooLargeOutputs: 0, characters: 0,
    slowest: { ms: 0, iteration: -1, length: 0 },
    failures: { crash: 0, slow: 0, 'lossy-dom': 0, disagree: 0, preserve: 0, 'round-trip': 0, migrate: 0 },
    mutations: {},
  };
  const started = performance.now();
  let lastProgress = started;
  for (let iteration = 0; ; iteration++) {
    if (options.iterations !== undefined && iteration >= options.iterations) break;
    if (options.seconds !== undefined && performance.now() - started > options.seconds * 1000) break;
    const seed = seeds[Math.floor(random() * seeds.length)]!;
    const { text, applied } = mutate(seed.xml, seeds, random);
    for (const m of applied) totals.mutations[m] = (totals.mutations[m] ?? 0) + 1;
    totals.inputs++;
    totals.characters += text.length;
    const report = (invariant: Invariant, detail: string): void => {
      totals.failures[invariant]++;
      options.onFailure?.({ invariant, detail, seed: options.seed, iteration, source: seed.name, mutations: applied, input: text });
    };
    let outcome = check(text);
    if (outcome.ms > timeBudget(text.length)) {
      const again = check(text);
      if (again.ms <= timeBudget(text.length)) outcome = again;
      else report('slow', `${Math.round(Math.min(outcome.ms, again.ms))} ms for ${text.length} characters (budget ${Math.round(timeBudget(text.length))} ms)`);
    }
    if (outcome.ms > totals.slowest.ms) totals.slowest = { ms: outcome.ms, iteration, length: text.length };
    if (outcome.wellFormed) totals.wellFormed++;
    if (outcome.valid) totals.valid++;
    if (outcome.parsed) totals.parsed++;
    if (outcome.roundTrip) totals.roundTrips++;
    if (outcome.migrated) totals.migrated++;
    if (outcome.tooLargeOutput) totals.tooLargeOutputs++;
    for (const [invariant, detail] of outcome.broken) report(invariant, detail);
    if (options.onProgress !== undefined && performance.now() - lastProgress > 5_000) {
      lastProgress = performance.now();
      options.onProgress(totals);
    }
  }
  return totals;
}

interface Outcome {
  ms: number;
  /** Valid, but formatted in libvirt's style longer than the model reads, so not read back. */
  tooLargeOutput: boolean;
  wellFormed: boolean;
  valid: boolean;
  parsed: boolean;
  roundTrip: boolean;
  migrated: boolean;
  broken: [Invariant, string][];
}

/** Every check of one input; what broke, and how long it all took. */
export function check(x: string): Outcome {
  const out: Outcome = { ms: 0, tooLargeOutput: false, wellFormed: false, valid: false, parsed: false, roundTrip: false, migrated: false, broken: [] };
  const started = performance.now();
  const crash = (what: string, e: unknown): void => {
    out.broken.push(['crash', `${what} threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : String(e)}`]);
  };

  let validity: ReturnType<typeof validate> | undefined;
  try {
    validity = validate(x);
  } catch (e) {
    crash('validate', e);
  }

  let syntaxError: XmlSyntaxError | undefined;
  try {
    const doc = parseXml(x);
    out.wellFormed = true;
    if (serializeXml(doc) !== x) out.broken.push(['lossy-dom', 'serializeXml(parseXml(x)) differs from x']);
  } catch (e) {
    if (e instanceof XmlSyntaxError) syntaxError = e;
    else crash('parseXml', e);
  }
  if (validity !== undefined) {
    const first = validity.diagnostics[0];
    if (syntaxError !== undefined && (validity.valid || first?.code !== syntaxError.code)) {
      out.broken.push(['disagree', `parseXml: ${syntaxError.code}; validate: ${validity.valid ? 'valid' : first?.code}`]);
    }
    const unreadable = validity.diagnostics.find((d) => !Object.prototype.hasOwnProperty.call(messages, d.code));
    if (syntaxError === undefined && out.wellFormed && unreadable !== undefined) {
      out.broken.push(['disagree', `parseXml read it; validate: ${unreadable.code}`]);
    }
  }
  out.valid = validity?.valid === true;

  let parsed: Parsed | undefined;
  try {
    parsed = parse(x);
    out.parsed = true;
  } catch (e) {
    if (!(e instanceof ModelParseError)) crash('parse', e);
    else if (out.valid) out.broken.push(['disagree', `validate says valid; parse: ${e.diagnostics[0]?.code}: ${e.diagnostics[0]?.message.slice(0, 200)}`]);
  }
  if (parsed !== undefined) {
    try {
      const kept = format(parsed, { style: 'preserve' });
      if (kept !== x) out.broken.push(['preserve', 'format(parse(x), { style: "preserve" }) differs from x']);
    } catch (e) {
      crash('format (preserve)', e);
    }
    let y: string | undefined;
    try {
      y = format(parsed);
    } catch (e) {
      crash('format', e);
    }
    if (y !== undefined && out.valid && y.length > MODEL_MAX_LENGTH) {
      // libvirt's style indents each level by two spaces, so a deep document can grow past the
      // length the model reads (a 3.4 MB input nested 257 deep and repeated became 140 MB): its
      // output is not read back, which is the documented limit, not a broken round trip.
      out.tooLargeOutput = true;
    } else if (y !== undefined && out.valid) {
      try {
        const again = parse(y);
        const valid = validate(y).valid;
        const same = isDeepStrictEqual(JSON.parse(JSON.stringify(again.value)), JSON.parse(JSON.stringify(parsed.value)));
        const fixed = format(again) === y;
        if (!valid) out.broken.push(['round-trip', 'format(parse(x)) is not valid']);
        else if (!same) out.broken.push(['round-trip', 'parse(format(parse(x))) is not the model of x']);
        else if (!fixed) out.broken.push(['round-trip', 'format is not a fixed point on format(parse(x))']);
        else out.roundTrip = true;
      } catch (e) {
        if (e instanceof ModelParseError) out.broken.push(['round-trip', `parse(format(parse(x))) failed: ${e.diagnostics[0]?.code}: ${e.diagnostics[0]?.message.slice(0, 200)}`]);
        else crash('parse or validate of format(parse(x))', e);
      }
    }
  }
  checkLintAndMigrate(x, out, crash);
  out.ms = performance.now() - started;
  return out;
}

/** lint and migrate: neither throws; migrate keeps a valid document valid and is idempotent. */
function checkLintAndMigrate(x: string, out: Outcome, crash: (what: string, e: unknown) => void): void {
  try {
    lint(x);
  } catch (e) {
    crash('lint', e);
  }
  let migrated: MigrateResult;
  try {
    migrated = migrate(x);
  } catch (e) {
    crash('migrate', e);
    return;
  }
  if (!migrated.changed) {
    if (migrated.xml !== x) out.broken.push(['migrate', 'migrate says unchanged but its text differs']);
    return;
  }
  out.migrated = true;
  try {
    if (out.valid && !validate(migrated.xml).valid) out.broken.push(['migrate', `migrate made a valid document invalid (${migrated.changes.filter((c) => c.applied).map((c) => c.rule).join(', ')})`]);
    const again = migrate(migrated.xml);
    if (again.changed) out.broken.push(['migrate', `a second migrate changed the output again (${again.changes.filter((c) => c.applied).map((c) => c.rule).join(', ')})`]);
  } catch (e) {
    crash('validate or migrate of migrate(x)', e);
  }
}

// ---- mutations ----

const SNIPPETS = [
  '<', '>', '&', '&amp;', '&lt;', '&#0;', '&#x10FFFF;', '&#xD800;', '&e;', '&unknown;', '<![CDATA[', ']]>', '<![CDATA[x]]>', '<!--', '-->',
  '<!-- c -->', '<?pi data?>', '<?xml version="1.0"?>', '"', "'", '=', ' ', '\n', '\r\n', '\r', '\t', '\u0000', '\u0001', '\u0085', '\u2028',
  '\uFFFE', '\uFEFF', '\uD800', 'é', '😀', ' xmlns:q="urn:q"', ' q:a="1"', ' xmlns=""', ' xml:lang="en"', '<x/>', '</x>', '<q:x xmlns:q="urn:q"/>',
  '<metadata><m:a xmlns:m="urn:m"/></metadata>', '<!DOCTYPE domain [<!ENTITY e "kvm">]>', '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
  '<!ENTITY', '<name>', '</name>', '<devices/>', 'x'.repeat(300), '<a>'.repeat(50),
];

const VALUES = [
  '', ' ', 'yes', 'no', 'on', '0', '-1', '1.5', '4294967296', '18446744073709551616', '0x1f', 'none', 'default', 'kvm', 'qcow2',
  '/var/lib/libvirt/images/x.img', '00:11:22:33:44:55', '192.168.122.1', 'fe80::1', 'c7a5fdbd-edaf-9455-926a-d65c16db1809',
  'KiB', 'GiB', ' padded ', '&amp;', '&#x20;', 'é', '\u2028', 'a'.repeat(10_000), '9'.repeat(400),
];

/** Mutations that multiply a document stop short of this many characters. */
const MAX_INPUT = 40_000_000;

const NAMES = ['x', 'disk', 'devices', 'name', 'q:x', 'a-b', '_', 'é', 'x'.repeat(200), 'memory', 'source', 'target', 'driver'];

type Mutation = (text: string, seeds: readonly Seed[], random: () => number) => string;

const at = (text: string, random: () => number): number => Math.floor(random() * (text.length + 1));
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

/** Offsets of `<` that start an element's start tag. */
function tagStarts(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const c = text.charCodeAt(i + 1);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) out.push(i);
  }
  return out;
}

/** The element starting at `start` as [start, end) (a best effort: the matching end tag by name), or undefined. */
function elementAt(text: string, start: number): [number, number] | undefined {
  const nameEnd = text.slice(start + 1).search(/[\s/>]/);
  if (nameEnd < 0) return undefined;
  const name = text.slice(start + 1, start + 1 + nameEnd);
  const tagEnd = text.indexOf('>', start);
  if (tagEnd < 0) return undefined;
  if (text[tagEnd - 1] === '/') return [start, tagEnd + 1];
  let depth = 0;
  const re = new RegExp(`<(/?)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s/>])[^>]*?(/?)>`, 'g');
  re.lastIndex = start;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[1] === '/') depth--;
    else if (m[2] !== '/') depth++;
    if (depth === 0) return [start, m.index + m[0].length];
  }
  return undefined;
}

function randomElement(text: string, random: () => number): [number, number] | undefined {
  const starts = tagStarts(text);
  if (starts.length === 0) return undefined;
  return elementAt(text, pick(starts, random));
}

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'insert-snippet': (t, _, r) => {
    const i = at(t, r);
    return t.slice(0, i) + pick(SNIPPETS, r) + t.slice(i);
  },
  'delete-range': (t, _, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(Math.min(t.length, i + 1 + Math.floor(r() * 40)));
  },
  'duplicate-range': (t, _, r) => {
    if (t.length + 200 > MAX_INPUT) return t;
    const i = at(t, r);
    const j = Math.min(t.length, i + 1 + Math.floor(r() * 200));
    return t.slice(0, j) + t.slice(i, j) + t.slice(j);
  },
  'swap-ranges': (t, _, r) => {
    const [a, b] = [at(t, r), at(t, r)].sort((x, y) => x - y) as [number, number];
    const n = Math.min(1 + Math.floor(r() * 30), b - a);
    return t.slice(0, a) + t.slice(b, b + n) + t.slice(a + n, b) + t.slice(a, a + n) + t.slice(b + n);
  },
  'attribute-value': (t, _, r) => {
    const values = [...t.matchAll(/=(['"])([^'"]*)\1/g)];
    if (values.length === 0) return t;
    const m = pick(values, r);
    const q = m[1]!;
    const v = pick(VALUES, r).replaceAll(q, q === '"' ? '&quot;' : '&apos;');
    return t.slice(0, m.index! + 2) + v + t.slice(m.index! + 2 + m[2]!.length);
  },
  'text-value': (t, _, r) => {
    const texts = [...t.matchAll(/>([^<>\s][^<>]*)</g)];
    if (texts.length === 0) return t;
    const m = pick(texts, r);
    return t.slice(0, m.index! + 1) + pick(VALUES, r).replaceAll('<', '&lt;') + t.slice(m.index! + 1 + m[1]!.length);
  },
  'rename-element': (t, _, r) => {
    const el = randomElement(t, r);
    if (el === undefined) return t;
    const name = t.slice(el[0] + 1).match(/^[^\s/>]+/)![0];
    const to = pick(NAMES, r);
    const inner = t.slice(el[0], el[1]);
    const renamed = inner.replace(`<${name}`, `<${to}`).replace(new RegExp(`</${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>$`), `</${to}>`);
    return t.slice(0, el[0]) + renamed + t.slice(el[1]);
  },
  'delete-element': (t, _, r) => {
    const el = randomElement(t, r);
    return el === undefined ? t : t.slice(0, el[0]) + t.slice(el[1]);
  },
  'repeat-element': (t, _, r) => {
    const el = randomElement(t, r);
    if (el === undefined) return t;
    // At most about 40 MB in all: past the 32 MiB bound, but far from the longest string V8 holds.
    const times = Math.max(2, Math.min(pick([2, 3, 10, 200, 2000], r), Math.floor(MAX_INPUT / (el[1] - el[0]))));
    if (t.length + (times - 1) * (el[1] - el[0]) > MAX_INPUT) return t;
    return t.slice(0, el[1]) + t.slice(el[0], el[1]).repeat(times - 1) + t.slice(el[1]);
  },
  'nest-element': (t, _, r) => {
    const el = randomElement(t, r);
    if (el === undefined) return t;
    const depth = pick([1, 2, 10, 250, 255, 256, 257, 258, 1000], r);
    const [open, close] = pick([['<x>', '</x>'], ['<m:x xmlns:m="urn:m">', '</m:x>'], ['<metadata>', '</metadata>']] as const, r);
    if (t.length + depth * (open.length + close.length) > MAX_INPUT) return t;
    return t.slice(0, el[0]) + open.repeat(depth) + t.slice(el[0], el[1]) + close.repeat(depth) + t.slice(el[1]);
  },
  'splice-element': (t, seeds, r) => {
    const other = pick(seeds, r).xml;
    const el = randomElement(other, r);
    const starts = tagStarts(t);
    if (el === undefined || starts.length === 0 || t.length + el[1] - el[0] > MAX_INPUT) return t;
    const target = randomElement(t, r);
    const i = target === undefined ? pick(starts, r) : target[1];
    return t.slice(0, i) + other.slice(el[0], el[1]) + t.slice(i);
  },
  'many-attributes': (t, _, r) => {
    const i = t.search(/<[a-zA-Z_][^\s/>]*/);
    if (i < 0) return t;
    const nameEnd = i + t.slice(i).search(/[\s/>]/);
    const n = pick([20, 1000, 20_000], r);
    if (t.length + n * 16 > MAX_INPUT) return t;
    let extra = '';
    for (let k = 0; k < n; k++) extra += ` a${k}="${k}"`;
    return t.slice(0, nameEnd) + extra + t.slice(nameEnd);
  },
  'line-ends': (t, _, r) => t.replaceAll('\n', pick(['\r\n', '\r', '\n\n', ' '], r)),
  truncate: (t, _, r) => t.slice(0, at(t, r)),
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to four mutations of `text`; their names in the order applied. */
export function mutate(text: string, seeds: readonly Seed[], random: () => number): { text: string; applied: string[] } {
  const applied: string[] = [];
  const count = 1 + Math.floor(random() * random() * 4);
  let out = text;
  for (let k = 0; k < count; k++) {
    const name = pick(MUTATION_NAMES, random);
    out = MUTATIONS[name]!(out, seeds, random);
    applied.push(name);
  }
  return { text: out, applied };
}
