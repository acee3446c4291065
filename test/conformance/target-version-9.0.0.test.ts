/** The 11.3.0 corpus validated for libvirt 9.0.0, against libxml2 with the 9.0.0 schemas (see target-version.ts). */
import { describe } from 'vitest';
import { targetVersionSuite } from './target-version.js';

describe('11.3.0 corpus validated for libvirt 9.0.0', () => targetVersionSuite('9.0.0'));
