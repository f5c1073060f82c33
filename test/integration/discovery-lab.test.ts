import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, findTool, hasTool, requireLabOrSkip, type Lab, type LabDevice } from '../lab';
import { FIELDKIT_BIN } from '../support/cli';
import { tempDir } from '../support/tmp';

// The whole discovery path for real, inside namespaces this test creates: `fieldkit discover`
// runs in the technician's namespace with two NICs (br0, br1), each with devices behind it.
const SIM = fileURLToPath(new URL('../sim/discovery/camera-sim.ts', import.meta.url));
const IP = findTool('ip') ?? 'ip';

interface CliDevice {
  id: string;
  mac: string | null;
  ips: string[];
  protocols: string[];
  manufacturer: string | null;
  model: string | null;
  name: string | null;
  serial: string | null;
  firmware: string | null;
  xaddrs: string[];
  location: string | null;
  interfaces: string[];
  inSubnet: boolean;
}

function waitReady(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => (d.toString().includes('"ready":true') ? resolve() : undefined));
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}: ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (c) => r(c)));
}

describe.skipIf(requireLabOrSkip())('fieldkit discover on a two-NIC namespace LAN', () => {
  const tmp = tempDir('fk-disc-');
  let lab: Lab;
  const sims = new Map<string, ChildProcess>();
  let devices: CliDevice[] = [];
  let stderr = '';
  let hik: LabDevice;
  let dahua: LabDevice;
  let foreign: LabDevice;
  let axis: LabDevice;
  let hik2: LabDevice;
  const minidlna = hasTool('minidlnad');
  const wsdd = hasTool('wsdd');

  const startSim = async (key: string, dev: LabDevice, config: object): Promise<ChildProcess> => {
    const full = { ip: dev.ip, mask: '255.255.255.0', mac: dev.mac, multicast: true, interface: 'eth0', ...config };
    const child = lab.spawn(dev.ns, process.execPath, ['--import', 'tsx', SIM, '--config', JSON.stringify(full)], { stdio: ['ignore', 'pipe', 'pipe'] });
    sims.set(key, child);
    await waitReady(child, key);
    return child;
  };

  const discover = async (args: string[]): Promise<{ devices: CliDevice[]; elapsedMs: number; stderr: string }> => {
    const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, '--json', 'discover', '--iface', 'br0', '--iface', 'br1', ...args], { timeoutMs: 30_000 });
    return { ...(JSON.parse(r.stdout) as { devices: CliDevice[]; elapsedMs: number }), stderr: r.stderr };
  };
  const byIp = (ip: string): CliDevice[] => devices.filter((d) => d.ips.includes(ip));

  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'], extraBridges: [{ name: 'br1', cidrs: ['203.0.113.1/24'] }] });
    hik = await lab.addDevice({ name: 'hik', cidr: '198.51.100.10/24', mac: '44:19:b6:00:00:10' });
    dahua = await lab.addDevice({ name: 'dahua', cidr: '198.51.100.11/24', mac: '3c:ef:8c:00:00:11' });
    foreign = await lab.addDevice({ name: 'foreign', cidr: '192.168.1.64/24', mac: '44:19:b6:00:00:64' });
    // A camera with a gateway that does not exist answers through its default route: on-link here.
    await lab.exec(foreign.ns, IP, ['route', 'add', 'default', 'dev', 'eth0']);
    axis = await lab.addDevice({ name: 'axis', cidr: '203.0.113.20/24', mac: 'ac:cc:8e:00:00:20', bridge: 'br1' });
    hik2 = await lab.addDevice({ name: 'hik2', cidr: '203.0.113.21/24', mac: '44:19:b6:00:00:21', bridge: 'br1' });

    await startSim('hik', hik, {
      protocols: ['wsd', 'sadp', 'dhip', 'ssdp'], name: 'Gate', serial: 'DS-2CD2143G0-I20190101AAWRC00000010',
      uuid: '11111111-1dd2-11b2-8a2b-4419b6000010', wsd: { replyTwice: true }, faults: { duplicates: 1 }, sadpReplyTo: 'both',
    });
    await startSim('dahua', dahua, {
      protocols: ['wsd', 'dhip'], manufacturer: 'Dahua', model: 'IPC-HDW4431C-A', name: 'Yard', serial: '4J0123PAZ00011',
      uuid: '22222222-8c1d-4e5f-9a7b-3c2d1e0f0011', dhipReplyTo: 'multicast', wsd: { macScope: false },
    });
    await startSim('foreign', foreign, {
      protocols: ['wsd', 'sadp'], gateway: '192.168.1.1', name: 'Factory default', serial: 'DS-2CD2043G2-I20200101AAWRF00000064',
      uuid: '33333333-1dd2-11b2-8a2b-4419b6000064', sadpReplyTo: 'both', activated: false,
    });
    await startSim('axis', axis, {
      protocols: ['wsd'], manufacturer: 'AXIS', model: 'P3245-LVE', name: 'Lobby', uuid: '44444444-0000-4000-8000-accc8e000020',
    });
    await startSim('hik2', hik2, {
      protocols: ['sadp', 'ssdp'], name: 'Dock', serial: 'DS-2CD2T47G2-L20210101AAWRG00000021', uuid: '55555555-1dd2-11b2-8a2b-4419b6000021',
    });

    if (minidlna) {
      const dlna = await lab.addDevice({ name: 'dlna', cidr: '203.0.113.30/24', bridge: 'br1' });
      const dir = join(tmp.dir, 'minidlna');
      mkdirSync(join(dir, 'media'), { recursive: true });
      writeFileSync(join(dir, 'minidlna.conf'), `media_dir=${dir}/media\ndb_dir=${dir}\nlog_dir=${dir}\nfriendly_name=FK Lab DLNA\nnetwork_interface=eth0\nport=8200\nnotify_interval=5\n`);
      sims.set('minidlna', lab.spawn(dlna.ns, 'minidlnad', ['-S', '-f', join(dir, 'minidlna.conf'), '-P', join(dir, 'minidlna.pid')], { stdio: 'ignore' }));
    }
    if (wsdd) {
      const host = await lab.addDevice({ name: 'wsdd', cidr: '198.51.100.30/24' });
      sims.set('wsdd', lab.spawn(host.ns, 'wsdd', ['-i', 'eth0', '-4', '-n', 'FILESERVER', '-U', '66666666-0000-4000-8000-000000000030'], { stdio: 'ignore' }));
    }
    // Let the real daemons come up (they announce themselves; the scan also asks).
    await new Promise((r) => setTimeout(r, 1500));
    const r = await discover(['--timeout', '3']);
    devices = r.devices;
    stderr = r.stderr;
  }, 120_000);

  afterAll(async () => {
    await lab?.cleanup();
    tmp.remove();
  });

  it('prints the documented JSON shape', () => {
    expect(devices.length).toBeGreaterThanOrEqual(5);
    for (const d of devices) {
      expect(Object.keys(d).sort()).toEqual(['firmware', 'id', 'inSubnet', 'interfaces', 'ips', 'location', 'mac', 'manufacturer', 'model', 'name', 'protocols', 'serial', 'xaddrs'].sort());
    }
    expect(stderr).toMatch(/discover: done/);
  });

  it('lists one camera answering four protocols as one row with four badges, despite duplicate replies', () => {
    const rows = byIp(hik.ip);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      mac: hik.mac, protocols: ['onvif', 'ssdp', 'sadp', 'dhip'], name: 'Gate', model: 'DS-2CD2143G0-I',
      serial: 'DS-2CD2143G0-I20190101AAWRC00000010', firmware: 'V5.5.82build 190220', interfaces: ['br0'], inSubnet: true,
      xaddrs: [`http://${hik.ip}/onvif/device_service`],
    });
    expect(rows[0]!.location).toMatch(new RegExp(`^http://${hik.ip.replace(/\./g, '\\.')}:\\d+/rootDesc.xml$`));
  });

  it('learns the MAC of an ONVIF camera without a MAC scope from the neighbour table and merges its DHIP answer', () => {
    const rows = byIp(dahua.ip);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mac: dahua.mac, protocols: ['onvif', 'dhip'], manufacturer: 'Dahua', model: 'IPC-HDW4431C-A', name: 'Yard' });
  });

  it('lists a camera on a foreign subnet, marked out of subnet', () => {
    const rows = byIp(foreign.ip);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mac: foreign.mac, protocols: ['onvif', 'sadp'], inSubnet: false, interfaces: ['br0'] });
  });

  it('finds the devices behind the second NIC and says which interface', () => {
    expect(byIp(axis.ip)).toEqual([expect.objectContaining({ protocols: ['onvif'], name: 'Lobby', model: 'P3245-LVE', interfaces: ['br1'], inSubnet: true })]);
    expect(byIp(hik2.ip)).toEqual([expect.objectContaining({ mac: hik2.mac, protocols: ['ssdp', 'sadp'], name: 'Dock', interfaces: ['br1'] })]);
  });

  it.skipIf(!minidlna)('lists minidlna, a real SSDP device, with its description', () => {
    const rows = byIp('203.0.113.30');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ protocols: ['ssdp'], name: 'FK Lab DLNA', interfaces: ['br1'] });
    expect(rows[0]!.manufacturer).toBeTruthy();
  });

  it.skipIf(!wsdd)('does not list wsdd, a WS-Discovery host that is not a camera', () => {
    expect(byIp('198.51.100.30')).toEqual([]);
  });

  it('lists the same devices whether the first probes leave before the CLI has loaded or after', async () => {
    // bin/fieldkit probes early (src/hosts/cli/early-discovery.ts); FIELDKIT_NO_EARLY=1 is the plain path.
    const plain = await lab.exec(lab.tech, 'env', ['FIELDKIT_NO_EARLY=1', process.execPath, FIELDKIT_BIN, '--data-dir', tmp.dir, '--json', 'discover', '--iface', 'br0', '--iface', 'br1', '--timeout', '3'], { timeoutMs: 30_000 });
    const ours = new Set([hik.ip, dahua.ip, foreign.ip, axis.ip, hik2.ip]);
    const key = (ds: CliDevice[]): string[] => ds.filter((d) => d.ips.some((ip) => ours.has(ip))).map((d) => `${d.id} ${d.ips.join(',')} ${d.protocols.join(',')} ${d.mac}`).sort();
    expect(key((JSON.parse(plain.stdout) as { devices: CliDevice[] }).devices)).toEqual(key(devices));
    expect(key(devices)).toHaveLength(5);
  });

  it('finds cameras whose first replies are lost, by the repeated probe rounds (WS-Discovery 3, SADP and DHIP 2)', async () => {
    const a = await lab.addDevice({ name: 'lossy-a', cidr: '203.0.113.43/24', mac: 'ac:cc:8e:00:00:43', bridge: 'br1' });
    const b = await lab.addDevice({ name: 'lossy-b', cidr: '203.0.113.44/24', mac: '44:19:b6:00:00:44', bridge: 'br1' });
    await startSim('lossy-a', a, { protocols: ['wsd'], name: 'LossyA', uuid: 'aaaaaaaa-0000-4000-8000-accc8e000043', wsd: { hello: false }, faults: { loseReplies: 2 } });
    await startSim('lossy-b', b, { protocols: ['sadp', 'dhip'], name: 'LossyB', serial: 'DS-2CD2347G2-LU20220101AAWRJ00000044', faults: { loseReplies: 1 } });
    const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, '--json', 'discover', '--iface', 'br1', '--protocol', 'onvif,sadp,dhip', '--timeout', '2'], { timeoutMs: 30_000 });
    const found = (JSON.parse(r.stdout) as { devices: CliDevice[] }).devices;
    expect(found.filter((d) => d.ips.includes(a.ip))).toEqual([expect.objectContaining({ protocols: ['onvif'], name: 'LossyA' })]);
    expect(found.filter((d) => d.ips.includes(b.ip))).toEqual([expect.objectContaining({ mac: b.mac, protocols: ['sadp', 'dhip'] })]);
    for (const key of ['lossy-a', 'lossy-b']) {
      sims.get(key)!.kill('SIGTERM');
      await exited(sims.get(key)!);
    }
  });

  it('closes the early probe sockets and exits when the command then fails on its arguments', async () => {
    const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, 'discover', '--iface', 'br0', '--timeout', '999'], { timeoutMs: 15_000, reject: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout must be/);
  });

  it.skipIf(!hasTool('logger'))('files a syslog line from a discovered camera under that camera (logger from its namespace)', async () => {
    const listen = lab.spawn(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, 'logs', 'listen', '--udp', '5514', '--bind', lab.laptopIp], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    await new Promise<void>((resolve, reject) => {
      listen.stderr?.on('data', (d: Buffer) => ((err += d.toString()), /listening on udp/.test(err) && resolve()));
      listen.once('exit', (c) => reject(new Error(`logs listen exited with ${c}: ${err}`)));
    });
    await lab.exec(hik.ns, findTool('logger') ?? 'logger', ['-n', lab.laptopIp, '-P', '5514', '-d', '--rfc3164', '-t', 'cam', 'fk-device-link-check']);
    listen.kill('SIGTERM');
    await exited(listen);
    const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, 'logs', 'export', '--format', 'jsonl', 'fk-device-link-check']);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toEqual([expect.objectContaining({ source: expect.stringContaining(hik.ip), device: { id: 'mac-4419b6000010', name: 'Gate' }, message: 'fk-device-link-check' })]);
  });

  it('keeps a device id when its address changes, across runs (SQLite)', async () => {
    const before = byIp(hik2.ip)[0]!;
    sims.get('hik2')!.kill('SIGTERM');
    await exited(sims.get('hik2')!);
    await lab.exec(hik2.ns, IP, ['addr', 'del', hik2.cidr, 'dev', 'eth0']);
    await lab.exec(hik2.ns, IP, ['addr', 'add', '203.0.113.99/24', 'dev', 'eth0']);
    await startSim('hik2b', { ...hik2, ip: '203.0.113.99', cidr: '203.0.113.99/24' }, {
      protocols: ['sadp'], name: 'Dock', serial: 'DS-2CD2T47G2-L20210101AAWRG00000021', uuid: '55555555-1dd2-11b2-8a2b-4419b6000021',
    });
    const again = await discover(['--timeout', '1.5', '--protocol', 'sadp']);
    const moved = again.devices.filter((d) => d.mac === hik2.mac);
    expect(moved).toHaveLength(1);
    expect(moved[0]!.id).toBe(before.id);
    expect(moved[0]!.ips[0]).toBe('203.0.113.99');
  });

  it('doctor reports this laptop as it is: bridges only (nothing probed by default), root, free discovery ports', async () => {
    const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, '--json', 'doctor'], { reject: false });
    const report = JSON.parse(r.stdout) as { probeInterfaces: string[]; checks: Array<{ code: string; status: string; detail: string }> };
    const byCode = new Map(report.checks.map((c) => [c.code, c]));
    // br0 and br1 are bridges, which discovery skips unless named: the check fails and the command says so.
    expect(report.probeInterfaces).toEqual([]);
    expect(byCode.get('interfaces-none')?.status).toBe('fail');
    expect(byCode.get('virtual-adapters')?.detail).toMatch(/br0.*br1|br1.*br0/);
    expect(byCode.get('privileges-allowed')?.status).toBe('ok');
    expect(byCode.get('listen-ports-ok')?.status).toBe('ok');
    expect(report.checks.some((c) => c.code.startsWith('rp-filter'))).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^fieldkit: discovery cannot work here yet: /)]);
  });

  /** `discover --watch` on one NIC and protocol, its JSON lines collected; `until` waits for a matching one. */
  const startWatch = async (iface: string, protocol: string, extra: string[] = []) => {
    const watch = lab.spawn(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, 'discover', '--watch', '--iface', iface, '--protocol', protocol, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Array<Record<string, unknown>> = [];
    let buf = '';
    let err = '';
    const waiters: Array<() => void> = [];
    watch.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    watch.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        lines.push(JSON.parse(buf.slice(0, i)) as Record<string, unknown>);
        buf = buf.slice(i + 1);
        waiters.forEach((w) => w());
      }
    });
    const until = (pred: (l: Record<string, unknown>) => boolean, ms = 10_000): Promise<Record<string, unknown>> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching line in ${ms} ms; got ${JSON.stringify(lines)}; stderr ${err}`)), ms);
        const check = (): void => {
          const hit = lines.find(pred);
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          }
        };
        waiters.push(check);
        check();
      });
    await until(() => new RegExp(`watching ${iface}`).test(err) || lines.length > 0).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    return { watch, lines, until };
  };

  it('--watch streams Hello as online and Bye as offline, one JSON line per change', async () => {
    const cam = await lab.addDevice({ name: 'late', cidr: '203.0.113.40/24', mac: 'ac:cc:8e:00:00:40', bridge: 'br1' });
    const { watch, lines, until } = await startWatch('br1', 'onvif');
    const seenBefore = lines.length;
    const late = await startSim('late', cam, { protocols: ['wsd'], name: 'Late', uuid: '77777777-0000-4000-8000-accc8e000040' });
    const online = await until((l) => l.type === 'presence' && l.state === 'online' && lines.indexOf(l) >= seenBefore && String(l.id).includes('accc8e000040'));
    expect(online).toMatchObject({ cause: 'hello' });
    late.kill('SIGTERM');
    expect(await exited(late)).toBe(0);
    const offline = await until((l) => l.type === 'presence' && l.state === 'offline' && l.id === online.id);
    expect(offline).toMatchObject({ cause: 'bye' });
    // The alarms service follows presence: "camera offline" was raised by the Bye, and the next Hello clears it.
    const alarms = async (): Promise<Array<Record<string, unknown>>> => {
      const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, '--json', 'alarms', 'list', '--type', 'device-offline', '--device', String(online.id)]);
      return (JSON.parse(r.stdout) as { items: Array<Record<string, unknown>> }).items;
    };
    expect(await alarms()).toEqual([expect.objectContaining({ state: 'active', kind: 'alarm', message: expect.stringMatching(/went offline \(bye\)/) })]);
    const back = await startSim('late', cam, { protocols: ['wsd'], name: 'Late', uuid: '77777777-0000-4000-8000-accc8e000040' });
    await until((l) => l.type === 'presence' && l.state === 'online' && l.id === online.id && lines.indexOf(l) > lines.indexOf(offline));
    watch.kill('SIGINT');
    expect(await exited(watch)).toBe(0);
    back.kill('SIGTERM');
    await exited(back);
    expect(await alarms()).toEqual([expect.objectContaining({ state: 'cleared' })]);
  });

  it('--watch follows an SSDP device by its NOTIFY alive and byebye (node-ssdp in the simulator)', async () => {
    const cam = await lab.addDevice({ name: 'upnp', cidr: '203.0.113.41/24', mac: 'ac:cc:8e:00:00:41', bridge: 'br1' });
    const { watch, lines, until } = await startWatch('br1', 'ssdp');
    const seenBefore = lines.length;
    const sim = await startSim('upnp', cam, { protocols: ['ssdp'], name: 'Upnp', uuid: '88888888-0000-4000-8000-accc8e000041' });
    const online = await until((l) => l.type === 'presence' && l.state === 'online' && lines.indexOf(l) >= seenBefore && String(l.id).includes('88888888'));
    sim.kill('SIGTERM');
    expect(await exited(sim)).toBe(0);
    const offline = await until((l) => l.type === 'presence' && l.state === 'offline' && l.id === online.id);
    expect(offline).toMatchObject({ cause: 'byebye' });
    watch.kill('SIGINT');
    expect(await exited(watch)).toBe(0);
  });

  it('--watch re-probes: a camera that never says Hello is found by a re-probe, kept online by the next ones, and timed out when it dies', async () => {
    const cam = await lab.addDevice({ name: 'mute', cidr: '203.0.113.42/24', mac: 'ac:cc:8e:00:00:42', bridge: 'br1' });
    const { watch, lines, until } = await startWatch('br1', 'onvif', ['--reprobe', '5', '--offline-after', '7']);
    const seenBefore = lines.length;
    // No Hello and no Bye: only FieldKit's periodic probes can find it, and only silence can lose it.
    const sim = await startSim('mute', cam, { protocols: ['wsd'], name: 'Mute', uuid: '99999999-0000-4000-8000-accc8e000042', wsd: { hello: false } });
    const mine = (l: Record<string, unknown>): boolean => lines.indexOf(l) >= seenBefore && (String(l.id).includes('accc8e000042') || JSON.stringify(l.device ?? '').includes('203.0.113.42'));
    const found = await until((l) => mine(l) && l.type === 'device' && l.change === 'added', 12_000);
    const id = (found.device as { id: string }).id;
    // Longer than --offline-after with no announcement: only the re-probes' answers keep it online.
    await new Promise((r) => setTimeout(r, 9_000));
    expect(lines.filter((l) => l.type === 'presence' && l.id === id && l.state === 'offline')).toEqual([]);
    sim.kill('SIGKILL');
    await exited(sim);
    const offline = await until((l) => l.type === 'presence' && l.id === id && l.state === 'offline', 15_000);
    expect(offline).toMatchObject({ cause: 'timeout' });
    watch.kill('SIGINT');
    expect(await exited(watch)).toBe(0);
  }, 60_000);

  it('refuses --offline-after shorter than the re-probe period, in one line', async () => {
    const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, 'discover', '--watch', '--iface', 'br1', '--reprobe', '10', '--offline-after', '5'], { reject: false });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^fieldkit: --offline-after \(5 s\) must be longer than --reprobe \(10 s\)/);
  });

  it('--watch stops like Ctrl+C when its reader goes away (`| head -1`)', async () => {
    const cam = await lab.addDevice({ name: 'piped', cidr: '203.0.113.45/24', mac: 'ac:cc:8e:00:00:45', bridge: 'br1' });
    const { watch, lines, until } = await startWatch('br1', 'onvif');
    let err = '';
    watch.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const seenBefore = lines.length;
    const sim = await startSim('piped', cam, { protocols: ['wsd'], name: 'Piped', uuid: 'bbbbbbbb-0000-4000-8000-accc8e000045' });
    await until((l) => lines.indexOf(l) >= seenBefore && JSON.stringify(l).includes('accc8e000045'));
    watch.stdout?.destroy();
    // The next line it writes (the Bye) meets a closed pipe.
    sim.kill('SIGTERM');
    await exited(sim);
    expect(await exited(watch)).toBe(0);
    expect(err).not.toMatch(/EPIPE|Unhandled/);
  });
});
