/**
 * Differential test: our validator and libxml2 (libvirt's own engine) must give the same verdict
 * on every document of the libvirt 11.3.0 corpus and on our own documents in test/corpus.
 * (One file per release so the two run in parallel.)
 */
import { describe } from 'vitest';
import { differentialSuite } from './differential.js';

describe('validator vs libxml2, libvirt 11.3.0', () => differentialSuite('11.3.0'));
