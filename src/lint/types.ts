/**
 * The public shapes of linting: findings, rules and the context a rule reads a document through.
 *
 * A rule sees one document at a time through its typed model (the same objects `parse` returns,
 * with their `$layout`, so a finding can point at the element or attribute at fault). Fleet rules
 * also see every linted document at once, through small facts each document yields.
 */
import type { RootTypes } from '../model/generated/types/index.js';
import type { LibvirtRelease, RootName } from '../model/generated/grammar/index.js';
import type { XmlDocument, XmlElement } from '../xml/dom/types.js';

/** How a finding counts: errors fail a run, warnings fail it only past `--max-warnings`. */
export type FindingSeverity = 'error' | 'warning';

/** What a rule is set to in a configuration. */
export type RuleLevel = 'off' | 'warn' | 'error';

/** A rule's setting: a level, or a level and the rule's options. */
export type RuleSetting = RuleLevel | readonly [RuleLevel, Readonly<Record<string, unknown>>];

/** Where rules come from: the grammar, libvirt's define-time checks per root, across files, or style. */
export type RuleCategory = 'schema' | 'domain' | 'network' | 'storage' | 'nwfilter' | 'secret' | 'snapshot' | 'fleet' | 'hygiene' | 'legacy' | 'plugin';

/** One text replacement: `[start, end)` of the source (UTF-16 offsets) becomes `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A change that repairs a finding without losing anything the document says. */
export interface Fix {
  /** What the fix does, e.g. "move `listen` into a <listen> child". */
  readonly description: string;
  /** Non-overlapping edits, in any order. */
  readonly edits: readonly TextEdit[];
}

/** A span of the source, 1-based lines and columns (UTF-16 code units), end exclusive. */
export interface SourceSpan {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** 0-based UTF-16 offset of the start. */
  readonly offset: number;
}

export interface Finding extends SourceSpan {
  /** The rule's stable id, e.g. `duplicate-pci-address`. */
  readonly rule: string;
  readonly severity: FindingSeverity;
  /** One or two sentences that say what is wrong and what to change. */
  readonly message: string;
  /** XPath-like location, e.g. `/domain/devices/disk[2]/target/@dev`. */
  readonly path: string;
  /** The releases whose grammar objects, for `schema` findings when several releases are configured. */
  readonly releases?: readonly LibvirtRelease[];
  /** The safe repair, where the rule has one. */
  readonly fix?: Fix;
  /** Other places the finding involves (the first use of a duplicated address). */
  readonly related?: readonly { readonly message: string; readonly path: string; readonly line: number; readonly column: number; readonly file?: string }[];
}

/** Where a report points: a parsed model object or XML element, optionally one of its attributes. */
export interface ReportTarget {
  /** A model object from the context's `model` (it has a `$layout`) or an element of `document`. */
  readonly node: object;
  /** The attribute at fault, by its qualified name as written (`dev`, `xml:lang`). */
  readonly attribute?: string;
}

export interface Report extends ReportTarget {
  readonly message: string;
  readonly fix?: Fix;
  /** Earlier places involved, e.g. the device that already holds a duplicated address. */
  readonly related?: readonly (ReportTarget & { readonly message: string })[];
}

/** The guest platform a domain describes, which many define-time checks depend on. */
export interface GuestPlatform {
  /** `os/type@arch`, else the configured default architecture. */
  readonly arch: string;
  /** `os/type@machine` as written; undefined when the document names none. */
  readonly machine: string | undefined;
  /** `domain@type` (`kvm`, `qemu`, …). */
  readonly virtType: string;
}

export interface RuleContext<R extends RootName = RootName> {
  readonly root: R;
  /** The typed model of the document (parsed objects: never mutate them). */
  readonly model: RootTypes[R & keyof RootTypes];
  /** The lossless XML tree the model was read from. */
  readonly document: XmlDocument;
  /** The file name as shown in output. */
  readonly file: string;
  /** The rule's options from the configuration (`{}` when none). */
  readonly options: Readonly<Record<string, unknown>>;
  /** For domains: the architecture and machine type the document targets. */
  readonly platform: GuestPlatform;
  /** The libvirt releases the document must be accepted by (the configuration's `libvirt`; the pinned release by default). */
  readonly releases: readonly LibvirtRelease[];
  report(report: Report): void;
  /** The source position of a node or attribute, e.g. to describe a related place in a message. */
  locate(target: ReportTarget): SourceSpan & { readonly path: string };
}

