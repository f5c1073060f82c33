import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Options } from '../../components/Options';
import { useApp } from '../../stores/context';
import { formatCount } from './display';
import { EXPORT_FORMATS, type ExportFormat } from './export-file';
import { downloadFile } from '../../components/download';

/** Exports the current filter as txt, CSV or JSONL, handed to the browser as a download. */
export function ExportControl() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const exporting = useApp((s) => s.logs.exporting);
  const error = useApp((s) => s.logs.exportError);
  const last = useApp((s) => s.logs.lastExport);
  const run = useApp((s) => s.logsExport);

  const go = async () => {
    if (exporting) return;
    const file = await run(format);
    if (file) downloadFile(file);
  };

  return (
    <div className="logs-export" data-testid="logs-export">
      <label className="visually-hidden" htmlFor={`${id}-format`}>
        {t('logs.export.format')}
      </label>
      <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} title={t('logs.export.hint')} data-testid="logs-export-format">
        <Options values={EXPORT_FORMATS} label={(f) => t(`logs.export.formats.${f}`)} />
      </select>
      <button type="button" className="btn" onClick={() => void go()} aria-disabled={!!exporting} title={t('logs.export.hint')} data-testid="logs-export-button">
        {exporting ? t('logs.export.exporting', { count: formatCount(exporting.count, i18n.language) }) : t('logs.export.button')}
      </button>
      <span className="logs-export-status small" role="status" data-testid="logs-export-status">
        {error
          ? t('logs.export.failed', { message: error })
          : last
            ? t('logs.export.done', { name: last.name, count: formatCount(last.count, i18n.language) })
            : ''}
      </span>
    </div>
  );
}
