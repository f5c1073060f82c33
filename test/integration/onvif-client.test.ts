import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OnvifDevice } from '../../src/onvif/device';
import { startOnvifSim, type OnvifSim } from '../sim/onvif/device-service';

const YEARS = 365 * 24 * 3600 * 1000;
const admin = { username: 'admin', password: 'Passw0rd!' };
let sims: OnvifSim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
async function sim(opts: Parameters<typeof startOnvifSim>[0] = {}) {
  const s = await startOnvifSim(opts);
  sims.push(s);
  return s;
}

describe('OnvifDevice against the simulated device service', () => {
  it('authenticates in the camera clock, even when the camera is years off', async () => {
    const s = await sim({ state: { clockOffsetMs: -7 * YEARS } });
    const dev = new OnvifDevice({ xaddr: s.url, credentials: admin });
    // Without the camera's clock the token is dated "now" and refused, as a real camera would.
    await expect(dev.getDeviceInformation()).rejects.toMatchObject({ code: 'unauthorized' });
    const clock = await dev.syncClock();
    expect(Math.round(clock.offsetMs / YEARS)).toBe(-7);
    expect(await dev.getDeviceInformation()).toEqual({
      manufacturer: 'HIKVISION',
      model: 'DS-2CD2143G0-I',
      firmwareVersion: 'V5.5.82 build 190220',
      serialNumber: 'DS-2CD2143G0-I20190101AAWRC12345678',
      hardwareId: '88',
    });
  });

  it('says unauthorized for a wrong password, and which operation', async () => {
    const s = await sim();
    const dev = new OnvifDevice({ xaddr: s.url, credentials: { username: 'admin', password: 'nope' } });
    await dev.syncClock();
    await expect(dev.getNetworkInterfaces()).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/^GetNetworkInterfaces: /) });
  });

  it('answers an HTTP Digest challenge when the camera wants one', async () => {
    const s = await sim({ auth: 'digest' });
    const dev = new OnvifDevice({ xaddr: s.url, credentials: admin });
    expect((await dev.getNetworkInterfaces())[0]).toMatchObject({ token: 'eth0', mac: '44:19:b6:12:34:56' });
  });

  it('changes the address, gateway, clock and host name, and reads them back', async () => {
    const moved: string[] = [];
    const s = await sim({ applyAddress: async (next) => void moved.push(`${next.address}/${next.prefix}`) });
    const dev = new OnvifDevice({ xaddr: s.url, credentials: admin });
    await dev.syncClock();
    expect(await dev.setNetworkInterface('eth0', { dhcp: false, address: '198.51.100.20', prefix: 24 })).toEqual({ rebootNeeded: false });
    await expect.poll(() => s.state.address).toBe('198.51.100.20');
    expect(moved).toEqual(['198.51.100.20/24']);
    expect((await dev.getNetworkInterfaces())[0]!.ipv4!.manual).toEqual([{ address: '198.51.100.20', prefix: 24 }]);
    await dev.setDefaultGateway('198.51.100.1');
    expect(await dev.getDefaultGateway()).toEqual(['198.51.100.1']);
    await dev.setHostname('cam-lobby-01');
    expect(await dev.getHostname()).toEqual({ fromDhcp: false, name: 'cam-lobby-01' });
    const target = new Date(Date.UTC(2026, 10, 22, 8, 0, 0));
    await dev.setSystemDateAndTime({ ntp: false, utc: target }, 'UTC0');
    const c = await dev.syncClock();
    expect(Math.abs(Date.parse(c.utc!) - target.getTime())).toBeLessThan(5000);
    expect(await dev.systemReboot()).toMatch(/Rebooting/);
    expect(s.state.rebootCount).toBe(1);
  });

  it('a lying camera says OK but the read-back shows the old address', async () => {
    const s = await sim({ lieOnSetNetwork: true });
    const dev = new OnvifDevice({ xaddr: s.url, credentials: admin });
    await dev.setNetworkInterface('eth0', { dhcp: false, address: '198.51.100.21', prefix: 24 });
    expect((await dev.getNetworkInterfaces())[0]!.ipv4!.manual[0]!.address).toBe('192.168.1.64');
  });

  it('refuses bad values before sending anything', async () => {
    const s = await sim();
    const dev = new OnvifDevice({ xaddr: s.url, credentials: admin });
    await expect(dev.setNetworkInterface('eth0', { dhcp: false, address: '1.2.3.4</tt:Address>', prefix: 24 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(dev.setHostname('bad name; reboot')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(dev.setDefaultGateway('999.1.1.1')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(s.calls).toEqual([]);
  });

  it('times out on a silent device, and stops reading an oversized answer', async () => {
    const silent = createServer(() => undefined);
    const huge = createServer((_q, r) => {
      r.writeHead(200, { 'Content-Type': 'application/soap+xml' });
      r.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
    });
    await Promise.all([silent, huge].map((srv) => new Promise<void>((res) => srv.listen(0, '127.0.0.1', res))));
    try {
      const url = (srv: typeof silent) => `http://127.0.0.1:${(srv.address() as AddressInfo).port}/onvif/device_service`;
      await expect(new OnvifDevice({ xaddr: url(silent), timeoutMs: 300 }).syncClock()).rejects.toMatchObject({ code: 'timeout' });
      await expect(new OnvifDevice({ xaddr: url(huge), maxResponseBytes: 64 * 1024 }).syncClock()).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/larger than/) });
    } finally {
      silent.closeAllConnections();
      silent.close();
      huge.close();
    }
  });

  it('reports an unreachable device as unavailable', async () => {
    const s = await sim();
    const url = s.url;
    await s.close();
    sims = [];
    await expect(new OnvifDevice({ xaddr: url }).syncClock()).rejects.toMatchObject({ code: 'unavailable' });
  });
});
