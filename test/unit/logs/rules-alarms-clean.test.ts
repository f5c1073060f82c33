import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/contract/logs';
import { logAlarm } from '../../../src/hosts/live-sources';
import { DEFAULT_RULES } from '../../../src/logs/rules/defaults';
import { RuleEngine } from '../../../src/logs/rules/engine';
import { recordText } from '../../../src/logs/rules/record-text';
import { makeAlarms } from '../alarms/harness';
import { entry } from './helpers';

const engine = new RuleEngine(DEFAULT_RULES);
const stored = (over: Partial<LogEntry> = {}): LogEntry => ({ ...entry(), id: 7, receivedAt: '2026-03-01T10:00:00.000Z', ...over });

describe('a log rule match always reaches the alarm store', () => {
  it('a console line with ANSI colour codes that raises link-down is stored as an alarm, without the codes', () => {
    // Serial consoles colour their output; the rule matches, so the alarm must not vanish.
    const records = engine.evaluate(stored({ transport: 'serial', source: 'ttyUSB0', sourceAddress: null, message: '\x1b[31m[  12.5] eth0: Link is Down\x1b[0m' }));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ message: '[  12.5] eth0: Link is Down', seId: 'ttyUSB0/link-down/eth0' });
    const { svc } = makeAlarms(Date.parse('2026-03-02T00:00:00Z'));
    const r = svc.ingestLive(records.map(logAlarm));
    expect(r.rejected).toEqual([]);
    expect(svc.list({ state: 'active' }).total).toBe(1);
  });

  it('a syslog time with a +15:00 offset (accepted by the log parser) does not lose the alarm: the receive time stands in', () => {
    const records = engine.evaluate(stored({ message: 'eth0: Link is Down', time: '2026-03-02T01:00:00+15:00' }));
    expect(records).toHaveLength(1);
    expect(records[0]!.time).toBe('2026-03-01T10:00:00.000Z');
    const { svc } = makeAlarms(Date.parse('2026-03-02T00:00:00Z'));
    const r = svc.ingestLive(records.map(logAlarm));
    expect(r.rejected).toEqual([]);
    expect(svc.list({ state: 'active' }).total).toBe(1);
  });

  it('a device time the alarm store accepts is kept as written', () => {
    const [record] = engine.evaluate(stored({ message: 'eth0: Link is Down', time: '2026-03-01T18:00:00+08:00' }));
    expect(record!.time).toBe('2026-03-01T18:00:00+08:00');
  });

  it('removes CSI, OSC and short escape sequences and other control characters, keeping tab and line breaks', () => {
    expect(recordText('\x1b[1;31mred\x1b[0m \x1b]0;title\x07ok\x1b(B\x00\x7f\tend\n')).toBe('red ok\tend\n');
    expect(recordText('\x9b31mc1 csi\x1b[K')).toBe('c1 csi');
    expect(recordText('plain text')).toBe('plain text');
  });
});
