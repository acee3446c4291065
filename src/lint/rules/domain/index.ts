/** The rules of this category: libvirt's define-time checks of domains. */
import type { Rule } from '../../types.js';
import { ADDRESSES_RULES } from './addresses/index.js';
import { DEVICES_RULES } from './devices/index.js';
import { duplicateDiskTarget } from './duplicate-disk-target.js';
import { PLATFORM_RULES } from './platform/index.js';

export const DOMAIN_RULES: readonly Rule[] = [duplicateDiskTarget, ...ADDRESSES_RULES, ...PLATFORM_RULES, ...DEVICES_RULES];
