import { useTranslation } from 'react-i18next';
import type { DiscoveredDevice } from '../../../../src/contract';
import { useSubnetReason } from './use-subnet-reason';

/** "In subnet", or the off-subnet flag with its reason (tooltip for the eye, text for screen readers). */
export function SubnetFlag({ device }: { device: DiscoveredDevice }) {
  const { t } = useTranslation();
  const reasonOf = useSubnetReason();
  if (device.inSubnet) return <span className="badge badge-ok">{t('devices.inSubnet')}</span>;
  const reason = reasonOf(device);
  return (
    <span className="badge badge-warn has-tooltip" title={reason ?? undefined} data-testid="off-subnet" data-reason={reason ?? ''}>
      {t('devices.offSubnet')}
      {reason ? <span className="visually-hidden">: {reason}</span> : null}
    </span>
  );
}
