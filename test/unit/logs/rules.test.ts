import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/contract/logs';
import { DEFAULT_RULES } from '../../../src/logs/rules/defaults';
import { RuleEngine } from '../../../src/logs/rules/engine';
import { entry } from './helpers';

const engine = new RuleEngine(DEFAULT_RULES);
const stored = (over: Partial<LogEntry> = {}): LogEntry => {
  const e = entry();
  return { ...e, id: 7, receivedAt: '2026-03-01T10:00:00.000Z', ...over };
};
const fire = (message: string) => engine.evaluate(stored({ message })).map((r) => `${r.type}:${r.action}`);

describe('default log rules', () => {
  it('raise and clear link-down with one flow id per interface', () => {
    const down = engine.evaluate(stored({ message: 'eth0: Link is Down' }));
    expect(down).toEqual([{
      device: '192.168.1.64', source: 'logs:udp:192.168.1.64:514', kind: 'alarm', type: 'link-down', severity: 'major',
      action: 'raise', time: '2026-03-01T18:00:00+08:00', message: 'eth0: Link is Down', seId: '192.168.1.64/link-down/eth0', logEntryId: 7,
    }]);
    const up = engine.evaluate(stored({ message: 'eth0: Link is Up - 100Mbps/Full - flow control off' }));
    expect(up).toMatchObject([{ type: 'link-down', action: 'clear', seId: '192.168.1.64/link-down/eth0', softClear: true }]);
    expect(engine.evaluate(stored({ message: 'eth1: link down' }))[0]?.seId).toBe('192.168.1.64/link-down/eth1');
  });

  it('recognise camera, NVR, kernel and switch wording', () => {
    expect(fire('Network disconnected')).toEqual(['link-down:raise']);
    expect(fire('NIC link status down')).toEqual(['link-down:raise']);
    expect(fire('%LINK-3-UPDOWN: port 3 link down')).toEqual(['link-down:raise']);
    expect(fire('Network reconnected')).toEqual(['link-down:clear']);
    expect(fire('IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready')).toEqual(['link-down:clear']);
    expect(fire('System reboot by user admin')).toEqual(['reboot:event']);
    expect(fire('Booting Linux on physical CPU 0x0')).toEqual(['reboot:event']);
    expect(fire('reboot: Restarting system')).toEqual(['reboot:event']);
    expect(fire('blk_update_request: I/O error, dev mmcblk0, sector 2048')).toEqual(['storage-error:event']);
    expect(fire('EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2')).toEqual(['storage-error:event']);
    expect(fire('HDD error: disk 1 abnormal')).toEqual(['storage-error:event']);
    expect(fire('SD card full, overwriting')).toEqual(['storage-error:event']);
  });

  it('stay quiet on ordinary lines', () => {
    for (const m of ['motion detected on channel 1', 'user admin logged in', 'disk usage 45%', 'uplink speed 1000',
      'NTP sync ok', 'downloading firmware', 'uptime 3 days, last rebooted by watchdog', 'link aggregation enabled', '']) {
      expect(fire(m), m).toEqual([]);
    }
  });

  it('use the known device and fall back to the receive time when the device time has no offset', () => {
    const [r] = engine.evaluate(stored({ message: 'eth0: Link is Down', device: { id: 'cam-7', name: 'Gate' }, time: '2026-03-01T18:00:00' }));
    expect(r).toMatchObject({ device: 'cam-7', seId: 'cam-7/link-down/eth0', time: '2026-03-01T10:00:00.000Z' });
  });

  it('have a hint that passes every line their pattern matches (hints only skip work)', () => {
    const lines = ['eth0: Link is Down', 'Network disconnected', 'NIC link status down', '%LINK-3-UPDOWN: port 3 link down',
      'network cable unplugged', 'Carrier lost on eth1', 'Network reconnected', 'eth0: link becomes ready', 'carrier acquired',
      'System reboot by user admin', 'Booting Linux on physical CPU 0x0', 'reboot: Restarting system', 'Linux version 4.9.37',
      'U-Boot 2016.11', 'system started', 'blk_update_request: I/O error, dev mmcblk0, sector 2048',
      'EXT4-fs error (device sda1): x', 'FAT-fs (mmcblk0p1): error, fat_get_cluster', 'HDD error: disk 1 abnormal', 'SD card full, overwriting',
      'storage exception', 'sda1 read-only', 'disk unformatted', 'mmcblk0 failed', 'ETH0: LINK IS DOWN', 'SYSTEM REBOOTING NOW'];
    for (const rule of DEFAULT_RULES) {
      expect(rule.hint, rule.id).toBeDefined();
      for (const l of lines) if (rule.pattern.test(l)) expect(rule.hint!.test(l), `${rule.id}: ${l}`).toBe(true);
    }
    // A hint that rejects a line skips the rule (and a pattern it would have matched stays unmatched).
    const strict = new RuleEngine([{ ...DEFAULT_RULES[0]!, hint: /never/ }]);
    expect(strict.evaluate(stored({ message: 'eth0: Link is Down' }))).toEqual([]);
  });

  it('read a queued entry (numeric receive time) with its id given beside it', () => {
    const e = entry({ message: 'eth0: Link is Down', time: null });
    expect(engine.evaluateAt(e, 42)).toMatchObject([{ logEntryId: 42, time: new Date(e.receivedAt).toISOString() }]);
  });

  it('describe themselves for the contract', () => {
    expect(engine.describe().map((r) => r.id)).toEqual(['link-down', 'link-up', 'reboot', 'storage-error']);
  });
});
