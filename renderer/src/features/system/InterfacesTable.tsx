import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/context';
import { ColumnHeads } from '../../components/ColumnHeads';

/** The laptop's interfaces: what discovery and the network tools will work with. */
export function InterfacesTable() {
  const { t } = useTranslation();
  const interfaces = useApp((s) => s.system.interfaces);
  return (
    <section className="card" aria-labelledby="ifaces-title">
      <h2 className="card-title" id="ifaces-title">
        {t('pages.system.interfaces', { count: interfaces.length })}
      </h2>
      {interfaces.length === 0 ? (
        <p className="muted">{t('pages.system.noInterfaces')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="interfaces-table">
            <ColumnHeads columns={[t('pages.system.columns.name'), t('pages.system.columns.kind'), t('pages.system.columns.state'), t('pages.system.columns.mac'), t('pages.system.columns.addresses')]} />
            <tbody>
              {interfaces.map((i) => (
                <tr key={i.name} data-testid="iface-row" data-name={i.name} data-kind={i.kind}>
                  <th scope="row" className="mono">{i.name}</th>
                  <td>
                    <span className="badge badge-kind has-tooltip" title={t('pages.system.kindReason', { reason: i.kindReason })}>
                      {t(`pages.system.kinds.${i.kind}`)}
                    </span>
                  </td>
                  <td>
                    <span className={`badge ${i.up ? 'badge-ok' : 'badge-muted'}`}>
                      {i.up ? t('pages.system.up') : t('pages.system.down')}
                    </span>
                  </td>
                  <td className="mono">{i.mac ?? t('common.none')}</td>
                  <td className="mono">
                    {i.addresses.length === 0 ? (
                      <span className="muted">{t('pages.system.noAddresses')}</span>
                    ) : (
                      <ul className="addr-list">
                        {i.addresses.map((a) => (
                          <li key={a.cidr}>{a.cidr}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
