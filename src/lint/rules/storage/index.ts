/** The rules of this category: define-time checks of storage pools and volumes. */
import type { Rule } from '../../types.js';
import { POOL_RULES } from './pool.js';
import { allocationExceedsCapacity } from './volume.js';

export const STORAGE_RULES: readonly Rule[] = [...POOL_RULES, allocationExceedsCapacity];
