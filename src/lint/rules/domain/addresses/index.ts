/** Domain rules: addresses. */
import type { Rule } from '../../../types.js';

export const ADDRESSES_RULES: readonly Rule[] = [];
