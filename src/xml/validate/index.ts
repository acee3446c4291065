/**
 * RELAX NG validation of libvirt XML against the compiled grammars, with diagnostics that say
 * where, what was found, what was expected and what was probably meant.
 */
import { LineMap, parseXml, XmlSyntaxError } from '../dom/index.js';
import { XmlEventLog } from '../dom/events.js';
import { readXmlEvents } from '../dom/reader.js';
import type { XmlDocument } from '../dom/types.js';
import type { GrammarTable } from '../grammar/table.js';
import { GrammarNotLoadedError } from '../grammar/not-loaded.js';
import {
  loadGrammarModule,
  loadGrammarTable,
  LIBVIRT_RELEASES,
  PINNED_RELEASE,
  ROOT_ELEMENTS,
  type LibvirtRelease,
  type RootName,
} from '../../model/generated/grammar/index.js';
import { explainLaterAdditions } from './later-additions.js';
import { CompiledValidator, type CompiledValidatorOptions } from './compiled-validator.js';
import type { Diagnostic } from './diagnostic.js';
import { message } from './messages.js';
import { suggest } from './suggest.js';
import { validateEvents } from './validate-stream.js';

export { CompiledValidator, type CompiledValidatorOptions } from './compiled-validator.js';
export type { MemoBudget } from './context.js';
export { formatDiagnostic, type Diagnostic, type DiagnosticCode, type Severity } from './diagnostic.js';
export { messages, type ValidationCode } from './messages.js';
export { GrammarNotLoadedError } from '../grammar/not-loaded.js';

export interface ValidateOptions {
  /** The schema to validate against; by default it is chosen from the root element's name. */
  readonly schema?: RootName;
  /** The libvirt release whose grammar is used; default the pinned release (11.3.0). */
  readonly libvirt?: LibvirtRelease;
}

export interface ValidationResult {
  readonly valid: boolean;
  /** The schema used; undefined when none could be chosen (unknown root, or XML not well-formed). */
  readonly schema: RootName | undefined;
  readonly diagnostics: Diagnostic[];
}

/**
 * Validates a document given as text. Never throws for bad input: problems are diagnostics.
 * In browser bundles, which load each grammar on first use, it throws `GrammarNotLoadedError`
 * while the grammar it needs is not loaded: call {@link loadGrammar} first, or use
 * {@link validateAsync}.
 *
 * @example
 * ```ts
 * import { validate } from 'virtxml/validate';
 *
 * const result = validate("<domain type='kvm'>\n  <name>web01</name>\n  <memory>1048576</memory>\n  <os>\n    <type>hvm</type>\n  </os>\n  <devices>\n    <disk type='file' device='cdromm'/>\n  </devices>\n</domain>\n");
 * console.log(result.valid, result.schema); // false domain
 * const [first] = result.diagnostics;
 * console.log(`${first!.line}:${first!.column} ${first!.code}`); // 8:23 invalid-attribute-value
 * console.log(first!.message); // value "cdromm" of attribute "device" on <disk> is not allowed; expected one of "cdrom", "disk" or "floppy"; did you mean "cdrom"?
 * // An older release's grammar:
 * console.log(validate("<network><name>n</name><dns enable='yes'/></network>", { libvirt: '7.0.0' }).valid); // true
 * ```
 */
