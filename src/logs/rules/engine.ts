import type { AlarmRecord, LogEntry, LogRuleInfo } from '../../contract/logs';
import { RULE_TEXT_LIMIT, type LogRule } from './types';

const HAS_OFFSET = /(?:Z|[+-]\d\d:\d\d)$/;

function matches(rule: LogRule, e: LogEntry): RegExpExecArray | null {
  const w = rule.where;
  if (w) {
    if (w.transport && e.transport !== w.transport) return null;
    if (w.maxSeverity !== undefined && e.severity !== null && e.severity > w.maxSeverity) return null;
    if (w.app && !w.app.test(e.app ?? '')) return null;
    if (w.host && !w.host.test(e.host ?? '')) return null;
  }
  return rule.pattern.exec(e.message.length > RULE_TEXT_LIMIT ? e.message.slice(0, RULE_TEXT_LIMIT) : e.message);
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
    const out: AlarmRecord[] = [];
    if (e.message === '') return out;
    for (const rule of this.rules) {
      const m = matches(rule, e);
      if (!m) continue;
      const device = e.device?.id ?? e.sourceAddress ?? e.source;
      const key = m.groups?.key?.toLowerCase().replace(/\s+/g, '');
      const record: AlarmRecord = {
        device,
        source: `logs:${e.transport}:${e.source}`,
        kind: rule.kind,
        type: rule.type,
        severity: rule.severity,
        action: rule.action,
        // A device time without an offset cannot be placed on the timeline; the receive time can.
        time: e.time && HAS_OFFSET.test(e.time) ? e.time : e.receivedAt,
        message: e.message.slice(0, RULE_TEXT_LIMIT),
        logEntryId: e.id,
      };
      if (rule.kind === 'alarm') record.seId = `${device}/${rule.type}${key ? `/${key}` : ''}`.slice(0, 200);
      if (rule.action === 'clear') record.softClear = true;
      out.push(record);
    }
    return out;
  }
}
