import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open';
import { createLab, requireLabOrSkip, requireToolsOrSkip, untilReady, type Lab } from '../lab';
import { FIELDKIT_BIN } from '../support/cli';
import { tempDir } from '../support/tmp';

const skip = requireLabOrSkip() || requireToolsOrSkip('arping');
const SIM = fileURLToPath(new URL('../sim/onvif/sim-cli.ts', import.meta.url));
const YEAR = 365 * 24 * 3600 * 1000;
const LOGIN = ['--user', 'admin', '--password', 'Passw0rd!'];
const NEW_PASSWORD = 'Kx7-tower-North!';

interface Step {
  name: string;
  ok: boolean;
  detail: string;
}
interface Device {
  mac: string;
  ok: boolean;
  steps: Step[];
}
interface SimState {
  address: string;
  prefix: number;
  gateway: string;
  hostname: string;
  dateTimeType: string;
  clockOffsetMs: number;
  ntpServers: string[];
  users: Record<string, string>;
  scopes: { uri: string }[];
}

/** A camera process in its namespace, with what it printed: operations received and its state after each. */
class Camera {
  ops: string[] = [];
  state: SimState | null = null;
  moved = false;
  constructor(
    readonly ns: string,
    readonly mac: string,
    readonly child: ChildProcess,
  ) {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('op ')) this.ops.push(line.slice(3));
        else if (line.startsWith('state ')) this.state = JSON.parse(line.slice(6)) as SimState;
        else if (line.startsWith('moved ')) this.moved = true;
      }
    });
  }
  count(op: string): number {
    return this.ops.filter((o) => o === op).length;
  }
}

