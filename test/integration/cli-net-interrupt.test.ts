// `fieldkit device info` / `device set-ip` add a temporary laptop alias (journaled, auto-revert) to
// reach an off-subnet camera. Ctrl+C while the camera is being reached used to kill the process with
// the alias still on the NIC until some later FieldKit started; now the core's close undoes it
// before the CLI exits 130. Runs inside a lab namespace on its bridge; nothing leaves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, requireLabOrSkip, type Lab } from '../lab';
import { FIELDKIT_BIN } from '../support/cli';
import { tempDir } from '../support/tmp';

describe.skipIf(requireLabOrSkip())('fieldkit device info interrupted', () => {
  let lab: Lab;
  const tmp = tempDir('fk-net-int-');
  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
  });
  afterAll(async () => {
    await lab?.cleanup();
    tmp.remove();
  });

  it('Ctrl+C after the temporary alias went on removes it before exiting', async () => {
    const addrs = async () => (await lab.exec(lab.tech, 'ip', ['-4', '-o', 'addr', 'show', 'dev', lab.bridge])).stdout;
    // Nobody answers at 203.0.113.5: the command probes a free address, adds it, then waits on HTTP.
    const child = lab.spawn(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, 'device', 'info', '--ip', '203.0.113.5', '--iface', lab.bridge, '--user', 'admin', '--password', 'x'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const t0 = Date.now();
    while (!/inet 203\.0\.113\.\d+\/24/.test(await addrs())) {
      if (Date.now() - t0 > 30_000) throw new Error(`the alias never went on: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr.trim().split('\n').pop()).toBe('fieldkit: interrupted; temporary laptop changes undone');
    expect(await addrs()).not.toMatch(/inet 203\.0\.113\.\d+\/24/);
  }, 60_000);
});
