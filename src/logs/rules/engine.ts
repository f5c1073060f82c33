import type { AlarmRecord, LogEntry, LogRuleInfo } from '../../contract/logs';
import { recordText, recordTime } from './record-text';
import { RULE_TEXT_LIMIT, type LogRule } from './types';

// The alarm store's limits on device, source and flow id (src/alarms/types.ts LIMITS).
const FIELD_LIMIT = 200;

/**
 * What the rules read of an entry: a stored {@link LogEntry}, or a queued entry whose receive time is
 * still a number (ms since epoch) and whose id is given beside it.
 */
export type RuleSubject = Pick<LogEntry, 'transport' | 'source' | 'sourceAddress' | 'device' | 'host' | 'app' | 'severity' | 'time' | 'message'> & {
  receivedAt: string | number;
};

function matches(rule: LogRule, e: RuleSubject): RegExpExecArray | null {
  const w = rule.where;
  if (w) {
    if (w.transport && e.transport !== w.transport) return null;
    if (w.maxSeverity !== undefined && e.severity !== null && e.severity > w.maxSeverity) return null;
    if (w.app && !w.app.test(e.app ?? '')) return null;
    if (w.host && !w.host.test(e.host ?? '')) return null;
  }
  const text = e.message.length > RULE_TEXT_LIMIT ? e.message.slice(0, RULE_TEXT_LIMIT) : e.message;
  if (rule.hint && !rule.hint.test(text)) return null;
  return rule.pattern.exec(text);
}

/** Applies rules to stored entries; each matching rule yields one record. */
export class RuleEngine {
  constructor(private readonly rules: readonly LogRule[]) {}

  /** The rules as the contract shows them. */
  describe(): LogRuleInfo[] {
    return this.rules.map((r) => ({
      id: r.id, description: r.description, kind: r.kind, type: r.type, severity: r.severity, action: r.action,
      pattern: r.pattern.source,
    }));
  }

  evaluate(e: LogEntry): AlarmRecord[] {
    return this.evaluateAt(e, e.id);
  }

  /** {@link evaluate} for an entry stored under `id` that is not a contract entry yet (see {@link RuleSubject}). */
  evaluateAt(e: RuleSubject, id: number): AlarmRecord[] {
    const out: AlarmRecord[] = [];
    if (e.message === '') return out;
    for (const rule of this.rules) {
      const m = matches(rule, e);
      if (!m) continue;
      const device = recordText(e.device?.id ?? e.sourceAddress ?? e.source).slice(0, FIELD_LIMIT);
      const key = m.groups?.key && recordText(m.groups.key).toLowerCase().replace(/\s+/g, '');
      const record: AlarmRecord = {
        device,
        source: recordText(`logs:${e.transport}:${e.source}`).slice(0, FIELD_LIMIT),
        kind: rule.kind,
        type: rule.type,
        severity: rule.severity,
        action: rule.action,
        time: recordTime(e.time, e.receivedAt),
        message: recordText(e.message).slice(0, RULE_TEXT_LIMIT),
        logEntryId: id,
      };
      if (rule.kind === 'alarm') record.seId = `${device}/${rule.type}${key ? `/${key}` : ''}`.slice(0, FIELD_LIMIT);
      if (rule.action === 'clear') record.softClear = true;
      out.push(record);
    }
    return out;
  }
}