export function validate(xml: string, options: ValidateOptions = {}): ValidationResult {
  const release = options.libvirt ?? PINNED_RELEASE;
  checkRelease(release);
  const streamed = validateStreaming(xml, release, options.schema);
  if (streamed !== undefined) return streamed;
  let doc: XmlDocument;
  try {
    doc = parseXml(xml);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    return syntaxErrorResult(e, options.schema);
  }
  const schema = options.schema ?? rootSchema(release, doc.root.local);
  if (schema === undefined) {
    const known = Object.keys(rootsByElement(release)).sort();
    const d: Diagnostic = {
      severity: 'error',
      code: 'unknown-root',
      message: message('unknown-root', { root: doc.root.name, ...suggestion(doc.root.local, known), known }),
      ...locateRoot(doc),
      path: `/${doc.root.name}`,
      expected: known,
    };
    return { valid: false, schema: undefined, diagnostics: [d] };
  }
  const validator = compiledValidator(release, schema);
  if (validator === undefined) {
    const known = Object.keys(ROOT_ELEMENTS[release]).sort();
    const d: Diagnostic = {
      severity: 'error',
      code: 'unknown-schema',
      message: message('unknown-schema', { schema, known }),
      line: 1,
      column: 1,
      path: '',
      expected: known,
    };
    return { valid: false, schema: undefined, diagnostics: [d] };
  }
  let diagnostics = validator.validate(doc);
  if (release !== PINNED_RELEASE && diagnostics.length > 0) diagnostics = explainLaterAdditions(diagnostics, doc, schema, release);
  return { valid: diagnostics.length === 0, schema, diagnostics };
}

/**
 * Loads the grammar `validate` needs for `schema` documents of a libvirt release (default: the
 * pinned one), and the pinned release's too, which messages about an older release consult.
 * Node entries hold every grammar already and resolve at once; browser bundles load each
 * grammar on first use, as a chunk of its own, and `validate` throws `GrammarNotLoadedError`
 * for a grammar that has not been loaded.
 *
 * @example
 * ```ts
 * import { loadGrammar, validate } from 'virtxml/validate';
 *
 * // In a browser bundle: load the grammar once, then validate synchronously (on each keystroke, say).
 * await loadGrammar('domain');
 * console.log(validate("<domain type='kvm'><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>").valid); // true
 * ```
 */
export async function loadGrammar(schema: RootName, libvirt: LibvirtRelease = PINNED_RELEASE): Promise<void> {
  checkRelease(libvirt);
  await Promise.all([loadGrammarModule(libvirt, schema), libvirt === PINNED_RELEASE ? undefined : loadGrammarModule(PINNED_RELEASE, schema)]);
}

/**
 * `validate`, after loading what it needs: the grammar of the document's root (or of
 * `options.schema`). The same result as `validate`; in browser bundles, the way to validate a
 * document whose root is not known in advance.
 *
 * @example
 * ```ts
 * import { validateAsync } from 'virtxml/validate';
 *
 * const result = await validateAsync("<pool type='dir'><name>images</name><target><path>/var/lib/libvirt/images</path></target></pool>");
 * console.log(result.valid, result.schema); // true storagepool
 * ```
 */
export async function validateAsync(xml: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  // Each round loads one missing grammar: the root's, then (for an older release's messages) the
  // pinned release's. Grammars never unload, so two rounds are enough; the bound is a guard.
  for (let round = 0; ; round++) {
    try {
      return validate(xml, options);
    } catch (e) {
      if (!(e instanceof GrammarNotLoadedError) || round >= 4) throw e;
      await loadGrammarModule(e.release as LibvirtRelease, e.root as RootName);
    }
  }
}

function checkRelease(release: LibvirtRelease): void {
  if (!(LIBVIRT_RELEASES as readonly string[]).includes(release)) {
    throw new RangeError(`libvirt release "${String(release)}" is not supported; supported: ${LIBVIRT_RELEASES.join(', ')}`);
  }
}

/**
 * The result for a document that reading and validating from events found valid or not
 * well-formed; undefined when it has to be validated on its tree, which gives the diagnostics.
 */
function validateStreaming(xml: string, release: LibvirtRelease, schema: RootName | undefined): ValidationResult | undefined {
  const fixed = schema === undefined ? undefined : compiledValidator(release, schema);
  if (schema !== undefined && fixed === undefined) return undefined;
  eventLog.clear();
  try {
    readXmlEvents(xml, eventLog);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    return syntaxErrorResult(e, schema);
  }
  let chosen = schema;
  const valid = validateEvents(eventLog, (_ns, local) => {
    if (fixed !== undefined) return fixed.streamGrammar;
    chosen = rootSchema(release, local);
    return chosen === undefined ? undefined : compiledValidator(release, chosen)?.streamGrammar;
  });
  eventLog.clear();
  return valid ? { valid: true, schema: chosen, diagnostics: [] } : undefined;
}

