/** Domain rules: device addresses and the controllers they name. */
import type { Rule } from '../../../types.js';
import { controllerIndexRange, duplicateControllerIndex } from './controller-index.js';
import { controllerIothread } from './controller-iothread.js';
import { diskAddressType, diskTargetName, driveAddressLimits, duplicateDriveAddress } from './drive-address.js';
import { duplicatePciAddress } from './duplicate-pci-address.js';
import { duplicateHostdev, mdevAddressType } from './hostdev.js';
import { integratedControllerAddress } from './integrated-controller-address.js';
import { noPciBus } from './no-pci-bus.js';
import { duplicateCcwAddress, duplicateSpaprVioAddress, duplicateZpciId, spaprVioRegRange, zpciUidRange } from './other-buses.js';
import { pciAddressPlacement } from './pci-address-placement.js';
import { pciAddressRange } from './pci-address-range.js';
import { pciControllerTarget } from './pci-controller-target.js';
import { pciExpanderBusMachine, pciRootController } from './pci-root.js';
import { pcieRootPortCapacity } from './pcie-root-port-capacity.js';
import { usbAddress, usbControllerMaster, usbControllerPorts, usbDisabled } from './usb.js';
import { virtioSerialAddress } from './virtio-serial.js';

export const ADDRESSES_RULES: readonly Rule[] = [
  pciAddressRange,
  duplicatePciAddress,
  integratedControllerAddress,
  pciAddressPlacement,
  noPciBus,
  pciRootController,
  pciExpanderBusMachine,
  duplicateControllerIndex,
  controllerIndexRange,
  pciControllerTarget,
  pcieRootPortCapacity,
  duplicateDriveAddress,
  driveAddressLimits,
  diskAddressType,
  diskTargetName,
  duplicateHostdev,
  mdevAddressType,
  controllerIothread,
  usbAddress,
  usbDisabled,
  usbControllerPorts,
  usbControllerMaster,
  duplicateCcwAddress,
  zpciUidRange,
  duplicateZpciId,
  spaprVioRegRange,
  duplicateSpaprVioAddress,
  virtioSerialAddress,
];
