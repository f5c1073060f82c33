import { describe, expect, it } from 'vitest';
import type { DiscoveredDevice, PresenceEvent } from '../../src/contract';
import { DiscoveryDeviceDirectory, presenceAlarm } from '../../src/hosts/live-sources';

const device = (over: Partial<DiscoveredDevice>): DiscoveredDevice => ({ id: 'dev-1', mac: '44:19:b6:00:00:01', ips: ['198.51.100.10'], name: 'Lobby', model: 'DS-2CD', ...over }) as DiscoveredDevice;

describe('presenceAlarm', () => {
  it('raises device-offline when a device goes offline and clears it, softly, when it is back', () => {
    const off: PresenceEvent = { id: 'dev-1', state: 'offline', cause: 'bye', at: '2026-11-22T10:00:00.000Z', device: device({}) };
    expect(presenceAlarm(off)).toEqual({
      device: 'dev-1',
      source: 'discovery',
      kind: 'alarm',
      type: 'device-offline',
      severity: 'major',
      action: 'raise',
      time: '2026-11-22T10:00:00.000Z',
      message: 'Lobby (198.51.100.10) went offline (bye)',
      seId: 'dev-1/device-offline',
    });
    expect(presenceAlarm({ ...off, state: 'online', cause: 'hello' })).toMatchObject({ action: 'clear', softClear: true, seId: 'dev-1/device-offline' });
  });
});

describe('DiscoveryDeviceDirectory', () => {
  it('follows IP changes and merges', () => {
    const dir = new DiscoveryDeviceDirectory();
    dir.update(device({}));
    expect(dir.deviceForAddress('198.51.100.10')).toEqual({ id: 'dev-1', name: 'Lobby' });
    dir.update(device({ ips: ['198.51.100.20'] }));
    expect(dir.deviceForAddress('198.51.100.10')).toBeNull();
    dir.update(device({ id: 'dev-2', ips: ['10.0.0.5'], name: null }), ['dev-1']);
    expect(dir.deviceForAddress('198.51.100.20')).toBeNull();
    expect(dir.deviceForAddress('10.0.0.5')).toEqual({ id: 'dev-2', name: 'DS-2CD' });
  });
});
