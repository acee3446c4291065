/**
 * The compiled grammar table: the serialised form of one root's simplified pattern graph, as
 * codegen writes it into `src/model/generated/grammar/<release>/<root>.ts` and as the runtime
 * reads it back. Rows refer to each other by index; only element rows may be referred to
 * before they appear (that is how recursive grammars are written down).
 */
import { PatternBuilder } from './builder.js';
import type { NameClass } from './name-class.js';
import type { DatatypeSpec, ElementOrigin, ElementPattern, Pattern } from './pattern.js';

export const GRAMMAR_FORMAT = 'virtxml-grammar/1';

export type NameClassRow =
  | readonly ['name', string, string]
  | readonly ['anyName', number]
  | readonly ['nsName', string, number]
  | readonly ['choice', number, number];

export type DatatypeRow = readonly [library: string, name: string, params: readonly (readonly [string, string])[]];

export type PatternRow =
  | readonly ['empty']
  | readonly ['notAllowed']
  | readonly ['text']
  | readonly ['choice', number, number]
  | readonly ['group', number, number]
  | readonly ['interleave', number, number]
  | readonly ['oneOrMore', number]
  | readonly ['list', number]
  | readonly ['data', number, number]
  | readonly ['value', number, string, string]
  | readonly ['attribute', number, number]
  | readonly ['element', number, number, string, string, number];

export interface GrammarTable {
  readonly format: typeof GRAMMAR_FORMAT;
  readonly libvirt: string;
  readonly root: string;
  readonly start: number;
  /** Name-class rows; `-1` stands for "no except". */
  readonly nameClasses: readonly NameClassRow[];
  readonly datatypes: readonly DatatypeRow[];
  /** Pattern rows; element rows are `[element, nameClass, content, define, file, line]`. */
  readonly patterns: readonly PatternRow[];
}

export class GrammarTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GrammarTableError';
  }
}

/** Writes the graph reachable from `start` as a table; the row order is deterministic. */
export function writeGrammarTable(start: Pattern, libvirt: string, root: string): GrammarTable {
  const nameClassIndex = new Map<NameClass, number>();
  const nameClasses: NameClassRow[] = [];
  const datatypeIndex = new Map<string, number>();
  const datatypes: DatatypeRow[] = [];
  const patternIndex = new Map<Pattern, number>();
  const patterns: (PatternRow | undefined)[] = [];
  const pendingElements: ElementPattern[] = [];

  const nc = (n: NameClass): number => {
    const known = nameClassIndex.get(n);
    if (known !== undefined) return known;
    let row: NameClassRow;
    switch (n.kind) {
      case 'name': row = ['name', n.ns, n.local]; break;
      case 'anyName': row = ['anyName', n.except ? nc(n.except) : -1]; break;
      case 'nsName': row = ['nsName', n.ns, n.except ? nc(n.except) : -1]; break;
      case 'choice': row = ['choice', nc(n.a), nc(n.b)]; break;
    }
    nameClassIndex.set(n, nameClasses.length);
    nameClasses.push(row);
    return nameClasses.length - 1;
  };

  const dt = (spec: DatatypeSpec): number => {
    const known = datatypeIndex.get(spec.key);
    if (known !== undefined) return known;
    datatypeIndex.set(spec.key, datatypes.length);
    datatypes.push([spec.library, spec.name, spec.params.map((p) => [p.name, p.value] as const)]);
    return datatypes.length - 1;
  };

  // Post-order over non-element edges, so every non-element operand precedes its user.
  const visit = (p: Pattern): number => {
    const known = patternIndex.get(p);
    if (known !== undefined) return known;
    if (p.kind === 'element') {
      const index = patterns.length;
      patternIndex.set(p, index);
      patterns.push(undefined);
      pendingElements.push(p);
      return index;
    }
    let row: PatternRow;
    switch (p.kind) {
      case 'empty': case 'notAllowed': case 'text': row = [p.kind]; break;
      case 'choice': case 'group': case 'interleave': row = [p.kind, visit(p.a), visit(p.b)]; break;
      case 'oneOrMore': case 'list': row = [p.kind, visit(p.p)]; break;
      case 'data': row = ['data', dt(p.datatype), p.except ? visit(p.except) : -1]; break;
      case 'value': row = ['value', dt(p.datatype), p.value, p.ns]; break;
      case 'attribute': row = ['attribute', nc(p.nameClass), visit(p.content)]; break;
      case 'after': throw new GrammarTableError('an "after" pattern cannot be part of a grammar');
    }
    patternIndex.set(p, patterns.length);
    patterns.push(row);
    return patterns.length - 1;
  };

  const startIndex = visit(start);
  for (let i = 0; i < pendingElements.length; i++) {
    const el = pendingElements[i]!;
    const index = patternIndex.get(el)!;
    const content = visit(el.content);
    const o = el.origin;
    patterns[index] = ['element', nc(el.nameClass), content, o?.define ?? '', o?.file ?? '', o?.line ?? 0];
  }
  return { format: GRAMMAR_FORMAT, libvirt, root, start: startIndex, nameClasses, datatypes, patterns: patterns as PatternRow[] };
}

