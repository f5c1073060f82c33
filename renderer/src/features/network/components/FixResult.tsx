import { useTranslation } from 'react-i18next';
import type { DeviceNetState, SetIpResult } from '../../../../../src/contract';
import type { FixRun } from '../network-slice';
import { ColumnHeads } from '../../../components/ColumnHeads';

/** The outcome of a fix: verified (with before/after), or what went wrong. */
export function FixResult({ fix }: { fix: FixRun }) {
  const { t } = useTranslation();
  if (fix.status === 'running' || fix.status === 'editing') return null;
  const r = fix.result;
  if (!r) {
    return (
      <div className="notice notice-error" role="alert" data-testid="fix-result" data-verified="false">
        {t('network.fix.callFailed', { message: fix.error ?? '' })}
      </div>
    );
  }
  const newIp = fix.sent?.newCidr.split('/')[0] ?? '';
  return (
    <div data-testid="fix-result" data-verified={r.verified} data-ok={r.ok}>
      {r.ok ? (
        <div className="notice notice-ok" role="status">
          <strong>{t('network.fix.verified')}</strong> {t('network.fix.verifiedDetail', { ip: newIp })}
        </div>
      ) : r.verified ? (
        <div className="notice net-notice-warn" role="alert">
          <strong>{t('network.fix.verified')}</strong> {t('network.fix.cleanupFailed')}
        </div>
      ) : (
        <div className="notice notice-error" role="alert">
          <strong>{t('network.fix.notVerified')}</strong>{' '}
          {r.error ? (
            <span lang="en" data-testid="fix-error">
              {r.error}
            </span>
          ) : (
            t('network.fix.notVerifiedDetail')
          )}
        </div>
      )}
      {r.before || r.after ? <BeforeAfter result={r} /> : null}
    </div>
  );
}

type Row = [key: 'address' | 'dhcp' | 'gateway' | 'mac' | 'device' | 'serial' | 'firmware', get: (s: DeviceNetState) => string];

/** The camera's settings read before the change and read back after it. */
function BeforeAfter({ result }: { result: SetIpResult }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const rows: Row[] = [
    ['address', (s) => (s.ip ? `${s.ip}/${s.prefix ?? '?'}` : none)],
    ['dhcp', (s) => (s.dhcp === null ? none : s.dhcp ? t('network.fix.fields.dhcpOn') : t('network.fix.fields.dhcpOff'))],
    ['gateway', (s) => s.gateway.join(', ') || none],
    ['mac', (s) => s.mac ?? none],
    ['device', (s) => [s.manufacturer, s.model].filter(Boolean).join(' ') || none],
    ['serial', (s) => s.serial || none],
    ['firmware', (s) => s.firmware || none],
  ];
  return (
    <div className="table-wrap">
      <table className="table net-table net-before-after" data-testid="fix-before-after">
        <caption className="net-caption">{t('network.fix.beforeAfter')}</caption>
        <ColumnHeads columns={[t('network.fix.fields.field'), t('network.fix.fields.before'), t('network.fix.fields.after')]} />
        <tbody>
          {rows.map(([key, get]) => {
            const before = result.before ? get(result.before) : none;
            const after = result.after ? get(result.after) : none;
            return (
              <tr key={key} data-field={key} className={before !== after ? 'net-changed' : undefined}>
                <th scope="row">{t(`network.fix.fields.${key}`)}</th>
                <td className="mono" data-testid={`before-${key}`}>
                  {before}
                </td>
                <td className="mono" data-testid={`after-${key}`}>
                  {after}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
