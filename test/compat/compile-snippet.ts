/** Compiles a one-file RELAX NG grammar for compat tests. */
import { loadGrammar } from '../../codegen/passes/load.js';
import { simplifyGrammar } from '../../codegen/passes/simplify.js';
import type { Pattern } from '../../src/xml/grammar/pattern.js';
import { RNG, schemaFiles } from '../codegen/snippets.js';

export const XSD_LIB = 'datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"';

/** The start pattern of `<grammar><start>body</start>defines</grammar>`. */
export function compileGrammar(start: string, defines = ''): Pattern {
  const rng = `<grammar ${RNG} ${XSD_LIB}><start>${start}</start>${defines}</grammar>`;
  return simplifyGrammar(loadGrammar('main.rng', schemaFiles({ 'main.rng': rng }))).start;
}
