import { useTranslation } from 'react-i18next';
import type { ProblemMember } from '../model/problems';

/** A device at a problem address: its MAC, then what discovery knows about it (name, model). */
export function MemberLabel({ member }: { member: ProblemMember }) {
  const { t } = useTranslation();
  const what = [member.name, [member.manufacturer, member.model].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
  return (
    <span className="net-member">
      <span className="mono">{member.mac ?? t('network.problems.unknownMac')}</span>
      {what ? <span className="muted"> {what}</span> : null}
      {member.online ? null : <span className="badge net-badge-quiet">{t('network.problems.offline')}</span>}
    </span>
  );
}
