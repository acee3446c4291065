/** The rules of this category: libvirt's define-time checks of domains. */
import type { Rule } from '../../types.js';
import { duplicateDiskTarget } from './duplicate-disk-target.js';

export const DOMAIN_RULES: readonly Rule[] = [duplicateDiskTarget];
