import { afterEach, describe, expect, it } from 'vitest';
import { FieldKitError } from '../../src/contract/errors';
import { OnvifDevice } from '../../src/onvif/device';
import { scopeUri, scopeValue } from '../../src/onvif/parse-admin';
import { startOnvifSim, type OnvifSim } from '../sim/onvif/device-service';

const admin = { username: 'admin', password: 'Passw0rd!' };

describe('ONVIF commissioning operations against the device simulator (loopback)', () => {
  let sim: OnvifSim;
  afterEach(async () => sim?.close());

  it('reads and sets name and location scopes, keeping fixed ones, escaping what it sends', async () => {
    sim = await startOnvifSim();
    const dev = new OnvifDevice({ xaddr: sim.url, credentials: admin });
    await dev.syncClock();
    expect(scopeValue(await dev.getScopes(), 'name')).toBe('HIKVISION');
    const hostile = 'Gate </tds:Scopes><x>&';
    await dev.setScopes([scopeUri('name', '东门 Gate'), scopeUri('location', hostile)]);
    const after = await dev.getScopes();
    expect(scopeValue(after, 'name')).toBe('东门 Gate');
    expect(scopeValue(after, 'location')).toBe(hostile);
    expect(after.filter((s) => !s.configurable).map((s) => s.uri)).toEqual(['onvif://www.onvif.org/type/video_encoder', 'onvif://www.onvif.org/hardware/DS-2CD2143G0-I']);
    await expect(dev.setScopes(['not a uri'])).rejects.toThrow(/URI/);
  });

  it('activates a camera with no user (factory state) anonymously, then changes the password', async () => {
    sim = await startOnvifSim({ state: { users: {} } });
    const anon = new OnvifDevice({ xaddr: sim.url });
    expect(await anon.getUsers({ anonymous: true })).toEqual([]);
    await expect(new OnvifDevice({ xaddr: sim.url, credentials: admin }).getDeviceInformation()).rejects.toMatchObject({ code: 'unauthorized' });
    await anon.createUser({ username: 'admin', password: 'First-Pass-1' }, { anonymous: true });
    const first = new OnvifDevice({ xaddr: sim.url, credentials: { username: 'admin', password: 'First-Pass-1' } });
    await first.syncClock();
    expect(await first.getUsers()).toEqual([{ username: 'admin', level: 'Administrator' }]);
    // Activated: anonymous requests are refused now.
    await expect(anon.getUsers({ anonymous: true })).rejects.toBeInstanceOf(FieldKitError);
    await first.setUser({ username: 'admin', password: 'Second-Pass-2<&>' });
    expect(sim.state.users).toEqual({ admin: 'Second-Pass-2<&>' });
    await expect(first.getDeviceInformation()).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(first.setUser({ username: 'ad min', password: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('sets NTP and reads PTZ capability', async () => {
    sim = await startOnvifSim({ state: { ptz: true } });
    const dev = new OnvifDevice({ xaddr: sim.url, credentials: admin });
    await dev.syncClock();
    expect(await dev.getNtp()).toEqual({ fromDhcp: false, servers: [] });
    await dev.setNtp('ntp.example.org');
    await dev.setSystemDateAndTime({ ntp: true });
    expect(await dev.getNtp()).toEqual({ fromDhcp: false, servers: ['ntp.example.org'] });
    expect((await dev.syncClock()).type).toBe('NTP');
    await expect(dev.setNtp('bad host;reboot')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await dev.getPtzCapability()).toEqual({ ptz: true, ptzXaddr: expect.stringMatching(/\/onvif\/ptz_service$/) });
    sim.state.ptz = false;
    expect((await dev.getPtzCapability()).ptz).toBe(false);
  });

  it('a camera that hangs is reported as a timeout, not a crash', async () => {
    sim = await startOnvifSim({ silentFrom: 'GetHostname' });
    const dev = new OnvifDevice({ xaddr: sim.url, credentials: admin, timeoutMs: 300 });
    await dev.syncClock();
    await expect(dev.getHostname()).rejects.toMatchObject({ code: 'timeout' });
    await expect(dev.getDeviceInformation()).rejects.toMatchObject({ code: 'timeout' });
  });
});
