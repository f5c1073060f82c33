// bin/fieldkit device info / device set-ip --xaddr, end to end against the ONVIF camera simulator:
// `info` on loopback (no privileges needed), `set-ip` in the namespace lab, where moving the
// camera really moves its namespace's address and can only be verified by finding it there.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLab, requireLabOrSkip, requireToolsOrSkip, type Lab, type LabDevice } from '../lab';
import { startOnvifSim, type OnvifSim } from '../sim/onvif/device-service';
import { FIELDKIT_BIN, runCli } from '../support/cli';
import { tempDir } from '../support/tmp';

const YEAR = 365 * 24 * 3600 * 1000;
const LOGIN = ['--user', 'admin', '--password', 'Passw0rd!'];

describe('fieldkit device info --xaddr (simulator on loopback)', () => {
  const tmp = tempDir('fk-cli-device-');
  let sims: OnvifSim[] = [];
  afterEach(async () => {
    await Promise.all(sims.map((s) => s.close()));
    sims = [];
  });
  afterAll(() => tmp.remove());

  async function sim(opts: Parameters<typeof startOnvifSim>[0] = {}) {
    const s = await startOnvifSim({ host: '127.0.0.1', port: 0, ...opts });
    sims.push(s);
    return s;
  }
  const fk = (args: string[]) => runCli(['--data-dir', tmp.dir, ...args]);

  const configured = {
    manufacturer: 'Dahua',
    model: 'IPC-HFW2431S',
    firmware: '2.800.0000000.12.R',
    serial: '7C0ABCD1234EF56',
    mac: '02:11:22:33:44:55',
    address: '10.20.30.40',
    prefix: 16,
    gateway: '10.20.0.254',
    clockOffsetMs: -2 * YEAR,
  };

  it('prints the identity and network settings the camera was configured with, as one JSON document', async () => {
    const s = await sim({ state: configured });
    const r = await fk(['--json', 'device', 'info', '--xaddr', s.url, ...LOGIN]);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(info).toEqual({
      ip: '10.20.30.40',
      prefix: 16,
      dhcp: false,
      gateway: ['10.20.0.254'],
      mac: '02:11:22:33:44:55',
      manufacturer: 'Dahua',
      model: 'IPC-HFW2431S',
      serial: '7C0ABCD1234EF56',
      firmware: '2.800.0000000.12.R',
      clockOffsetMs: expect.any(Number),
      xaddr: s.url,
    });
    // Logging in needs the camera's clock: two years off, read and used.
    expect(Math.abs((info.clockOffsetMs as number) - configured.clockOffsetMs)).toBeLessThan(10_000);
    expect(s.calls).toEqual(expect.arrayContaining(['GetSystemDateAndTime', 'GetDeviceInformation', 'GetNetworkInterfaces']));
    // Reading a camera by URL touches nothing on the laptop.
    expect(JSON.parse((await fk(['--json', 'net', 'journal'])).stdout)).toEqual({ entries: [], outstanding: 0 });
  });

  it('prints the same in human form, and works with a camera that wants HTTP Digest', async () => {
    const s = await sim({ auth: 'digest', state: { ...configured, clockOffsetMs: 0 } });
    const r = await fk(['device', 'info', '--xaddr', s.url, ...LOGIN]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'Dahua IPC-HFW2431S (serial 7C0ABCD1234EF56, firmware 2.800.0000000.12.R)',
      'MAC 02:11:22:33:44:55, static 10.20.30.40/16, gateway 10.20.0.254',
      expect.stringMatching(/^clock offset -?\d+ s$/),
    ]);
  });

  it('a wrong password or user fails with exit 1 and one clear line, reading nothing more', async () => {
    const s = await sim({ state: configured });
    for (const login of [['--user', 'admin', '--password', 'wrong'], ['--user', 'nobody', '--password', 'Passw0rd!']]) {
      const r = await fk(['--json', 'device', 'info', '--xaddr', s.url, ...login]);
      expect(r.code, login.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^fieldkit: GetDeviceInformation: the camera refused the user name or password/);
    }
    expect(s.calls).not.toContain('GetNetworkInterfaces');
  });

  it('usage mistakes exit 2; an unreachable camera exits 1 naming the URL', async () => {
    const s = await sim();
    for (const args of [['device', 'info', '--xaddr', s.url], ['device', 'info', ...LOGIN], ['device', 'info', '--xaddr', s.url, ...LOGIN, '--prefix', '40']]) {
      const r = await fk(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^fieldkit: /);
    }
    const url = s.url;
    await s.close();
    sims = [];
    const r = await fk(['device', 'info', '--xaddr', url, ...LOGIN]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`fieldkit: Cannot reach ${url}`);
  });
});

