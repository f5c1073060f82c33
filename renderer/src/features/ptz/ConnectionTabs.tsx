import { useTranslation } from 'react-i18next';
import type { PtzConnectionInfo } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { targetAddress, targetPlace } from './target-form';

const STATE_BADGE: Record<PtzConnectionInfo['state'], string> = { open: 'badge-ok', lost: 'badge-warn', closed: 'badge-muted' };

/** The open connections (several cameras at once), and "New connection" for the form. */
export function ConnectionTabs() {
  const { t } = useTranslation();
  const order = useApp((s) => s.ptz.order);
  const conns = useApp((s) => s.ptz.conns);
  const selected = useApp((s) => s.ptz.selected);
  const select = useApp((s) => s.ptzSelect);
  const disconnect = useApp((s) => s.ptzDisconnect);
  return (
    <nav className="ptz-conns" aria-label={t('ptz.conn.title')} data-testid="ptz-connections">
      <ul>
        {order.map((id) => {
          const c = conns[id];
          if (!c) return null;
          const current = selected === id;
          return (
            <li key={id} className={`ptz-conn${current ? ' is-current' : ''}`} data-testid="ptz-conn" data-conn-id={id} data-state={c.state}>
              <button type="button" className="ptz-conn-select" aria-current={current ? 'true' : undefined} onClick={() => select(id)} data-testid="ptz-conn-select">
                <span className="mono ptz-conn-place">{targetPlace(c.target)}</span>
                <span className="muted small">
                  {t(`ptz.form.protocols.${c.target.kind}`)} · {t('ptz.conn.camera', { address: targetAddress(c.target) })}
                </span>
                <span className={`badge ${STATE_BADGE[c.state]}`}>{c.jogging ? t('ptz.conn.moving') : t(`ptz.conn.states.${c.state}`)}</span>
              </button>
              <button
                type="button"
                className="btn btn-small ptz-conn-close"
                aria-label={t('ptz.conn.disconnectLabel', { place: targetPlace(c.target), address: targetAddress(c.target) })}
                onClick={() => void disconnect(id)}
                data-testid="ptz-disconnect"
              >
                {t('ptz.conn.disconnect')}
              </button>
            </li>
          );
        })}
        <li className={`ptz-conn ptz-conn-new${selected === null ? ' is-current' : ''}`}>
          <button type="button" className="ptz-conn-select" aria-current={selected === null ? 'true' : undefined} onClick={() => select(null)} data-testid="ptz-new-connection">
            <span className="ptz-conn-plus" aria-hidden="true">
              +
            </span>
            {t('ptz.conn.new')}
          </button>
        </li>
      </ul>
    </nav>
  );
}
