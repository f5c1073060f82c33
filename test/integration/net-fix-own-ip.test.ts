import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, requireLabOrSkip, requireToolsOrSkip, untilReady, type Lab } from '../lab';
import { FIELDKIT_BIN } from '../support/cli';
import { tempDir } from '../support/tmp';

const skip = requireLabOrSkip() || requireToolsOrSkip('arping');
const SIM = fileURLToPath(new URL('../sim/onvif/sim-cli.ts', import.meta.url));
const creds = ['--user', 'admin', '--password', 'Passw0rd!'];

describe.skipIf(skip)('set-ip never gives a camera the laptop\'s own address', () => {
  let lab: Lab;
  const tmp = tempDir('fk-ownip-');
  const sims: ChildProcess[] = [];

  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
  });
  afterAll(async () => {
    await lab?.cleanup();
    tmp.remove();
  });

  it('refuses --new 198.51.100.1/24 when that is the laptop\'s address on the NIC', async () => {
    const mac = '02:00:00:00:0c:01';
    const dev = await lab.addDevice({ name: 'own', cidr: '198.51.100.64/24', mac });
    const child = lab.spawn(dev.ns, process.execPath, ['--import', 'tsx', SIM, JSON.stringify({ state: { mac, address: '198.51.100.64', prefix: 24 } })]);
    sims.push(child);
    await untilReady(child, 'sim');
    const r = await lab.exec(
      lab.tech,
      process.execPath,
      [FIELDKIT_BIN, '--data-dir', tmp.dir, '--json', 'device', 'set-ip', '--ip', '198.51.100.64', ...creds, '--new', '198.51.100.1/24', '--iface', 'br0', '--verify-timeout', '3'],
      { reject: false, timeoutMs: 60_000 },
    );
    const json = r.stdout.trim() ? JSON.parse(r.stdout) : null;
    const camera = (await lab.exec(dev.ns, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout;
    // The RFC 5227 probe cannot see the laptop's own address (it does not answer its own probe),
    // so the camera must not have been told to take it.
    expect(json?.steps?.map((s: { name: string }) => s.name) ?? [], JSON.stringify(json)).not.toContain('set-ip');
    expect(r.code).toBe(1);
    expect(json?.error ?? r.stderr).toMatch(/198\.51\.100\.1 is this laptop's own address on br0/);
    expect(camera).toContain('198.51.100.64/24');
    expect(camera).not.toContain('198.51.100.1/24');
  });
});
