import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, requireLabOrSkip, requireToolsOrSkip, untilReady, type Lab } from '../lab';
import { FIELDKIT_BIN } from '../support/cli';
import { tempDir } from '../support/tmp';

const skip = requireLabOrSkip() || requireToolsOrSkip('arping');
const SIM = fileURLToPath(new URL('../sim/onvif/sim-cli.ts', import.meta.url));
const YEAR = 365 * 24 * 3600 * 1000;
const creds = ['--user', 'admin', '--password', 'Passw0rd!'];

describe.skipIf(skip)('fixing camera addresses end to end (CLI in the lab)', () => {
  let lab: Lab;
  const tmp = tempDir('fk-netfix-');
  const sims: ChildProcess[] = [];

  async function camera(name: string, cidr: string, mac: string, sim: Record<string, unknown>) {
    const dev = await lab.addDevice({ name, cidr, mac });
    const [address, prefix] = cidr.split('/');
    const child = lab.spawn(dev.ns, process.execPath, ['--import', 'tsx', SIM, JSON.stringify({ ...sim, state: { mac, address, prefix: Number(prefix), ...((sim.state as object) ?? {}) } })]);
    sims.push(child);
    await untilReady(child, `sim ${name}`);
    return dev;
  }

  /** Runs bin/fieldkit inside the laptop namespace. */
  async function fk(args: string[]) {
    const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, '--json', ...args], { reject: false, timeoutMs: 60_000 });
    return { code: r.code, json: r.stdout.trim() ? JSON.parse(r.stdout) : null, stderr: r.stderr };
  }

  const laptopState = async () => ({
    addrs: (await lab.exec(lab.tech, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'br0'])).stdout,
    neigh: (await lab.exec(lab.tech, 'ip', ['neigh', 'show', 'nud', 'permanent'])).stdout,
    routes: (await lab.exec(lab.tech, 'ip', ['-4', 'route', 'show'])).stdout,
  });
  const addrOf = async (ns: string) => (await lab.exec(ns, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout;

  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
  });
  afterAll(async () => {
    await lab?.cleanup();
    tmp.remove();
  });

  function expectClean(s: Awaited<ReturnType<typeof laptopState>>) {
    expect(s.addrs.match(/inet /g)).toHaveLength(1);
    expect(s.addrs).toContain('198.51.100.1/24');
    expect(s.neigh.trim()).toBe('');
    expect(s.routes).not.toMatch(/192\.168\./);
  }

  it('moves an off-subnet factory-default camera (digest auth, clock years off) and verifies it', async () => {
    const cam = await camera('off', '192.168.1.64/24', '02:00:00:00:0b:01', { auth: 'digest', state: { clockOffsetMs: -3 * YEAR } });
    const r = await fk(['device', 'set-ip', '--ip', '192.168.1.64', ...creds, '--new', '198.51.100.21/24', '--gateway', '198.51.100.1', '--iface', 'br0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ ok: true, verified: true, before: { ip: '192.168.1.64', prefix: 24 }, after: { ip: '198.51.100.21', prefix: 24, gateway: ['198.51.100.1'] } });
    expect(r.json.steps.map((s: { name: string }) => s.name)).toEqual(['laptop-alias', 'clock', 'read-before', 'probe-new', 'set-gateway', 'set-ip', 'rediscover', 'read-back', 'cleanup']);
    expect(await addrOf(cam.ns)).toContain('198.51.100.21/24');
    expectClean(await laptopState());
  });

  it('reaches one of two cameras sharing an address by pinning its MAC, and moves it', async () => {
    await camera('dupa', '198.51.100.64/24', '02:00:00:00:0b:02', {});
    const b = await camera('dupb', '198.51.100.64/24', '02:00:00:00:0b:03', {});
    const scan = await fk(['net', 'scan', '198.51.100.0/24', '--iface', 'br0']);
    expect(scan.json.conflicts).toEqual([{ ip: '198.51.100.64', macs: expect.arrayContaining(['02:00:00:00:0b:02', '02:00:00:00:0b:03']) }]);
    const unsure = await fk(['device', 'set-ip', '--ip', '198.51.100.64', ...creds, '--new', '198.51.100.22/24', '--iface', 'br0']);
    expect(unsure.code).toBe(1);
    expect(unsure.json.error).toMatch(/2 devices answer/);
    const r = await fk(['device', 'set-ip', '--ip', '198.51.100.64', '--mac', '02:00:00:00:0b:03', ...creds, '--new', '198.51.100.22/24', '--iface', 'br0']);
    expect(r.code, `${r.stderr}\n${JSON.stringify(r.json, null, 1)}`).toBe(0);
    expect(r.json.steps.map((s: { name: string }) => s.name)).toContain('pin-mac');
    expect(await addrOf(b.ns)).toContain('198.51.100.22/24');
    const after = await fk(['net', 'scan', '198.51.100.0/24', '--iface', 'br0']);
    expect(after.json.conflicts).toEqual([]);
    expectClean(await laptopState());
  });

  it('reports a camera that says OK without applying, and still cleans up', async () => {
    await camera('liar', '192.168.0.90/24', '02:00:00:00:0b:04', { lieOnSetNetwork: true });
    const r = await fk(['device', 'set-ip', '--ip', '192.168.0.90', ...creds, '--new', '198.51.100.23/24', '--iface', 'br0', '--verify-timeout', '4']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, verified: false });
    const rediscover = r.json.steps.find((s: { name: string }) => s.name === 'rediscover');
    expect(rediscover).toMatchObject({ ok: false, detail: expect.stringMatching(/did not apply/) });
    expectClean(await laptopState());
  });

  it('a FieldKit killed mid-fix leaves a journal that the next start reverts', async () => {
    await camera('slow', '192.168.2.64/24', '02:00:00:00:0b:05', { applyDelayMs: 60_000 });
    const child = spawn('ip', ['netns', 'exec', lab.tech, process.execPath, FIELDKIT_BIN, '--data-dir', tmp.dir, 'device', 'set-ip', '--ip', '192.168.2.64', ...creds, '--new', '198.51.100.24/24', '--iface', 'br0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        err += d;
        if (/ok\s+set-ip/.test(err)) resolve();
      });
      child.once('exit', (c) => reject(new Error(`set-ip exited ${c} before set-ip: ${err}`)));
    });
    expect((await laptopState()).addrs).toMatch(/192\.168\.2\.\d+\/24/);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const journal = await fk(['net', 'journal']);
    expect(journal.code).toBe(0);
    expect(journal.json.outstanding).toBe(0);
    expect(journal.json.entries.filter((e: { reason: string }) => e.reason.includes('192.168.2.64')).map((e: { state: string }) => e.state)).toEqual(['reverted']);
    expectClean(await laptopState());
  });

  it('probe and manual alias with its journal', async () => {
    expect((await fk(['net', 'probe', '198.51.100.99', '--iface', 'br0'])).json).toEqual({ ip: '198.51.100.99', free: true, macs: [] });
    expect((await fk(['net', 'probe', '198.51.100.64', '--iface', 'br0'])).json).toMatchObject({ free: false });
    expect((await fk(['net', 'alias', 'add', '10.77.0.1/24', '--iface', 'br0'])).code).toBe(0);
    // A manual alias survives a new FieldKit start; it goes only when asked.
    expect((await fk(['net', 'journal'])).json.outstanding).toBe(1);
    expect((await laptopState()).addrs).toContain('10.77.0.1/24');
    expect((await fk(['net', 'journal', '--revert'])).json.reverted).toHaveLength(1);
    expectClean(await laptopState());
  });

  it('refuses hostile values before anything runs', async () => {
    const r = await fk(['device', 'set-ip', '--ip', '192.168.1.64;reboot', ...creds, '--new', '198.51.100.30/24', '--iface', 'br0']);
    expect(r.code).toBe(2);
    const r2 = await fk(['net', 'alias', 'add', '10.0.0.1/24', '--iface', 'br0;id']);
    expect(r2.code).not.toBe(0);
    expectClean(await laptopState());
  });
});
