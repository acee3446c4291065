/**
 * A grammar made ready for validation: its patterns rebuilt from the table, plus the derivative
 * memos and datatypes that accumulate as documents are validated, within a fixed budget. Create
 * one per grammar and keep it: the more documents it has seen, the more of each new one is a memo
 * hit.
 */
import { placementOfTable, type Placement } from './placement.js';
import type { Datatype } from '../datatypes/types.js';
import { createDatatype } from '../datatypes/index.js';
import type { XmlDocument } from '../dom/types.js';
import { PatternBuilder } from '../grammar/builder.js';
import type { DatatypeSpec, Pattern } from '../grammar/pattern.js';
import { readGrammarTableLazily, type GrammarTable } from '../grammar/table.js';
import { DerivContext, type DatatypeFactory, type MemoBudget } from './context.js';
import type { Diagnostic } from './diagnostic.js';
import { balanceInterleaves, InterleaveBalancer } from './balance.js';
import type { StreamGrammar } from './validate-stream.js';
import { validateTree } from './validate-tree.js';

export interface CompiledValidatorOptions {
  /** Name used in messages about the root element, e.g. `domain`; defaults to the table's root. */
  readonly schema?: string;
  /** @internal Where datatypes come from; defaults to the built-in and XSD libraries. */
  readonly createDatatype?: DatatypeFactory;
  /**
   * What the validator keeps of past documents to make later ones cheaper: at most `patterns`
   * derived states (default 100,000, about 30 MB) and memo entries keyed by names and values
   * worth `memoCost` (default 200,000: an entry costs 1 plus 1 per 16 characters of its key).
   * Past either, the next document starts from the grammar alone. A process that validates one
   * huge document many times may raise them; memory then grows to what they allow.
   */
  readonly memoBudget?: MemoBudget;
}

export class CompiledValidator {
  readonly schema: string;
  private readonly cx: DerivContext;

  /** @internal The grammar's start pattern. */
  readonly start: Pattern;

  /**
   * @internal
   * Takes ownership of the grammar: its interleaves are rebalanced in place (see balance.ts). A
   * grammar whose builder loads element contents lazily is taken as it is: its reader balances
   * what it hands out, the start included, as {@link fromTable} does (balancing changes no
   * meaning, only how fast derivatives are).
   */
  constructor(builder: PatternBuilder, start: Pattern, options: CompiledValidatorOptions = {}) {
    this.schema = options.schema ?? 'grammar';
    this.cx = new DerivContext(builder, options.createDatatype ?? defaultDatatype, options.memoBudget);
    this.start = builder.loadsLazily ? start : balanceInterleaves(builder, start);
  }

  /** @internal Elements' contents are read from the table, and balanced, when a document first enters them. */
  static fromTable(table: GrammarTable, options: CompiledValidatorOptions = {}): CompiledValidator {
    const builder = new PatternBuilder();
    const balancer = new InterleaveBalancer(builder);
    const { start } = readGrammarTableLazily(table, builder, (p) => balancer.balance(p));
    const validator = new CompiledValidator(builder, start, { schema: table.root, ...options });
    validator.placement = () => placementOfTable(table);
    return validator;
  }

  /** Where the grammar allows each name, for messages; read off the table when there is one. */
  private placement: (() => Placement) | undefined;

  /** Every problem found in `doc`, in document order of discovery; empty when valid. */
  validate(doc: XmlDocument): Diagnostic[] {
    return validateTree(this.cx, this.start, doc, { schema: this.schema, ...(this.placement === undefined ? {} : { placement: this.placement }) });
  }

  /** @internal The grammar and memos, for validating from reader events (see validate-stream.ts). */
  get streamGrammar(): StreamGrammar {
    return { cx: this.cx, start: this.start };
  }

  /**
   * How many patterns exist, derivatives included: a measure of what has been memoised. It stays
   * below the grammar's size plus the budget of derived patterns plus what one document derives.
   */
  get patternCount(): number {
    return this.cx.builder.size;
  }
}

function defaultDatatype(spec: DatatypeSpec): Datatype {
  return createDatatype(spec.library, spec.name, spec.params);
}