export interface LoadedGrammar {
  readonly table: GrammarTable;
  readonly builder: PatternBuilder;
  readonly start: Pattern;
}

/** Rebuilds the pattern graph of a table inside a fresh (or given) builder. */
export function readGrammarTable(table: GrammarTable, builder = new PatternBuilder()): LoadedGrammar {
  const { names, specs } = readNamesAndDatatypes(table, builder);

  const rows = table.patterns;
  const patterns: (Pattern | undefined)[] = new Array<Pattern | undefined>(rows.length).fill(undefined);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row[0] === 'element') {
      patterns[i] = builder.element(names[row[1]]!, elementOrigin(row));
    }
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    switch (row[0]) {
      case 'element': break;
      case 'empty': patterns[i] = builder.empty; break;
      case 'notAllowed': patterns[i] = builder.notAllowed; break;
      case 'text': patterns[i] = builder.text; break;
      case 'choice': patterns[i] = builder.choice(rowPattern(patterns, row[1]), rowPattern(patterns, row[2])); break;
      case 'group': patterns[i] = builder.group(rowPattern(patterns, row[1]), rowPattern(patterns, row[2])); break;
      case 'interleave': patterns[i] = builder.interleave(rowPattern(patterns, row[1]), rowPattern(patterns, row[2])); break;
      case 'oneOrMore': patterns[i] = builder.oneOrMore(rowPattern(patterns, row[1])); break;
      case 'list': patterns[i] = builder.list(rowPattern(patterns, row[1])); break;
      case 'data': patterns[i] = builder.data(specs[row[1]]!, row[2] < 0 ? undefined : rowPattern(patterns, row[2])); break;
      case 'value': patterns[i] = builder.value(specs[row[1]]!, row[2], row[3]); break;
      case 'attribute': patterns[i] = builder.attribute(names[row[1]]!, rowPattern(patterns, row[2])); break;
    }
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row[0] === 'element') builder.setElementContent(patterns[i] as ElementPattern, rowPattern(patterns, row[2]));
  }
  return { table, builder, start: rowPattern(patterns, table.start) };
}

function rowPattern(patterns: readonly (Pattern | undefined)[], i: number): Pattern {
  const p = patterns[i];
  if (p === undefined) throw new GrammarTableError(`pattern row ${i} is referred to before it is defined`);
  return p;
}

/**
 * Reads a table on demand: name classes, datatypes and the start pattern at once; each element's
 * content the first time {@link PatternBuilder.contentOf} asks for it. A validator then builds
 * only the part of a grammar its documents use: `domaincheckpoint`, which embeds the whole domain
 * grammar, is mostly never entered. `prepare` rewrites each pattern handed out (the start and
 * every element's content) before it is used, e.g. to rebalance interleaves.
 */
