import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimePlan } from '../../../../../src/contract';
import { Field } from '../../../components/Field';
import { setTimeAll, toDeviceInput } from '../model/draft';
import { useRun } from '../run-context';

type Mode = TimePlan['mode'];

/** The cameras' clock: from this laptop, from an NTP server, or left alone. */
export function TimeStep() {
  const { t } = useTranslation();
  const devices = useRun((s) => s.run.draft.devices);
  const busy = useRun((s) => s.busy);
  const update = useRun((s) => s.updateDevices);
  const first = devices[0]?.time ?? { mode: 'laptop', timezone: null };
  const mixed = devices.some((d) => JSON.stringify(d.time) !== JSON.stringify(first));
  const [mode, setMode] = useState<Mode>(first.mode);
  const [server, setServer] = useState(first.mode === 'ntp' ? first.server : '');
  const [timezone, setTimezone] = useState(first.mode !== 'keep' ? (first.timezone ?? '') : '');

  const plan = (): TimePlan | null => {
    const tz = timezone.trim() || null;
    if (mode === 'keep') return { mode: 'keep' };
    if (mode === 'laptop') return { mode: 'laptop', timezone: tz };
    return server.trim() ? { mode: 'ntp', server: server.trim(), timezone: tz } : null;
  };
  const p = plan();

  return (
    <form
      className="su-stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (p) void update(setTimeAll(devices.map(toDeviceInput), p));
      }}
    >
      <fieldset className="su-fieldset">
        <legend>{t('setup.time.modeLabel')}</legend>
        {(['laptop', 'ntp', 'keep'] as const).map((m) => (
          <label key={m} className="su-radio">
            <input type="radio" name="su-time" value={m} data-testid={`setup-time-${m}`} checked={mode === m} onChange={() => setMode(m)} />
            {t(`setup.time.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      <div className="su-form-row">
        {mode === 'ntp' ? (
          <Field label={t('setup.time.server')}>
            <input className="input" data-testid="setup-ntp-server" value={server} maxLength={253} onChange={(e) => setServer(e.target.value)} />
          </Field>
        ) : null}
        {mode !== 'keep' ? (
          <Field label={t('setup.time.timezone')}>
            <input className="input" data-testid="setup-timezone" placeholder="CST-8" value={timezone} maxLength={64} onChange={(e) => setTimezone(e.target.value)} />
          </Field>
        ) : null}
        <button type="submit" className="btn btn-primary su-align-end" data-testid="setup-time-apply" disabled={busy || !p || !devices.length}>
          {t('setup.time.apply', { count: devices.length })}
        </button>
      </div>
      <p className="small" data-testid="setup-time-state">
        {mixed ? t('setup.time.mixed') : t(`setup.time.current.${first.mode}`, { server: first.mode === 'ntp' ? first.server : '' })}
      </p>
      <p className="muted small">{t('setup.time.note')}</p>
    </form>
  );
}
