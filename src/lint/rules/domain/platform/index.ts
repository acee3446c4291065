/** Domain rules: platform (boot, CPU, memory, NUMA, firmware and machine features). */
import type { Rule } from '../../../types.js';
import { BOOT_RULES } from './boot.js';
import { CPU_RULES } from './cpu.js';
import { CPUTUNE_RULES } from './cputune.js';
import { FEATURE_RULES } from './features.js';
import { FIRMWARE_RULES } from './firmware.js';
import { HUGEPAGES_RULES } from './hugepages.js';
import { MEMORY_RULES } from './memory.js';
import { MEMORYDEV_RULES } from './memorydev.js';
import { NUMA_RULES } from './numa.js';
import { NUMATUNE_RULES } from './numatune.js';
import { PANIC_RULES } from './panic.js';
import { SYSINFO_RULES } from './sysinfo.js';
import { TIMER_RULES } from './timer.js';
import { VCPU_RULES } from './vcpu.js';

export const PLATFORM_RULES: readonly Rule[] = [
  ...BOOT_RULES,
  ...VCPU_RULES,
  ...CPU_RULES,
  ...CPUTUNE_RULES,
  ...MEMORY_RULES,
  ...MEMORYDEV_RULES,
  ...NUMA_RULES,
  ...NUMATUNE_RULES,
  ...HUGEPAGES_RULES,
  ...FIRMWARE_RULES,
  ...FEATURE_RULES,
  ...TIMER_RULES,
  ...PANIC_RULES,
  ...SYSINFO_RULES,
];
