/** Domain rules: devices. */
import type { Rule } from '../../../types.js';

export const DEVICES_RULES: readonly Rule[] = [];
