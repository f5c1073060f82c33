import { useTranslation } from 'react-i18next';
import type { PtzConnectionInfo, PtzVersion } from '../../../../src/contract';
import { useApp } from '../../stores/context';

const hex = (n: number, width: number) => `0x${(n < 0 ? n + 16 ** width : n).toString(16).toUpperCase().padStart(width, '0')}`;

/** Pan, tilt, zoom and focus as the camera last reported them, and who the camera says it is. */
export function PositionReadout({ conn, version, disabled }: { conn: PtzConnectionInfo; version: PtzVersion | undefined; disabled: boolean }) {
  const { t } = useTranslation();
  const busy = useApp((s) => s.ptz.busy);
  const refresh = useApp((s) => s.ptzRefreshPosition);
  const follow = useApp((s) => s.ptz.followPosition);
  const setFollow = useApp((s) => s.ptzSetFollowPosition);
  if (conn.protocol === 'pelco') {
    return (
      <p className="muted" data-testid="ptz-position-pelco">
        {t('ptz.position.pelco')}
      </p>
    );
  }
  const p = conn.position;
  const none = t('common.none');
  const rows: { key: string; label: string; value: string; raw?: string }[] = [
    { key: 'pan', label: t('ptz.position.pan'), value: p ? String(p.pan) : none, raw: p ? hex(p.pan, p.pan >= -0x8000 && p.pan <= 0x7fff ? 4 : 5) : undefined },
    { key: 'tilt', label: t('ptz.position.tilt'), value: p ? String(p.tilt) : none, raw: p ? hex(p.tilt, 4) : undefined },
    { key: 'zoom', label: t('ptz.position.zoom'), value: p ? String(p.zoom) : none, raw: p ? hex(p.zoom, 4) : undefined },
    { key: 'focus', label: t('ptz.position.focus'), value: p ? String(p.focus) : none, raw: p ? hex(p.focus, 4) : undefined },
    { key: 'focusMode', label: t('ptz.position.focusMode'), value: p ? t(`ptz.position.modes.${p.focusMode}`) : none },
  ];
  const pending = busy === 'position';
  return (
    <div className="ptz-position">
      <dl className="ptz-readout" data-testid="ptz-position">
        {rows.map((r) => (
          <div key={r.key} className="ptz-readout-item">
            <dt>{r.label}</dt>
            <dd className="mono" data-testid={`ptz-position-${r.key}`}>
              {r.value}
              {r.raw ? <span className="muted ptz-raw"> {r.raw}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      <label className="ptz-check small">
        <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} data-testid="ptz-follow-position" />
        {t('ptz.position.follow')}
      </label>
      <div className="ptz-position-foot">
        <span className="muted small" data-testid="ptz-camera-identity">
          {version
            ? t('ptz.position.identity', {
                vendor: version.vendorName ?? t('ptz.position.vendorCode', { code: hex(version.vendor, 4) }),
                model: hex(version.model, 4),
                rom: hex(version.rom, 4),
              })
            : t('ptz.position.identityUnknown')}
        </span>
        <button
          type="button"
          className="btn btn-small"
          aria-disabled={disabled || pending}
          aria-busy={pending}
          onClick={disabled || pending ? undefined : () => void refresh()}
          data-testid="ptz-position-refresh"
        >
          {t('ptz.position.refresh')}
        </button>
      </div>
    </div>
  );
}
