/** Shared helpers for the validator's unit tests: a derivative context over a hand-built grammar. */
import { createDatatype } from '../../../src/xml/datatypes/index.js';
import { DerivContext } from '../../../src/xml/validate/context.js';
import { Dsl } from '../../rng-spec/dsl.js';

export function setup(): { d: Dsl; cx: DerivContext } {
  const d = new Dsl();
  const cx = new DerivContext(d.b, (spec) => createDatatype(spec.library, spec.name, spec.params));
  return { d, cx };
}