export function readGrammarTableLazily(
  table: GrammarTable,
  builder = new PatternBuilder(),
  prepare: (p: Pattern) => Pattern = (p) => p,
): LoadedGrammar {
  const { names, specs } = readNamesAndDatatypes(table, builder);
  const rows = table.patterns;
  const patterns: (Pattern | undefined)[] = new Array<Pattern | undefined>(rows.length).fill(undefined);
  /** Element id → the row of its content. */
  const contentRows = new Map<number, number>();

  // Operands precede their users except through elements, so the recursion follows the
  // grammar's nesting between two elements, never a cycle.
  const build = (i: number): Pattern => {
    const known = patterns[i];
    if (known !== undefined) return known;
    const row = rows[i];
    if (row === undefined) throw new GrammarTableError(`pattern row ${i} does not exist`);
    let p: Pattern;
    switch (row[0]) {
      case 'element': {
        const el = builder.lazyElement(names[row[1]]!, elementOrigin(row));
        contentRows.set(el.id, row[2]);
        p = el;
        break;
      }
      case 'empty': p = builder.empty; break;
      case 'notAllowed': p = builder.notAllowed; break;
      case 'text': p = builder.text; break;
      case 'choice': p = builder.choice(build(row[1]), build(row[2])); break;
      case 'group': p = builder.group(build(row[1]), build(row[2])); break;
      case 'interleave': p = builder.interleave(build(row[1]), build(row[2])); break;
      case 'oneOrMore': p = builder.oneOrMore(build(row[1])); break;
      case 'list': p = builder.list(build(row[1])); break;
      case 'data': p = builder.data(specs[row[1]]!, row[2] < 0 ? undefined : build(row[2])); break;
      case 'value': p = builder.value(specs[row[1]]!, row[2], row[3]); break;
      case 'attribute': p = builder.attribute(names[row[1]]!, build(row[2])); break;
    }
    patterns[i] = p;
    return p;
  };

  builder.loadContentWith((el) => {
    const row = contentRows.get(el.id);
    if (row === undefined) throw new GrammarTableError(`element ${el.id} was not read from this grammar table`);
    contentRows.delete(el.id);
    return prepare(build(row));
  });
  return { table, builder, start: prepare(build(table.start)) };
}

/** Checks the table's format and reads its name classes and datatypes, which patterns refer to by index. */
function readNamesAndDatatypes(table: GrammarTable, builder: PatternBuilder): { names: NameClass[]; specs: DatatypeSpec[] } {
  if (table.format !== GRAMMAR_FORMAT) {
    throw new GrammarTableError(`grammar table format "${String(table.format)}" is not "${GRAMMAR_FORMAT}"`);
  }
  const names = readNameClasses(table, builder);
  const specs = table.datatypes.map((row) => builder.datatype(row[0], row[1], row[2].map((param) => ({ name: param[0], value: param[1] }))));
  return { names, specs };
}

// Indexing and plain literals rather than destructuring and spread: this runs once per element of a
// grammar, in the first documents of a process, before the JIT has optimised anything.
function elementOrigin(row: Extract<PatternRow, readonly ['element', ...unknown[]]>): ElementOrigin | undefined {
  const define = row[3];
  const file = row[4];
  if (!define && !file) return undefined;
  return define ? { define, file, line: row[5] } : { file, line: row[5] };
}

function readNameClasses(table: GrammarTable, builder: PatternBuilder): NameClass[] {
  const names: NameClass[] = [];
  const except = (i: number): NameClass | undefined => (i < 0 ? undefined : names[i]);
  for (const row of table.nameClasses) {
    switch (row[0]) {
      case 'name': names.push(builder.names.name(row[1], row[2])); break;
      case 'anyName': names.push(builder.names.anyName(except(row[1]))); break;
      case 'nsName': names.push(builder.names.nsName(row[1], except(row[2]))); break;
      case 'choice': names.push(builder.names.choice(names[row[1]]!, names[row[2]]!)); break;
    }
  }
  return names;
}
