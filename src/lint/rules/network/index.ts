/** The rules of this category: define-time checks of virtual networks. */
import type { Rule } from '../../types.js';
import { DHCP_HOST_RULES } from './dhcp-host.js';
import { DHCP_RANGE_RULES } from './dhcp-range.js';
import { DNS_RULES } from './dns.js';
import { FORWARD_RULES } from './forward.js';
import { ipInvalid } from './ip-invalid.js';
import { dhcpLeaseTooShort } from './lease.js';
import { MISC_RULES } from './misc.js';
import { PORTGROUP_RULES } from './portgroup.js';

export const NETWORK_RULES: readonly Rule[] = [
  ...DHCP_RANGE_RULES,
  ...DHCP_HOST_RULES,
  dhcpLeaseTooShort,
  ipInvalid,
  ...DNS_RULES,
  ...FORWARD_RULES,
  ...PORTGROUP_RULES,
  ...MISC_RULES,
];
