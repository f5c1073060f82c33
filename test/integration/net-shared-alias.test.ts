import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, requireLabOrSkip, requireToolsOrSkip, untilReady, type Lab } from '../lab';
import { FIELDKIT_BIN } from '../support/cli';
import { tempDir } from '../support/tmp';

const skip = requireLabOrSkip() || requireToolsOrSkip('arping');
const SIM = fileURLToPath(new URL('../sim/onvif/sim-cli.ts', import.meta.url));
const creds = ['--user', 'admin', '--password', 'Passw0rd!'];

describe.skipIf(skip)('two fixes in one off-subnet range at once', () => {
  let lab: Lab;
  const tmp = tempDir('fk-sharedalias-');

  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
  });
  afterAll(async () => {
    await lab?.cleanup();
    tmp.remove();
  });

  async function camera(name: string, cidr: string, mac: string, sim: Record<string, unknown>) {
    const dev = await lab.addDevice({ name, cidr, mac });
    const [address, prefix] = cidr.split('/');
    const child = lab.spawn(dev.ns, process.execPath, ['--import', 'tsx', SIM, JSON.stringify({ ...sim, state: { mac, address, prefix: Number(prefix) } })]);
    await untilReady(child, `sim ${name}`);
    return dev;
  }

  it("a fix that found the subnet through another fix's temporary alias is not cut off when that alias goes", async () => {
    await camera('a', '192.168.2.64/24', '02:00:00:00:0d:01', { applyDelayMs: 4000 });
    await camera('b', '192.168.2.65/24', '02:00:00:00:0d:02', { applyDelayMs: 60_000 });
    // Fix B adds the temporary alias 192.168.2.254/24 and holds it while it verifies (2 s).
    const b: ChildProcess = lab.spawn(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, 'device', 'set-ip', '--ip', '192.168.2.65', ...creds, '--new', '192.168.2.71/24', '--iface', 'br0', '--verify-timeout', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const bDone = new Promise((r) => b.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      let err = '';
      b.stderr!.on('data', (d) => {
        err += d;
        if (/ok\s+set-ip/.test(err)) resolve();
      });
      b.once('exit', (c) => reject(new Error(`fix B exited ${c} early: ${err}`)));
    });
    // Fix A starts now, in the same subnet: it sees B's alias and adds none of its own.
    const a = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, '--json', 'device', 'set-ip', '--ip', '192.168.2.64', ...creds, '--new', '192.168.2.70/24', '--iface', 'br0'], { reject: false, timeoutMs: 60_000 });
    await bDone;
    const json = a.stdout.trim() ? JSON.parse(a.stdout) : null;
    expect(json?.steps?.[0]?.detail).toMatch(/already in the device subnet/);
    // A's camera did move; A must still be able to verify it.
    expect(json, a.stderr).toMatchObject({ ok: true, verified: true });
    expect(json.steps[0].detail).toMatch(/through 192\.168\.2\.254\/24, another operation's temporary address/);
    // The last of the two to finish removed the shared alias; nothing else is left on the laptop.
    const addrs = (await lab.exec(lab.tech, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'br0'])).stdout;
    expect(addrs.match(/inet /g)).toHaveLength(1);
    expect(addrs).toContain('198.51.100.1/24');
    expect((await lab.exec(lab.tech, 'ip', ['neigh', 'show', 'nud', 'permanent'])).stdout.trim()).toBe('');
  });
});
