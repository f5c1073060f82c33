import { useTranslation } from 'react-i18next';
import type { LaptopSubnet } from '../../devices/lan-map';
import { parseSubnetReason } from '../../devices/subnet-reason';
import { distinctMacs, type Problem } from '../model/problems';

/** One or two sentences: off-subnet (and why, in the reader's language) and/or shared address. */
export function FixWhatIsWrong({ problem, laptop }: { problem: Problem; laptop: readonly LaptopSubnet[] }) {
  const { t } = useTranslation();
  const macs = distinctMacs(problem.members);
  const raw = problem.members.find((m) => m.reason)?.reason ?? null;
  const parsed = parseSubnetReason(raw);
  const reason = parsed ? t(`devices.subnetReason.${parsed.key}`, parsed.params) : raw;
  const laptopList = [...new Set(laptop.map((l) => l.cidr))].join(', ');
  return (
    <div className="net-wrong" data-testid="fix-wrong">
      <h3 className="net-h3">{t('network.fix.wrong')}</h3>
      {problem.offSubnet ? (
        <p>
          {t('network.fix.wrongOff', { ip: problem.ip, subnet: problem.subnet, laptop: laptopList || t('common.none') })}
          {reason ? (
            <span className="muted small net-reason" data-testid="fix-reason">
              {' '}
              {reason}
            </span>
          ) : null}
        </p>
      ) : null}
      {problem.conflict ? <p>{t('network.fix.wrongConflict', { ip: problem.ip, count: macs.length, macs: macs.join(', ') })}</p> : null}
    </div>
  );
}
