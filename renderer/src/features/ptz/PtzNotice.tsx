import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/context';

const CLASS = { error: 'notice-error', warning: 'notice-warning', info: 'notice-info' } as const;

/** The latest thing to tell the technician: a failed call (with the camera's own error), a deadman stop, a lost port. */
export function PtzNotice() {
  const { t } = useTranslation();
  const notice = useApp((s) => s.ptz.notice);
  const dismiss = useApp((s) => s.ptzDismissNotice);
  if (!notice) return null;
  const reason = notice.camera ? t('ptz.cameraErrors.reason', { error: t(`ptz.cameraErrors.${notice.camera}`), message: notice.message ?? '' }) : (notice.message ?? '');
  const text = t(`ptz.notices.${notice.key}`, {
    op: notice.op ? t(`ptz.ops.${notice.op}`) : '',
    reason,
    message: notice.message ?? '',
    count: notice.count ?? 0,
  });
  return (
    <div className={`notice ${CLASS[notice.kind]} ptz-notice`} role={notice.kind === 'info' ? 'status' : 'alert'} data-testid="ptz-notice" data-key={notice.key}>
      <span className="ptz-notice-text">{text}</span>
      <button type="button" className="btn btn-small" onClick={dismiss} data-testid="ptz-notice-dismiss">
        {t('ptz.notices.dismiss')}
      </button>
    </div>
  );
}
