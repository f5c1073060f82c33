import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../stores/context';
import './alarms.css';
import type { AlarmsView } from './alarms-slice';
import { AckDialog } from './components/AckDialog';
import { AlarmCharts } from './components/AlarmCharts';
import { AlarmDrawer } from './components/AlarmDrawer';
import { AlarmFilters } from './components/AlarmFilters';
import { AlarmList } from './components/AlarmList';
import { downloadFile } from '../../components/download';
import { ImportDialog } from './components/ImportDialog';
import { SyncStateView } from './components/SyncStateView';
import { useAlarmFormat } from './components/use-format';

const VIEWS: AlarmsView[] = ['list', 'charts', 'sync'];

/** Offline alarm review: filter a million alarms, open one, acknowledge, chart, import and export. */
export function AlarmsPage() {
  const { t } = useTranslation();
  const fmt = useAlarmFormat();
  const activate = useApp((s) => s.alarmsActivate);
  const connected = useApp((s) => s.connection.status === 'open');
  const view = useApp((s) => s.alarms.view);
  const setView = useApp((s) => s.setAlarmsView);
  const openAlarm = useApp((s) => s.openAlarm);
  const setFilter = useApp((s) => s.setAlarmFilter);
  const exportAlarms = useApp((s) => s.exportAlarms);
  const exportRun = useApp((s) => s.alarms.exportRun);
  const [ackIds, setAckIds] = useState<number[] | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  // Follow the core while on screen; a reconnect re-activates, which refreshes the list.
  useEffect(() => (connected ? activate() : undefined), [activate, connected]);

  const runExport = async (format: 'csv' | 'html') => {
    const file = await exportAlarms(format);
    if (file) downloadFile(file);
  };
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = VIEWS.indexOf(view);
    const to = e.key === 'ArrowRight' ? (i + 1) % VIEWS.length : e.key === 'ArrowLeft' ? (i + VIEWS.length - 1) % VIEWS.length : null;
    if (to === null) return;
    e.preventDefault();
    setView(VIEWS[to]!);
    tabRefs.current[to]?.focus();
  };
  const exporting = exportRun.status === 'running';

  return (
    <section className="page alarms-page" data-testid="page-alarms" aria-labelledby="page-title">
      <PageHeader
        title={t('pages.alarms.title')}
        description={t('pages.alarms.description')}
        actions={
          <>
            <button type="button" className="btn" onClick={() => setImportOpen(true)} data-testid="alarm-import">
              {t('alarms.actions.import')}
            </button>
            <button type="button" className="btn" aria-disabled={exporting} onClick={exporting ? undefined : () => void runExport('csv')} data-testid="alarm-export-csv">
              {t('alarms.actions.exportCsv')}
            </button>
            <button type="button" className="btn" aria-disabled={exporting} onClick={exporting ? undefined : () => void runExport('html')} data-testid="alarm-export-html">
              {t('alarms.actions.exportHtml')}
            </button>
          </>
        }
      />
      {exportRun.status !== 'idle' ? (
        <p
          className={`notice ${exportRun.status === 'error' ? 'notice-error' : exportRun.truncated ? 'notice-warn' : 'notice-ok'}`}
          role={exportRun.status === 'error' ? 'alert' : 'status'}
          data-testid="alarm-export-status"
        >
          {exportRun.status === 'running'
            ? t('alarms.export.running')
            : exportRun.status === 'error'
              ? t('alarms.export.error', { message: exportRun.error ?? '' })
              : exportRun.truncated
                ? t('alarms.export.truncated', { count: fmt.count(exportRun.rows) })
                : t('alarms.export.done', { count: fmt.count(exportRun.rows) })}
        </p>
      ) : null}
      <AlarmFilters />
      <div className="alarm-tabs" role="tablist" aria-label={t('alarms.tabs.label')} onKeyDown={onTabKey}>
        {VIEWS.map((v, i) => (
          <button
            key={v}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`alarm-tab-${v}`}
            className="alarm-tab"
            aria-selected={view === v}
            aria-controls="alarm-tabpanel"
            tabIndex={view === v ? 0 : -1}
            onClick={() => setView(v)}
            data-testid={`alarm-tab-${v}`}
          >
            {t(`alarms.tabs.${v}`)}
          </button>
        ))}
      </div>
      <div id="alarm-tabpanel" role="tabpanel" aria-labelledby={`alarm-tab-${view}`}>
        {view === 'list' ? <AlarmList onAck={setAckIds} onOpen={(id) => void openAlarm(id)} /> : null}
        {view === 'charts' ? <AlarmCharts /> : null}
        {view === 'sync' ? (
          <SyncStateView
            onDevice={(device) => {
              setFilter({ devices: [device] });
              setView('list');
            }}
          />
        ) : null}
      </div>
      <AlarmDrawer onAck={setAckIds} />
      <AckDialog ids={ackIds} onClose={() => setAckIds(null)} />
      <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
    </section>
  );
}
