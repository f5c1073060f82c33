import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmFlag, AlarmSeverity, AlarmState } from '../../../../../src/contract';
import { ALARM_FLAGS, ALARM_SEVERITIES, ALARM_STATES } from '../../../../../src/contract/alarms';
import { formatLocalDateTime } from './intl-cache';
import { useAlarmFormat } from './use-format';

/**
 * Every string a list row needs, built once per language. Rows take it as a
 * prop instead of each calling useTranslation: a jump through a million rows
 * mounts fifty rows at once, and hooks per cell add up.
 */
export interface RowText {
  severity: Record<AlarmSeverity, string>;
  state: Record<AlarmState, string>;
  flag: Record<AlarmFlag, string>;
  ongoing: string;
  loading: string;
  selectRow(id: number): string;
  yourTime(ms: number): string;
  duration(ms: number | null): string;
  count(n: number): string;
}

export function useRowText(): RowText {
  const { t, i18n } = useTranslation();
  const fmt = useAlarmFormat();
  const language = i18n.language;
  return useMemo(
    () => ({
      severity: Object.fromEntries(ALARM_SEVERITIES.map((s) => [s, t(`alarms.severities.${s}`)])) as Record<AlarmSeverity, string>,
      state: Object.fromEntries(ALARM_STATES.map((s) => [s, t(`alarms.states.${s}`)])) as Record<AlarmState, string>,
      flag: Object.fromEntries(ALARM_FLAGS.map((f) => [f, t(`alarms.flags.${f}`)])) as Record<AlarmFlag, string>,
      ongoing: t('alarms.list.ongoing'),
      loading: t('common.loading'),
      selectRow: (id) => t('alarms.list.selectRow', { id }),
      yourTime: (ms) => t('alarms.time.yourTime', { time: formatLocalDateTime(ms, language) }),
      duration: fmt.duration,
      count: fmt.count,
    }),
    [t, language, fmt],
  );
}