describe.skipIf(skip)('commissioning a batch from a plan file (CLI in the lab)', () => {
  let lab: Lab;
  const tmp = tempDir('fk-wizard-');
  const cams = new Map<string, Camera>();

  async function camera(name: string, cidr: string, mac: string, sim: Record<string, unknown> = {}): Promise<Camera> {
    const dev = await lab.addDevice({ name, cidr, mac });
    const [address, prefix] = cidr.split('/');
    const state = { mac, address, prefix: Number(prefix), ...((sim.state as object) ?? {}) };
    const child = lab.spawn(dev.ns, process.execPath, ['--import', 'tsx', SIM, JSON.stringify({ logCalls: true, ...sim, state })]);
    const cam = new Camera(dev.ns, mac, child);
    await untilReady(child, `sim ${name}`);
    cams.set(mac, cam);
    return cam;
  }

  async function fk(args: string[]) {
    const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, '--json', ...args], { reject: false, timeoutMs: 180_000 });
    return { code: r.code, json: r.stdout.trim() ? JSON.parse(r.stdout) : null, stderr: r.stderr };
  }

  function plan(file: string, lines: string[]): string {
    const path = join(tmp.dir, file);
    writeFileSync(path, ['mac,ip,gateway,hostname,new_password,ntp,name,location,current_ip', ...lines].join('\n') + '\n');
    return path;
  }

  const addrOf = async (ns: string) => (await lab.exec(ns, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout;
  async function expectLaptopClean() {
    const addrs = (await lab.exec(lab.tech, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'br0'])).stdout;
    expect(addrs.match(/inet /g)).toHaveLength(1);
    expect((await lab.exec(lab.tech, 'ip', ['neigh', 'show', 'nud', 'permanent'])).stdout.trim()).toBe('');
  }
  const byMac = (json: { devices: Device[] }, mac: string) => json.devices.find((d) => d.mac === mac)!;
  const step = (d: Device, name: string) => d.steps.find((s) => s.name === name);

  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
  });
  afterAll(async () => {
    await lab?.cleanup();
    tmp.remove();
  });

  it('takes three cameras at the same factory address to their planned address, time, name and password, with a record each', async () => {
    await camera('a', '192.168.1.64/24', '02:00:00:00:0d:01', { state: { clockOffsetMs: -3 * YEAR } });
    await camera('b', '192.168.1.64/24', '02:00:00:00:0d:02', { auth: 'digest' });
    await camera('c', '192.168.1.64/24', '02:00:00:00:0d:03', { visca: true, state: { ptz: true } });
    const file = plan('batch.csv', [
      `02:00:00:00:0d:01,198.51.100.21/24,198.51.100.1,cam-21,${NEW_PASSWORD},,Gate,Lobby,`,
      '02-00-00-00-0D-02,198.51.100.22/24,198.51.100.1,cam-22,,,Yard 东门,Car park,',
      '020000000d03,198.51.100.23/24,198.51.100.1,cam-23,,198.51.100.1,"Dock, north",,',
    ]);
    const r = await fk(['commission', file, ...LOGIN, '--site', 'Harbour <HQ>', '--technician', 'Li Wei', '--iface', 'br0']);
    expect(r.code, `${r.stderr}\n${JSON.stringify(r.json, null, 1)}`).toBe(0);
    // Exactly the documented shape.
    expect(Object.keys(r.json)).toEqual(['devices']);
    for (const d of r.json.devices as Device[]) {
      expect(Object.keys(d)).toEqual(['mac', 'ok', 'steps']);
      for (const s of d.steps) expect(Object.keys(s)).toEqual(['name', 'ok', 'detail']);
    }
    expect((r.json.devices as Device[]).map((d) => [d.mac, d.ok])).toEqual([
      ['02:00:00:00:0d:01', true],
      ['02:00:00:00:0d:02', true],
      ['02:00:00:00:0d:03', true],
    ]);
    expect(r.stderr).toMatch(/02:00:00:00:0d:02 ok {3}network/);
    expect(r.stderr).not.toContain('Passw0rd!');
    expect(r.stderr).not.toContain(NEW_PASSWORD);

    const a = cams.get('02:00:00:00:0d:01')!;
    const b = cams.get('02:00:00:00:0d:02')!;
    const c = cams.get('02:00:00:00:0d:03')!;
    expect(byMac(r.json, a.mac).steps.map((s) => s.name)).toEqual(['locate', 'login', 'read', 'password', 'network', 'time', 'hostname', 'scopes']);
    expect(step(byMac(r.json, c.mac), 'ptz')).toMatchObject({ ok: true, detail: expect.stringMatching(/preset 1 set and recalled/) });
    for (const [cam, ip] of [[a, '198.51.100.21'], [b, '198.51.100.22'], [c, '198.51.100.23']] as const) {
      expect(await addrOf(cam.ns)).toContain(`${ip}/24`);
      expect(await addrOf(cam.ns)).not.toContain('192.168.1.64');
      expect(cam.state).toMatchObject({ address: ip, prefix: 24, gateway: '198.51.100.1', hostname: `cam-${ip.split('.')[3]}` });
      expect(cam.count('SetNetworkInterfaces'), `${cam.mac}: ${cam.ops.join(' ')}\n${r.stderr}`).toBe(1);
    }
    // Clock: from the laptop for a (3 years off before) and b; NTP for c.
    for (const cam of [a, b]) {
      expect(cam.state!.dateTimeType).toBe('Manual');
      expect(Math.abs(cam.state!.clockOffsetMs)).toBeLessThan(3000);
    }
    expect(c.state).toMatchObject({ dateTimeType: 'NTP', ntpServers: ['198.51.100.1'] });
    // Identity scopes, percent-encoded on the wire, the camera's fixed scopes kept.
    expect(b.state!.scopes.map((s) => s.uri)).toEqual(
      expect.arrayContaining(['onvif://www.onvif.org/type/video_encoder', `onvif://www.onvif.org/name/${encodeURIComponent('Yard 东门')}`, 'onvif://www.onvif.org/location/Car%20park']),
    );
    expect(a.state!.users).toEqual({ admin: NEW_PASSWORD });
    expect(b.state!.users).toEqual({ admin: 'Passw0rd!' });
    await expectLaptopClean();

    const recs = await fk(['records', 'list', '--site', 'Harbour <HQ>']);
    expect(recs.code).toBe(0);
    expect(recs.json.records).toHaveLength(3);
    const ra = recs.json.records.find((x: { mac: string }) => x.mac === a.mac);
    expect(ra).toMatchObject({
      site: 'Harbour <HQ>',
      technician: 'Li Wei',
      ok: true,
      manufacturer: 'HIKVISION',
      networkBefore: { ip: '192.168.1.64', prefix: 24 },
      networkAfter: { ip: '198.51.100.21', prefix: 24, gateway: ['198.51.100.1'] },
      hostname: 'cam-21',
      name: 'Gate',
      location: 'Lobby',
      timeSetting: expect.stringMatching(/^laptop clock/),
    });
    expect(ra.checks.map((x: { name: string }) => x.name)).toContain('network');

    const html = await fk(['records', 'export', '--format', 'html', '--lang', 'zh-CN', '--site', 'Harbour <HQ>', '--out', join(tmp.dir, 'r.html')]);
    expect(html.code).toBe(0);
    const report = readFileSync(join(tmp.dir, 'r.html'), 'utf8');
    expect(report).toContain('摄像机调试报告');
    expect(report).toContain('Harbour &lt;HQ&gt;');
    expect(report).not.toContain('<HQ>');
    expect(report).toContain('198.51.100.21/24');
    const csv = await fk(['records', 'export', '--format', 'csv', '--site', 'Harbour <HQ>', '--out', join(tmp.dir, 'r.csv')]);
    expect(csv.code).toBe(0);
    const sheet = readFileSync(join(tmp.dir, 'r.csv'), 'utf8');
    expect(sheet.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(sheet).toContain('Yard 东门');
  }, 240_000);

  it('reports a camera that refuses the password, one that ignores the IP change and one that goes silent; the others are still done', async () => {
    const refuse = await camera('refuse', '192.168.1.108/24', '02:00:00:00:0e:01', { state: { users: { admin: 'SomethingElse1!' } } });
    const liar = await camera('liar', '192.168.0.90/24', '02:00:00:00:0e:02', { lieOnSetNetwork: true });
    const hang = await camera('hang', '192.168.1.10/24', '02:00:00:00:0e:03', { silentFrom: 'SetSystemDateAndTime', state: { clockOffsetMs: YEAR } });
    const good = await camera('good', '192.168.0.120/24', '02:00:00:00:0e:04');
    const file = plan('faults.csv', [
      `${refuse.mac},198.51.100.31/24,198.51.100.1,cam-31,,,,,192.168.1.108`,
      `${liar.mac},198.51.100.32/24,198.51.100.1,cam-32,,,,,192.168.0.90`,
      `${hang.mac},198.51.100.33/24,198.51.100.1,cam-33,,,,,192.168.1.10`,
      `${good.mac},198.51.100.34/24,198.51.100.1,cam-34,,,,,192.168.0.120`,
    ]);
    const r = await fk(['commission', file, ...LOGIN, '--site', 'Faults', '--iface', 'br0', '--verify-timeout', '4']);
    expect(r.code).toBe(1);
    const d = (m: string) => byMac(r.json, m);
    expect(d(refuse.mac).ok).toBe(false);
    expect(step(d(refuse.mac), 'login')).toMatchObject({ ok: false, detail: expect.stringMatching(/refused user admin/) });
    expect(refuse.count('SetNetworkInterfaces')).toBe(0);

    expect(d(liar.mac).ok).toBe(false);
    expect(step(d(liar.mac), 'network')).toMatchObject({ ok: false, detail: expect.stringMatching(/did not apply/) });
    expect(step(d(liar.mac), 'hostname')).toMatchObject({ ok: false, detail: expect.stringMatching(/not run/) });
    expect(liar.count('SetHostname')).toBe(0);

    expect(d(hang.mac).ok).toBe(false);
    expect(step(d(hang.mac), 'network')?.ok).toBe(true);
    expect(step(d(hang.mac), 'time')).toMatchObject({ ok: false, detail: expect.stringMatching(/no answer/i) });

    expect(d(good.mac)).toMatchObject({ ok: true });
    expect(good.state).toMatchObject({ address: '198.51.100.34', hostname: 'cam-34' });
    await expectLaptopClean();

    const recs = await fk(['records', 'list', '--site', 'Faults']);
    expect(recs.json.records.map((x: { mac: string; ok: boolean }) => [x.mac, x.ok]).sort()).toEqual(
      [
        [refuse.mac, false],
        [liar.mac, false],
        [hang.mac, false],
        [good.mac, true],
      ].sort(),
    );
  }, 240_000);

  it('killed in the middle of apply, the same command resumes and never repeats a verified step', async () => {
    // Clocks a year off, so the time step is planned for each.
    const state = { clockOffsetMs: -YEAR };
    const h = await camera('h', '192.168.1.64/24', '02:00:00:00:0f:01', { state });
    const i = await camera('i', '192.168.1.64/24', '02:00:00:00:0f:02', { applyDelayMs: 1500, state });
    const j = await camera('j', '192.168.1.64/24', '02:00:00:00:0f:03', { state });
    const file = plan('resume.csv', [
      `${h.mac},198.51.100.41/24,198.51.100.1,cam-41,${NEW_PASSWORD},,Hall,,`,
      `${i.mac},198.51.100.42/24,198.51.100.1,cam-42,${NEW_PASSWORD},,Stairs,,`,
      `${j.mac},198.51.100.43/24,198.51.100.1,cam-43,${NEW_PASSWORD},,Roof,,`,
    ]);
    const args = [FIELDKIT_BIN, '--data-dir', tmp.dir, 'commission', file, ...LOGIN, '--site', 'Resume', '--iface', 'br0'];
    const child = spawn('ip', ['netns', 'exec', lab.tech, process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (chunk) => {
        err += chunk;
        // Camera i has accepted its new address and FieldKit waits to find it there.
        if (new RegExp(`${i.mac} \\.\\.\\.\\s+network: ok set-ip`).test(err)) resolve();
      });
      child.once('exit', (c) => reject(new Error(`commission exited ${c} before the kill point:\n${err}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    expect(h.count('SetHostname')).toBe(1);
    expect(j.ops).toEqual([]);
    // Camera i moves on its own after its delay, as a real one would.
    for (let t = 0; t < 50 && !i.moved; t++) await new Promise((r) => setTimeout(r, 100));
    expect(i.moved).toBe(true);
    const hBefore = h.ops.length;

    const r = await fk(['commission', file, ...LOGIN, '--site', 'Resume', '--iface', 'br0']);
    expect(r.code, `${r.stderr}\n${JSON.stringify(r.json, null, 1)}`).toBe(0);
    expect(r.stderr).toMatch(/resuming run/);
    expect((r.json.devices as Device[]).every((d) => d.ok)).toBe(true);
    // h was finished before the kill: nothing at all was sent to it again.
    expect(h.ops.length).toBe(hBefore);
    for (const cam of [h, i, j]) {
      for (const op of ['SetUser', 'SetNetworkInterfaces', 'SetNetworkDefaultGateway', 'SetSystemDateAndTime', 'SetHostname', 'SetScopes']) {
        expect(cam.count(op), `${cam.mac} ${op}`).toBe(1);
      }
    }
    expect(step(byMac(r.json, i.mac), 'password')?.detail).toMatch(/verified earlier/);
    expect(step(byMac(r.json, i.mac), 'network')?.detail).toMatch(/read back on resume/);
    expect(i.state).toMatchObject({ address: '198.51.100.42', hostname: 'cam-42', users: { admin: NEW_PASSWORD } });
    await expectLaptopClean();
    const recs = await fk(['records', 'list', '--site', 'Resume']);
    expect(recs.json.records).toHaveLength(3);
    expect(recs.json.records.every((x: { ok: boolean }) => x.ok)).toBe(true);
  }, 240_000);

  it('a record that cannot be written leaves the camera to be finished: the next run writes it and sends nothing again', async () => {
    const k = await camera('k', '192.168.1.64/24', '02:00:00:00:0f:11');
    const file = plan('record.csv', [`${k.mac},198.51.100.51/24,198.51.100.1,cam-51,,,Gate,,`]);
    // The disk refuses the record (full, read-only, a broken database page): a trigger aborts the insert.
    const { db } = openDatabase(tmp.dir);
    db.exec("CREATE TRIGGER fail_records BEFORE INSERT ON commission_record BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END");
    db.close();
    const first = await fk(['commission', file, ...LOGIN, '--site', 'Records', '--iface', 'br0']);
    expect(first.code).toBe(1);
    expect(step(byMac(first.json, k.mac), 'hostname')).toMatchObject({ ok: true });
    expect(byMac(first.json, k.mac).ok).toBe(false);
    const again = openDatabase(tmp.dir).db;
    again.exec('DROP TRIGGER fail_records');
    again.close();
    const sent = k.ops.length;
    const second = await fk(['commission', file, ...LOGIN, '--site', 'Records', '--iface', 'br0']);
    expect(second.code, second.stderr).toBe(0);
    // Every change was verified the first time: the camera is only read again, never set.
    expect(k.ops.slice(sent).filter((op) => op.startsWith('Set') || op.startsWith('Create'))).toEqual([]);
    const recs = await fk(['records', 'list', '--site', 'Records']);
    expect(recs.json.records.map((x: { mac: string; ok: boolean }) => [x.mac, x.ok])).toEqual([[k.mac, true]]);
    await expectLaptopClean();
  }, 240_000);
});
