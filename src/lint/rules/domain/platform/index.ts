/** Domain rules: platform (boot, CPU, memory, NUMA, firmware and machine features). */
import type { Rule } from '../../../types.js';
import { BOOT_RULES } from './boot.js';

export const PLATFORM_RULES: readonly Rule[] = [...BOOT_RULES];
