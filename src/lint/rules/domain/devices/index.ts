/** Domain rules: devices. */
import type { Rule } from '../../../types.js';
import { CHARDEV_RULES } from './chardev.js';
import { DISK_BUS_RULES } from './disk-bus.js';
import { DISK_FRONTEND_RULES } from './disk-frontend.js';
import { DISK_SOURCE_RULES } from './disk-source.js';
import { FILESYSTEM_RULES } from './filesystem.js';
import { diskTargetInvalid } from './disk-target.js';
import { GRAPHICS_RULES } from './graphics.js';
import { HOSTDEV_RULES } from './hostdev.js';
import { INTERFACE_RULES } from './interface.js';
import { IOMMU_RULES } from './iommu.js';
import { MISC_RULES } from './misc.js';
import { SECLABEL_RULES } from './seclabel.js';
import { SHMEM_RULES } from './shmem.js';
import { TPM_RULES } from './tpm.js';
import { VIDEO_RULES } from './video.js';

export const DEVICES_RULES: readonly Rule[] = [
  diskTargetInvalid,
  ...DISK_SOURCE_RULES,
  ...DISK_FRONTEND_RULES,
  ...DISK_BUS_RULES,
  ...CHARDEV_RULES,
  ...GRAPHICS_RULES,
  ...TPM_RULES,
  ...IOMMU_RULES,
  ...VIDEO_RULES,
  ...INTERFACE_RULES,
  ...HOSTDEV_RULES,
  ...SECLABEL_RULES,
  ...SHMEM_RULES,
  ...FILESYSTEM_RULES,
  ...MISC_RULES,
];
