import { useTranslation } from 'react-i18next';
import type { DiscoveredDevice } from '../../../../src/contract';
import { parseSubnetReason } from './subnet-reason';

/** Why a device is off-subnet, in the UI language (the core's sentence when it is not a known one); null when in subnet. */
export function useSubnetReason(): (d: DiscoveredDevice) => string | null {
  const { t } = useTranslation();
  return (d) => {
    if (d.inSubnet) return null;
    const parsed = parseSubnetReason(d.inSubnetReason);
    if (!parsed) return d.inSubnetReason;
    switch (parsed.key) {
      case 'noDeviceIp':
        return t('devices.subnetReason.noDeviceIp');
      case 'noLaptopIp':
        return t('devices.subnetReason.noLaptopIp');
      case 'maskExcludesLaptop':
        return t('devices.subnetReason.maskExcludesLaptop', parsed.params);
      case 'noLaptopIn':
        return t('devices.subnetReason.noLaptopIn', parsed.params);
      case 'noLaptopFor':
        return t('devices.subnetReason.noLaptopFor', parsed.params);
    }
  };
}