const skipLab = requireLabOrSkip() || requireToolsOrSkip('arping');
const SIM = fileURLToPath(new URL('../sim/onvif/sim-cli.ts', import.meta.url));

describe.skipIf(skipLab)('fieldkit device set-ip --xaddr (CLI in the lab)', () => {
  let lab: Lab;
  let cam: LabDevice;
  let simOut = '';
  let simChild: ChildProcess;
  const tmp = tempDir('fk-cli-setip-');
  const MAC = '02:00:00:00:0e:01';
  // A non-default port: only --xaddr can tell FieldKit where the device service is.
  const PORT = 8080;
  const xaddr = (ip: string) => `http://${ip}:${PORT}/onvif/device_service`;

  async function fk(args: string[]) {
    const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, '--json', ...args], { reject: false, timeoutMs: 60_000 });
    return { code: r.code, json: r.stdout.trim() ? JSON.parse(r.stdout) : null, stderr: r.stderr };
  }
  const camAddrs = async () => (await lab.exec(cam.ns, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout;
  async function expectLaptopClean() {
    const addrs = (await lab.exec(lab.tech, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'br0'])).stdout;
    expect(addrs.match(/inet /g)).toHaveLength(1);
    expect(addrs).toContain('198.51.100.1/24');
    expect((await lab.exec(lab.tech, 'ip', ['neigh', 'show', 'nud', 'permanent'])).stdout.trim()).toBe('');
    expect((await fk(['net', 'journal'])).json.outstanding).toBe(0);
  }

  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
    cam = await lab.addDevice({ name: 'cam', cidr: '192.168.1.64/24', mac: MAC });
    const state = { mac: MAC, address: '192.168.1.64', prefix: 24, gateway: '192.168.1.1', clockOffsetMs: -YEAR };
    simChild = lab.spawn(cam.ns, process.execPath, ['--import', 'tsx', SIM, JSON.stringify({ port: PORT, state })]);
    await new Promise<void>((resolve, reject) => {
      simChild.stdout!.on('data', (d) => {
        simOut += d;
        if (simOut.includes('ready')) resolve();
      });
      simChild.once('exit', (c) => reject(new Error(`camera simulator exited ${c}`)));
    });
  });
  afterAll(async () => {
    await lab?.cleanup();
    tmp.remove();
  });

  it('--ip alone looks on port 80, finds no device service, changes nothing and cleans up', async () => {
    const r = await fk(['device', 'set-ip', '--ip', '192.168.1.64', ...LOGIN, '--new', '198.51.100.31/24', '--iface', 'br0']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, verified: false, error: expect.stringContaining('http://192.168.1.64/onvif/device_service') });
    expect(await camAddrs()).toContain('192.168.1.64/24');
    await expectLaptopClean();
  });

  it('moves the camera reached through --xaddr, verifies it, and it reads back at the new address', async () => {
    const r = await fk(['device', 'set-ip', '--xaddr', xaddr('192.168.1.64'), ...LOGIN, '--new', '198.51.100.31/24', '--gateway', '198.51.100.1', '--iface', 'br0']);
    expect(r.code, `${r.stderr}\n${JSON.stringify(r.json, null, 1)}`).toBe(0);
    expect(r.json).toMatchObject({
      ok: true,
      verified: true,
      error: null,
      before: { ip: '192.168.1.64', prefix: 24, gateway: ['192.168.1.1'], mac: MAC },
      after: { ip: '198.51.100.31', prefix: 24, gateway: ['198.51.100.1'], mac: MAC },
    });
    expect(r.json.steps.map((s: { name: string }) => s.name)).toEqual(['laptop-alias', 'clock', 'read-before', 'probe-new', 'set-gateway', 'set-ip', 'rediscover', 'read-back', 'cleanup']);
    expect(r.stderr).toMatch(/ok\s+read-back/);
    // The simulator really moved its interface: the old address is gone, the new one is there.
    expect(simOut).toContain('moved 192.168.1.64/24 -> 198.51.100.31/24');
    const addrs = await camAddrs();
    expect(addrs).toContain('198.51.100.31/24');
    expect(addrs).not.toContain('192.168.1.64');
    await expectLaptopClean();

    // An independent read through `device info` at the new URL agrees.
    const info = await fk(['device', 'info', '--xaddr', xaddr('198.51.100.31'), ...LOGIN]);
    expect(info.code, info.stderr).toBe(0);
    expect(info.json).toMatchObject({ ip: '198.51.100.31', prefix: 24, dhcp: false, gateway: ['198.51.100.1'], mac: MAC, xaddr: xaddr('198.51.100.31') });
    // The old address no longer answers.
    const old = await fk(['device', 'info', '--xaddr', xaddr('192.168.1.64'), ...LOGIN]);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/^fieldkit: /);
  });
});
