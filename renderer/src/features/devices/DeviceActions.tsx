import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveredDevice } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { downloadFile } from '../../components/download';
import { devicesToCsv, devicesToJson, exportFileName } from './export';

/** Export the rows shown as CSV or JSON, and clear the list (after a second click to confirm). */
export function DeviceActions({ shown, total }: { shown: readonly DiscoveredDevice[]; total: number }) {
  const { t } = useTranslation();
  const forget = useApp((s) => s.devicesForget);
  const error = useApp((s) => s.devices.forgetError);
  const [confirming, setConfirming] = useState(false);
  const empty = shown.length === 0;
  const save = (kind: 'csv' | 'json') => {
    if (empty) return;
    const now = new Date();
    if (kind === 'csv') downloadFile({ name: exportFileName('csv', now), mime: 'text/csv;charset=utf-8', content: devicesToCsv(shown) });
    else downloadFile({ name: exportFileName('json', now), mime: 'application/json', content: devicesToJson(shown, now) });
  };
  const hint = t('devices.actions.exportHint', { count: shown.length });
  return (
    <div className="dv-actions">
      {confirming ? (
        <span className="dv-confirm" role="group" aria-label={t('devices.actions.clearConfirm')}>
          <span className="small">{t('devices.actions.clearConfirm')}</span>
          <button
            type="button"
            className="btn btn-small dv-btn-danger"
            onClick={() => {
              setConfirming(false);
              void forget();
            }}
            data-testid="clear-yes"
          >
            {t('devices.actions.clearYes')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirming(false)} autoFocus>
            {t('devices.actions.clearNo')}
          </button>
        </span>
      ) : (
        <button type="button" className="btn" onClick={total ? () => setConfirming(true) : undefined} aria-disabled={total === 0} data-testid="clear-list">
          {t('devices.actions.clear')}
        </button>
      )}
      <button type="button" className="btn" onClick={() => save('csv')} aria-disabled={empty} title={hint} data-testid="export-csv">
        {t('devices.actions.exportCsv')}
      </button>
      <button type="button" className="btn" onClick={() => save('json')} aria-disabled={empty} title={hint} data-testid="export-json">
        {t('devices.actions.exportJson')}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {t('devices.actions.forgetFailed', { message: error })}
        </p>
      ) : null}
    </div>
  );
}
