import { useTranslation } from 'react-i18next';
import type { PtzConnectionInfo } from '../../../../src/contract';
import { Field } from '../../components/Field';
import { useApp } from '../../stores/context';
import { HoldButton } from './HoldButton';
import type { LensAction } from './ptz-slice';

/** Zoom and focus: hold to drive, let go to stop; focus mode buttons act at once. */
export function LensControls({ conn, disabled }: { conn: PtzConnectionInfo; disabled: boolean }) {
  const { t } = useTranslation();
  const lens = useApp((s) => s.ptz.lens);
  const lensSpeed = useApp((s) => s.ptz.lensSpeed);
  const busy = useApp((s) => s.ptz.busy);
  const press = useApp((s) => s.ptzLensPress);
  const release = useApp((s) => s.ptzLensRelease);
  const setLensSpeed = useApp((s) => s.ptzSetLensSpeed);
  const focusMode = useApp((s) => s.ptzFocusMode);
  const mode = conn.position?.focusMode;
  const hold = (action: LensAction, label: string, text: string) => (
    <HoldButton active={lens === action} disabled={disabled} label={label} onStart={() => press(action)} onEnd={release} testId={`ptz-${action}`}>
      {text}
    </HoldButton>
  );
  const modeButton = (m: 'auto' | 'manual' | 'one-push', text: string) => {
    const pending = busy === `focus:${m}`;
    return (
      <button
        type="button"
        className={`btn btn-small${m !== 'one-push' && mode === m ? ' is-selected' : ''}`}
        aria-pressed={m === 'one-push' ? undefined : mode === m}
        aria-disabled={disabled || pending}
        aria-busy={pending}
        onClick={disabled || pending ? undefined : () => void focusMode(m)}
        data-testid={`ptz-focus-${m}`}
      >
        {text}
      </button>
    );
  };
  return (
    <div className="ptz-lens">
      <div className="ptz-lens-row" role="group" aria-label={t('ptz.lens.zoom')}>
        <span className="ptz-lens-label">{t('ptz.lens.zoom')}</span>
        {hold('zoom-wide', t('ptz.lens.wideLabel'), t('ptz.lens.wide'))}
        {hold('zoom-tele', t('ptz.lens.teleLabel'), t('ptz.lens.tele'))}
      </div>
      <div className="ptz-lens-row" role="group" aria-label={t('ptz.lens.focus')}>
        <span className="ptz-lens-label">{t('ptz.lens.focus')}</span>
        {hold('focus-near', t('ptz.lens.nearLabel'), t('ptz.lens.near'))}
        {hold('focus-far', t('ptz.lens.farLabel'), t('ptz.lens.far'))}
      </div>
      <div className="ptz-lens-row" role="group" aria-label={t('ptz.lens.focusMode')}>
        <span className="ptz-lens-label">{t('ptz.lens.focusMode')}</span>
        {modeButton('auto', t('ptz.lens.auto'))}
        {modeButton('manual', t('ptz.lens.manual'))}
        {modeButton('one-push', t('ptz.lens.onePush'))}
      </div>
      <Field label={t('ptz.lens.speed')}>
        <input type="range" min={0} max={7} step={1} value={lensSpeed} onChange={(e) => setLensSpeed(Number(e.target.value))} data-testid="ptz-lens-speed" />
        <span className="muted small mono">{t('ptz.lens.speedValue', { speed: lensSpeed })}</span>
      </Field>
    </div>
  );
}
