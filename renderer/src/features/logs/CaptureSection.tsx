import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/context';
import { ListenerCard } from './ListenerCard';
import { SerialCard } from './SerialCard';

/**
 * Listeners and consoles in a section that folds away once capture runs, so the tail gets the screen;
 * folded, its summary still says what is running.
 */
export function CaptureSection() {
  const { t } = useTranslation();
  const listeners = useApp((s) => s.logs.status?.listeners);
  const consoles = useApp((s) => s.logs.status?.serial);
  const loaded = listeners !== undefined;
  const running = (listeners?.length ?? 0) + (consoles?.length ?? 0) > 0;
  const [open, setOpen] = useState(true);
  const [decided, setDecided] = useState(false);

  useEffect(() => {
    // Folded at first when capture already runs (coming back to the page); later only the user folds it.
    if (loaded && !decided) {
      setOpen(!running);
      setDecided(true);
    }
  }, [loaded, running, decided]);

  return (
    <details className="logs-capture" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="logs-capture">
      <summary className="logs-capture-summary" data-testid="logs-capture-toggle">
        <span className="logs-capture-title">{t('logs.capture.title')}</span>
        {listeners?.map((l) => (
          <span key={l.id} className="badge badge-ok mono">
            {l.transport.toUpperCase()} {l.address}:{l.port}
          </span>
        ))}
        {consoles?.map((c) => (
          <span key={c.path} className="badge badge-ok">
            {c.name}
          </span>
        ))}
        {loaded && !running ? <span className="badge">{t('logs.capture.idle')}</span> : null}
      </summary>
      <div className="logs-capture-grid">
        <ListenerCard />
        <SerialCard />
      </div>
    </details>
  );
}
