/** Compatibility between libvirt releases: schema diffs and target-version hints. */
export {
  diffGrammars,
  diffGrammarSummaries,
  diffGrammarTables,
  describeValueSpace,
  hasNarrowing,
  isNarrowing,
  type ChangeKind,
  type Effect,
  type RootDiff,
  type SchemaChange,
  type SchemaDiff,
} from './schema-diff.js';
export { summarizeGrammar, resolveElementPath, type GrammarSummary, type ElementSummary } from './grammar-summary.js';
export { countChanges, renderDiffMarkdown, renderDiffText, type DiffCounts } from './render-diff.js';
export { releaseSummary, releaseTables, releaseRoots, isShippedRelease } from './release-grammars.js';
export { knownOnlyInNewer, laterAdditionNote, valueKnownOnlyInNewer } from './introduced-in.js';
