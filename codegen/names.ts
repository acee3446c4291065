/**
 * Naming rules shared by the shape pass: words of schema names, PascalCase type names, joining
 * a context to a name without stutter, and TypeScript property keys for XML names.
 *
 * Names come from the schema and nothing else; the overrides file only supplies what the schema
 * cannot (namespace prefixes, readable prefixes per file, a few better spellings).
 */
import { readFileSync } from 'node:fs';

export interface NameOverrides {
  /** Namespace URI → the prefix libvirt's documentation and output use for it. */
  readonly namespaces: Readonly<Record<string, string>>;
  /** Schema file → the word put before a type name when two files want the same name. */
  readonly filePrefixes: Readonly<Record<string, string>>;
  /** `file#define` or `file#define>element>…` → the type name to use instead of the derived one. */
  readonly types: Readonly<Record<string, string>>;
  /** `file#define` of a fragment → the word naming the elements written directly in it. */
  readonly contexts: Readonly<Record<string, string>>;
  /** Generated type names allowed to end in a digit, with the reason. */
  readonly digitAllowed: Readonly<Record<string, string>>;
}

function stripComments(o: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (!k.startsWith('//') && typeof v === 'string') out[k] = v;
  return out;
}

const overridesJson = JSON.parse(readFileSync(new URL('./names.overrides.json', import.meta.url), 'utf8')) as Record<
  keyof NameOverrides,
  Record<string, unknown>
>;

export const NAME_OVERRIDES: NameOverrides = {
  namespaces: stripComments(overridesJson.namespaces),
  filePrefixes: stripComments(overridesJson.filePrefixes),
  types: stripComments(overridesJson.types),
  contexts: stripComments(overridesJson.contexts),
  digitAllowed: stripComments(overridesJson.digitAllowed),
};

/**
 * The words of a schema name: split at `-`, `_`, `.`, `:` and at lower→upper case changes;
 * a run of capitals stays one word (`UUID`, `VNCPort` → `VNC`, `Port`).
 */
export function words(name: string): string[] {
  const out: string[] = [];
  for (const part of name.split(/[^A-Za-z0-9]+/)) {
    if (part === '') continue;
    for (const m of part.matchAll(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g)) out.push(m[0]);
  }
  return out;
}

function capitalise(word: string): string {
  // All-capital words longer than two letters read better as words in a type name (UUID → Uuid)
  // except where they are the whole name; two-letter ones stay (IO, IP).
  const w = word.length > 2 && word === word.toUpperCase() && /[A-Z]/.test(word) ? word[0] + word.slice(1).toLowerCase() : word;
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** `diskSourceFile` → `DiskSourceFile`, `ethernet-interface` → `EthernetInterface`, `UUID` → `Uuid`. */
export function pascalCase(name: string): string {
  return words(name).map(capitalise).join('');
}

/** The PascalCase words of a type name. */
function typeWords(typeName: string): string[] {
  return typeName.match(/[A-Z][a-z0-9]*|[0-9]+/g) ?? [typeName];
}

/**
 * `context` followed by `name`, without repeating the words where they overlap:
 * (`DiskSource`, `SourceFile`) → `DiskSourceFile`, (`Domain`, `Disk`) → `DomainDisk`.
 * With `whole`, `name` may disappear into the context entirely — right for a prefix
 * (`HostInterface` + `Interface` → `HostInterface`), wrong for a child element, which must
 * stay apart from its parent (`Source` inside `DiskSource` → `DiskSourceSource`).
 */
export function joinName(context: string, name: string, whole = false): string {
  if (context === '') return name;
  const a = typeWords(context);
  const b = typeWords(name);
  for (let k = Math.min(a.length, whole ? b.length : b.length - 1); k > 0; k--) {
    const tail = a.slice(a.length - k).join('');
    const head = b.slice(0, k).join('');
    if (tail === head) return context + b.slice(k).join('');
  }
  return context + name;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s);
}

/** A property key as written in a TypeScript type: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Names a generated type must not take: the model's own exports and global built-ins a reader
 * would confuse them with.
 */
export const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  'ElementBase', 'AnyElement', 'AnyText', 'AnyComment', 'AnyProcessingInstruction', 'AnyNode', 'UnknownNode',
  'UnknownAttribute', 'Layout', 'IntegerString', 'RootTypes', 'RootName',
  'Object', 'Function', 'String', 'Number', 'Boolean', 'Symbol', 'Array', 'Map', 'Set', 'Error', 'Promise',
  'Date', 'RegExp', 'Math', 'JSON', 'Record', 'Partial', 'Readonly', 'Required', 'Pick', 'Omit', 'Element',
  'Node', 'Text', 'Comment', 'Document', 'Event', 'Range', 'Selection', 'Screen', 'Window', 'Storage',
]);

/** The prefix for a namespace URI, or undefined when libvirt's schemas give it none we know. */
export function namespacePrefix(ns: string): string | undefined {
  return NAME_OVERRIDES.namespaces[ns];
}
