/** Grammar properties for every root of libvirt 11.3.0 (see grammar-properties.ts). */
import { describe } from 'vitest';
import { releaseRoots } from '../../src/compat/release-grammars.js';
import { grammarPropertySuite } from './grammar-properties.js';

describe('grammar properties, libvirt 11.3.0', () => {
  grammarPropertySuite('11.3.0', releaseRoots('11.3.0'));
});
