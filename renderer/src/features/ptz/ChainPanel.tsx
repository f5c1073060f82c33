import { useTranslation } from 'react-i18next';
import type { PtzConnectionInfo } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { targetAddress, targetPlace } from './target-form';

/**
 * Daisy chain on one VISCA line: AddressSet numbers the cameras 1..n, then each can be opened as
 * its own connection on the same port (the core shares the line between them).
 */
export function ChainPanel({ conn, disabled }: { conn: PtzConnectionInfo; disabled: boolean }) {
  const { t } = useTranslation();
  const busy = useApp((s) => s.ptz.busy);
  const cameras = useApp((s) => s.ptz.chain[conn.connId]);
  const conns = useApp((s) => s.ptz.conns);
  const assign = useApp((s) => s.ptzAssignAddresses);
  const draftCamera = useApp((s) => s.ptzDraftChainCamera);
  const pending = busy === 'addressSet';
  const place = targetPlace(conn.target);
  const open = new Set(Object.values(conns).filter((c) => targetPlace(c.target) === place).map((c) => targetAddress(c.target)));
  return (
    <div className="ptz-chain">
      <p className="muted small">{t('ptz.chain.hint')}</p>
      <div className="ptz-chain-row">
        <button
          type="button"
          className="btn"
          aria-disabled={disabled || pending}
          aria-busy={pending}
          onClick={disabled || pending ? undefined : () => void assign()}
          data-testid="ptz-assign-addresses"
        >
          {pending ? t('ptz.chain.assigning') : t('ptz.chain.assign')}
        </button>
        {cameras !== undefined ? (
          <span data-testid="ptz-chain-count">{t('ptz.chain.found', { count: cameras })}</span>
        ) : null}
      </div>
      {cameras !== undefined && cameras > 0 ? (
        <ul className="ptz-chain-list">
          {Array.from({ length: Math.min(cameras, 7) }, (_, i) => i + 1).map((address) => (
            <li key={address}>
              {open.has(address) ? (
                <span className="badge badge-ok">{t('ptz.chain.connected', { address })}</span>
              ) : (
                <button type="button" className="btn btn-small" onClick={() => draftCamera(address)} data-testid={`ptz-chain-connect-${address}`}>
                  {t('ptz.chain.connectCamera', { address })}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
