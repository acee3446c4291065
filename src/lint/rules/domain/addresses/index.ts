/** Domain rules: device addresses and the controllers they name. */
import type { Rule } from '../../../types.js';
import { controllerIndexRange, duplicateControllerIndex } from './controller-index.js';
import { duplicatePciAddress } from './duplicate-pci-address.js';
import { noPciBus } from './no-pci-bus.js';
import { pciAddressPlacement } from './pci-address-placement.js';
import { pciAddressRange } from './pci-address-range.js';
import { pciControllerTarget } from './pci-controller-target.js';
import { pciExpanderBusMachine, pciRootController } from './pci-root.js';
import { pcieRootPortCapacity } from './pcie-root-port-capacity.js';

export const ADDRESSES_RULES: readonly Rule[] = [
  pciAddressRange,
  duplicatePciAddress,
  pciAddressPlacement,
  noPciBus,
  pciRootController,
  pciExpanderBusMachine,
  duplicateControllerIndex,
  controllerIndexRange,
  pciControllerTarget,
  pcieRootPortCapacity,
];