/** Reused from document to document (validation is synchronous, so one is enough). */
const eventLog = new XmlEventLog();

function syntaxErrorResult(e: XmlSyntaxError, schema: RootName | undefined): ValidationResult {
  const d: Diagnostic = { severity: 'error', code: e.code, message: e.detail, line: e.line, column: e.column, path: '' };
  return { valid: false, schema, diagnostics: [d] };
}

/**
 * Validates a parsed document against a grammar table or a compiled validator. Tables are
 * compiled once (with `options`, on first use) and the validator is kept for as long as the
 * table object lives, so its memos serve every later document.
 */
export function validateDocument(
  doc: XmlDocument,
  grammar: GrammarTable | CompiledValidator,
  options: CompiledValidatorOptions = {},
): { valid: boolean; diagnostics: Diagnostic[] } {
  const validator = grammar instanceof CompiledValidator ? grammar : validatorForTable(grammar, options);
  const diagnostics = validator.validate(doc);
  return { valid: diagnostics.length === 0, diagnostics };
}

const byTable = new WeakMap<GrammarTable, CompiledValidator>();

function validatorForTable(table: GrammarTable, options: CompiledValidatorOptions = {}): CompiledValidator {
  let v = byTable.get(table);
  if (v === undefined) {
    v = CompiledValidator.fromTable(table, options);
    byTable.set(table, v);
  }
  return v;
}

const compiled = new Map<string, CompiledValidator>();

/**
 * The shared validator of one shipped grammar, or undefined when the release has no such root.
 * `validate` loads grammars on first use; a service can call this at startup to pay for loading
 * before its first request.
 *
 * @example
 * ```ts
 * import { compiledValidator, parseXml } from 'virtxml';
 *
 * // At a service's startup: pay for loading the domain grammar before the first request.
 * const domains = compiledValidator('11.3.0', 'domain')!;
 * const diagnostics = domains.validate(parseXml("<domain type='kvmm'><name>a</name></domain>"));
 * console.log(diagnostics.map((d) => d.code)); // [ 'invalid-attribute-value' ]
 * ```
 */
export function compiledValidator(release: LibvirtRelease, root: RootName): CompiledValidator | undefined {
  const key = `${release}/${root}`;
  let v = compiled.get(key);
  if (v === undefined) {
    const table = loadGrammarTable(release, root);
    if (table === undefined) return undefined;
    v = validatorForTable(table);
    compiled.set(key, v);
  }
  return v;
}

const rootMaps = new Map<LibvirtRelease, Readonly<Record<string, RootName>>>();

/** Document element local name → schema, for one release. */
export function rootsByElement(release: LibvirtRelease): Readonly<Record<string, RootName>> {
  let map = rootMaps.get(release);
  if (map === undefined) {
    const m: Record<string, RootName> = {};
    for (const [root, elements] of Object.entries(ROOT_ELEMENTS[release]) as [RootName, readonly string[]][]) {
      for (const el of elements) m[el] ??= root;
    }
    map = m;
    rootMaps.set(release, map);
  }
  return map;
}

function rootSchema(release: LibvirtRelease, local: string): RootName | undefined {
  const map = rootsByElement(release);
  return Object.prototype.hasOwnProperty.call(map, local) ? map[local] : undefined;
}

function suggestion(found: string, known: readonly string[]): { suggestion?: string } {
  const s = suggest(found, known);
  return s === undefined ? {} : { suggestion: s };
}

function locateRoot(doc: XmlDocument): { line: number; column: number } {
  return new LineMap(doc.source).locate(doc.root.offset);
}
