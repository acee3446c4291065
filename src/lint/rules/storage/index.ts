/** The rules of this category: define-time checks of storage pools and volumes. */
import type { Rule } from '../../types.js';

export const STORAGE_RULES: readonly Rule[] = [];
