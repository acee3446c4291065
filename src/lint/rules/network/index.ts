/** The rules of this category: define-time checks of virtual networks. */
import type { Rule } from '../../types.js';

export const NETWORK_RULES: readonly Rule[] = [];
