import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../stores/context';
import { ChainPanel } from './ChainPanel';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionTabs } from './ConnectionTabs';
import { FrameLog } from './FrameLog';
import { Joystick, SpeedControl } from './Joystick';
import { LensControls } from './LensControls';
import { PositionReadout } from './PositionReadout';
import { PresetsGrid } from './PresetsGrid';
import { PtzNotice } from './PtzNotice';
import { canAssignAddresses } from './target-form';
import './ptz.css';

/** How often the page asks the slice whether a position poll is due (the slice decides). */
const POLL_TICK_MS = 250;

function Card({ title, className, children, testId }: { title: string; className?: string; children: ReactNode; testId: string }) {
  return (
    <section className={`card ${className ?? ''}`} aria-label={title} data-testid={testId}>
      <h2 className="card-title">{title}</h2>
      {children}
    </section>
  );
}

/**
 * Stops every hold when the window stops being the technician's: it loses focus, is hidden
 * (minimised, other tab) or is being unloaded. Without this a key released in another window
 * would never reach us and the camera would keep going until the deadman.
 */
function useReleaseOnLeave(releaseAll: () => void) {
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') releaseAll();
    };
    window.addEventListener('blur', releaseAll);
    window.addEventListener('pagehide', releaseAll);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('blur', releaseAll);
      window.removeEventListener('pagehide', releaseAll);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [releaseAll]);
}

/** The controls of the selected connection. */
function Controls({ connId }: { connId: string }) {
  const { t } = useTranslation();
  const conn = useApp((s) => s.ptz.conns[connId]);
  const version = useApp((s) => s.ptz.versions[connId]);
  const home = useApp((s) => s.ptzHome);
  const stopNow = useApp((s) => s.ptzStopNow);
  const busy = useApp((s) => s.ptz.busy);
  if (!conn) return null;
  const disabled = conn.state !== 'open';
  return (
    <>
      {conn.state === 'lost' ? (
        <div className="notice notice-warning" role="status" data-testid="ptz-lost">
          {t('ptz.conn.lostHint')}
        </div>
      ) : null}
      <div className="ptz-grid">
        <Card title={t('ptz.pad.title')} className="ptz-card-pad" testId="ptz-card-pad">
          <Joystick disabled={disabled} />
          <SpeedControl protocol={conn.protocol} />
          <div className="ptz-row">
            <button type="button" className="btn ptz-stop" onClick={() => void stopNow()} data-testid="ptz-stop">
              {t('ptz.pad.stop')}
            </button>
            <button
              type="button"
              className="btn"
              aria-disabled={disabled || busy === 'home'}
              aria-busy={busy === 'home'}
              onClick={disabled || busy === 'home' ? undefined : () => void home()}
              data-testid="ptz-home"
            >
              {t('ptz.pad.home')}
            </button>
          </div>
        </Card>
        <div className="ptz-col">
          <Card title={t('ptz.position.title')} testId="ptz-card-position">
            <PositionReadout conn={conn} version={version} disabled={disabled} />
          </Card>
          <Card title={t('ptz.lens.title')} testId="ptz-card-lens">
            <LensControls conn={conn} disabled={disabled} />
          </Card>
        </div>
        <div className="ptz-col">
          <Card title={t('ptz.presets.title')} testId="ptz-card-presets">
            <PresetsGrid conn={conn} disabled={disabled} />
          </Card>
          {canAssignAddresses(conn.target) ? (
            <Card title={t('ptz.chain.title')} testId="ptz-card-chain">
              <ChainPanel conn={conn} disabled={disabled} />
            </Card>
          ) : null}
        </div>
      </div>
      <Card title={t('ptz.log.title')} className="ptz-card-log" testId="ptz-card-log">
        <FrameLog connId={connId} />
      </Card>
    </>
  );
}

/** PTZ control: connect cameras, aim them with the pad, zoom and focus, presets, and every frame on the wire. */
export function PtzPage() {
  const { t } = useTranslation();
  const attach = useApp((s) => s.ptzAttach);
  const reload = useApp((s) => s.ptzReload);
  const releaseAll = useApp((s) => s.ptzReleaseAll);
  const pollTick = useApp((s) => s.ptzPollTick);
  const linkStatus = useApp((s) => s.connection.status);
  const selected = useApp((s) => s.ptz.selected);
  const hasConns = useApp((s) => s.ptz.order.length > 0);

  useEffect(() => attach(), [attach]);
  useReleaseOnLeave(releaseAll);
  useEffect(() => {
    const timer = window.setInterval(pollTick, POLL_TICK_MS);
    return () => window.clearInterval(timer);
  }, [pollTick]);
  // After the link to the core comes back, what this page shows may be stale: reload it.
  const wasOpen = useRef(linkStatus === 'open');
  useEffect(() => {
    if (linkStatus === 'open' && !wasOpen.current) void reload();
    wasOpen.current = linkStatus === 'open';
  }, [linkStatus, reload]);

  return (
    <section className="page ptz-page" data-testid="page-ptz" aria-labelledby="page-title">
      <PageHeader title={t('pages.ptz.title')} description={t('pages.ptz.description')} />
      <ConnectionTabs />
      <PtzNotice />
      {selected ? (
        <Controls connId={selected} />
      ) : (
        <div className="ptz-connect-area">
          <section className="card ptz-card-form" data-testid="ptz-card-form">
            <ConnectionForm />
          </section>
          {hasConns ? null : (
            <div className="ptz-empty" data-testid="empty-state">
              <h2>{t('pages.ptz.emptyTitle')}</h2>
              <p className="muted">{t('pages.ptz.emptyHint')}</p>
              <ul className="ptz-empty-list muted small">
                <li>{t('ptz.empty.serial')}</li>
                <li>{t('ptz.empty.network')}</li>
                <li>{t('ptz.empty.safety')}</li>
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
