/**
 * Differential test: our validator and libxml2 (libvirt's own engine) must give the same verdict
 * on our own documents in test/corpus with the libvirt 9.0.0 schemas. 9.0.0 has no corpus of its
 * own: target-version-9.0.0.test.ts checks its grammar on the 11.3.0 corpus against xmllint.
 */
import { describe } from 'vitest';
import { differentialSuite } from './differential.js';

describe('validator vs libxml2, libvirt 9.0.0', () => differentialSuite('9.0.0'));
