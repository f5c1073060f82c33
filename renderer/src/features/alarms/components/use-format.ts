import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { durationParts } from '../model/time-format';
import { formatNumber } from './intl-cache';

/** Formats durations ("3 h 12 min" / "3小时12分") and counts in the UI language. */
export function useAlarmFormat() {
  const { t, i18n } = useTranslation();
  const duration = useCallback(
    (ms: number | null): string => {
      if (ms === null) return t('common.none');
      const d = durationParts(ms);
      const [first, second] = d.parts.map((p) => t(`alarms.duration.${p.unit}`, { n: p.value }));
      const text = d.underSecond
        ? t('alarms.duration.underSecond')
        : second === undefined
          ? (first ?? '')
          : t('alarms.duration.pair', { a: first, b: second });
      return d.negative ? t('alarms.duration.negative', { duration: text }) : text;
    },
    [t],
  );
  const count = useCallback((n: number) => formatNumber(n, i18n.language), [i18n.language]);
  return useMemo(() => ({ duration, count }), [duration, count]);
}
