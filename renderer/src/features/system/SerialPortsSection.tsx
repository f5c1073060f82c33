import { useTranslation } from 'react-i18next';
import type { SerialPortInfo } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { ColumnHeads } from '../../components/ColumnHeads';

const describePort = (p: SerialPortInfo) => p.friendlyName ?? p.manufacturer ?? '';
const usbId = (p: SerialPortInfo) => (p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : '');

/** Serial ports the OS lists, or how to use one it does not (ptys, unlisted USB adapters). */
export function SerialPortsSection() {
  const { t } = useTranslation();
  const ports = useApp((s) => s.system.serialPorts);
  return (
    <section className="card" aria-labelledby="serial-title">
      <h2 className="card-title" id="serial-title">
        {t('pages.system.serialPorts', { count: ports.length })}
      </h2>
      {ports.length === 0 ? (
        <p data-testid="serial-none">
          <strong>{t('pages.system.serialNone')}</strong> <span className="muted">{t('pages.system.serialHint')}</span>
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="serial-table">
            <ColumnHeads columns={[t('pages.system.serialColumns.path'), t('pages.system.serialColumns.description'), t('pages.system.serialColumns.serialNumber'), t('pages.system.serialColumns.usbId')]} />
            <tbody>
              {ports.map((p) => (
                <tr key={p.path}>
                  <th scope="row" className="mono">{p.path}</th>
                  <td>{describePort(p) || t('common.none')}</td>
                  <td className="mono">{p.serialNumber ?? t('common.none')}</td>
                  <td className="mono">{usbId(p) || t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
