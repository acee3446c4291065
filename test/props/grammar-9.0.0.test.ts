/** Grammar properties for every root of libvirt 9.0.0 (see grammar-properties.ts). */
import { describe } from 'vitest';
import { releaseRoots } from '../../src/compat/release-grammars.js';
import { grammarPropertySuite } from './grammar-properties.js';

describe('grammar properties, libvirt 9.0.0', () => {
  grammarPropertySuite('9.0.0', releaseRoots('9.0.0'));
});
