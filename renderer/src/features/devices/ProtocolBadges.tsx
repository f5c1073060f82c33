import { useTranslation } from 'react-i18next';
import type { DiscoveryProtocolName } from '../../../../src/contract';
import { PROTOCOL_LABELS } from './protocol-labels';

/** One badge per protocol the device answered; the tooltip names the protocol in full. */
export function ProtocolBadges({ protocols }: { protocols: readonly DiscoveryProtocolName[] }) {
  const { t } = useTranslation();
  return (
    <span className="dv-protocols" data-testid="protocol-badges">
      {protocols.map((p) => (
        <span key={p} className={`badge dv-proto dv-proto-${p}`} title={t(`devices.protocolNames.${p}`)} data-protocol={p}>
          {PROTOCOL_LABELS[p]}
        </span>
      ))}
    </span>
  );
}