/** Facts one document gave a fleet rule, with the file they came from. */
export interface FleetEntry<T = unknown> {
  readonly file: string;
  readonly root: RootName;
  readonly facts: T;
}

/** A fleet finding: the rule's entry it belongs to, and where in that file. */
export interface FleetReport {
  readonly file: string;
  readonly at: FleetLocation;
  readonly message: string;
  readonly related?: readonly (FleetLocation & { readonly file: string; readonly message: string })[];
}

/** A place inside a file, as facts carry it (facts cross worker threads and caches as JSON). */
export interface FleetLocation {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly offset: number;
}

export interface FleetContext {
  readonly options: Readonly<Record<string, unknown>>;
  report(report: FleetReport): void;
}

export interface RuleExample {
  /** A whole document the rule objects to. */
  readonly bad: string;
  /** The same document repaired: the rule finds nothing in it. */
  readonly good: string;
  /** Configuration the examples need, e.g. `{ arch: 'ppc64' }` or `{ libvirt: '9.0.0' }`; none by default. */
  readonly config?: { readonly arch?: string; readonly libvirt?: string };
}

export interface RuleDocs {
  /** One sentence: what the rule reports. */
  readonly summary: string;
  /** Why it matters: what libvirt does with such a document. */
  readonly why: string;
  readonly example: RuleExample;
  /** libvirt's own message for the case, as `virsh define` prints it. */
  readonly libvirtMessage?: string;
  /** Where libvirt makes the check (file and function), e.g. `src/conf/domain_addr.c, virDomainPCIAddressReserveAddr`. */
  readonly libvirtSource?: string;
  /** What cannot be decided offline, or where the rule is narrower than libvirt. */
  readonly limits?: string;
}

export interface RuleMeta {
  /** Stable kebab-case id; never reused for another meaning. */
  readonly id: string;
  readonly category: RuleCategory;
  /** The level the rule has when the configuration does not name it. */
  readonly level: RuleLevel;
  /** The roots whose documents the rule checks (fleet rules: whose facts it collects). */
  readonly roots: readonly RootName[];
  readonly docs: RuleDocs;
  /** Whether findings can carry a safe fix. */
  readonly fixable?: boolean;
  /** For migration rules: the libvirt releases between which the old form turned legacy. */
  readonly legacy?: LegacyReleases;
}

/**
 * When a legacy form's successor arrived and when the old form stopped being accepted. A release
 * is written `X.Y.Z`, or `≤X.Y.Z` when libvirt's records do not date the change and only a bound
 * is known (the oldest release virtxml checks, 7.0.0, already behaving so).
 */
export interface LegacyReleases {
  /** The libvirt release that introduced the current form (or, for runtime state, began dropping the state on define). */
  readonly since: string;
  /** The release that stopped accepting the old form (refused at define or start), when there is one. */
  readonly until?: string;
  /** Where the releases come from: libvirt's documentation, NEWS or code (../shared/docs/legacy-forms.md). */
  readonly evidence: string;
}

/** A rule that checks one document at a time. */
export interface DocumentRule<R extends RootName = RootName> {
  readonly meta: RuleMeta & { readonly roots: readonly R[] };
  check(context: RuleContext<R>): void;
}

/** A rule that collects facts from each document and judges them together. */
export interface FleetRule<R extends RootName = RootName, T = unknown> {
  readonly meta: RuleMeta & { readonly roots: readonly R[] };
  /** The facts of one document, as plain JSON data (they may cross threads and a cache). */
  collect(context: RuleContext<R>): T | undefined;
  checkFleet(entries: readonly FleetEntry<T>[], context: FleetContext): void;
}

export type Rule = DocumentRule<any> | FleetRule<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Whether a rule is a fleet rule (it collects facts from each document and judges them
 * together, e.g. MAC addresses defined twice across files) rather than a rule of one document.
 *
 * @example
 * ```ts
 * import { BUILTIN_RULES, isFleetRule } from 'virtxml/lint';
 *
 * const fleet = BUILTIN_RULES.filter(isFleetRule).map((r) => r.meta.id);
 * console.log(fleet.includes('fleet-duplicate-mac')); // true
 * ```
 */
export function isFleetRule(rule: Rule): rule is FleetRule<RootName, unknown> {
  return typeof (rule as FleetRule).checkFleet === 'function';
}

/** A plugin module's default export (or its named export `plugin`). */
export interface LintPlugin {
  /** A name for messages, e.g. `acme-policies`. */
  readonly name: string;
  readonly rules: readonly Rule[];
}

/** An element a report pointed at, kept so suppressions can be matched by line. */
export type ReportedElement = XmlElement;
