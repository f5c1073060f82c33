import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../stores/context';
import { CaptureSection } from './CaptureSection';
import { CountersBar } from './CountersBar';
import { DeviceBanner } from './DeviceBanner';
import { EntryDetail } from './EntryDetail';
import { ExportControl } from './ExportControl';
import { FilterBar } from './FilterBar';
import { LogList } from './LogList';
import { TailNotices, TailToolbar } from './TailToolbar';
import './logs.css';

/**
 * Syslog and serial console capture: listeners and consoles at the top, live counters, then the
 * filtered live tail with an entry's details beside it.
 */
export function LogsPage() {
  const { t } = useTranslation();
  const activate = useApp((s) => s.logsActivate);
  const refresh = useApp((s) => s.logsRefresh);
  const open = useApp((s) => s.connection.status === 'open');
  const selected = useApp((s) => s.logs.selected);
  const wasOpen = useRef(open);

  useEffect(() => activate(), [activate]);
  useEffect(() => {
    // After a reconnect the core may have restarted: read its state again.
    if (open && !wasOpen.current) void refresh();
    wasOpen.current = open;
  }, [open, refresh]);

  return (
    <section className="page logs-page" data-testid="page-logs" aria-labelledby="page-title">
      <PageHeader title={t('pages.logs.title')} description={t('pages.logs.description')} actions={<ExportControl />} />
      <CaptureSection />
      <CountersBar />
      <FilterBar />
      <DeviceBanner />
      <TailToolbar />
      <TailNotices />
      <div className={`logs-body${selected ? ' logs-body-detail' : ''}`}>
        <LogList />
        {selected ? <EntryDetail entry={selected} /> : null}
      </div>
    </section>
  );
}
