/**
 * The only module generated code imports from. A breaking change to what generated files need
 * gets a `codegen-v2` beside this one, so committed generated code keeps compiling.
 */
export type { GrammarTable } from './grammar/table.js';
export { GRAMMAR_FORMAT } from './grammar/table.js';
export type { AnyElement, ElementBase, IntegerString } from '../model/base.js';
export type { BindingModule } from './model/binding.js';
export { GrammarNotLoadedError } from './grammar/not-loaded.js';
