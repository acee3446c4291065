/** Domain rules: platform. */
import type { Rule } from '../../../types.js';

export const PLATFORM_RULES: readonly Rule[] = [];
