import { useTranslation } from 'react-i18next';
import type { PtzConnectionInfo } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { presetKey } from './ptz-slice';
import { presetNumbers } from './target-form';

const NO_PRESETS: number[] = [];

/** Preset tiles: the number recalls, Save stores the current position, × clears it. */
export function PresetsGrid({ conn, disabled }: { conn: PtzConnectionInfo; disabled: boolean }) {
  const { t } = useTranslation();
  const busy = useApp((s) => s.ptz.busy);
  const saved = useApp((s) => s.ptz.savedPresets[presetKey(conn)] ?? NO_PRESETS);
  const preset = useApp((s) => s.ptzPreset);
  const numbers = presetNumbers(conn.target);
  return (
    <>
      <ul className="ptz-presets" data-testid="ptz-presets">
        {numbers.map((n) => {
          const isSaved = saved.includes(n);
          const pending = (a: string) => busy === `preset:${a}:${n}`;
          const act = (a: 'set' | 'recall' | 'clear') => (disabled || busy?.startsWith('preset:') ? undefined : () => void preset(a, n));
          return (
            <li key={n} className={`ptz-preset${isSaved ? ' is-saved' : ''}`} data-testid="ptz-preset" data-preset={n} data-saved={isSaved}>
              <button
                type="button"
                className="ptz-preset-recall"
                aria-label={t('ptz.presets.recallLabel', { n })}
                aria-disabled={disabled}
                aria-busy={pending('recall')}
                onClick={act('recall')}
                data-testid={`ptz-preset-recall-${n}`}
              >
                <span className="ptz-preset-number">{n}</span>
                {isSaved ? <span className="ptz-preset-mark" title={t('ptz.presets.saved')} /> : null}
              </button>
              <div className="ptz-preset-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={t('ptz.presets.saveLabel', { n })}
                  aria-disabled={disabled}
                  aria-busy={pending('set')}
                  onClick={act('set')}
                  data-testid={`ptz-preset-save-${n}`}
                >
                  {t('ptz.presets.save')}
                </button>
                <button
                  type="button"
                  className="btn btn-small ptz-preset-clear"
                  aria-label={t('ptz.presets.clearLabel', { n })}
                  aria-disabled={disabled}
                  aria-busy={pending('clear')}
                  onClick={act('clear')}
                  data-testid={`ptz-preset-clear-${n}`}
                >
                  ×
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <p className="muted small">{t('ptz.presets.hint')}</p>
    </>
  );
}
