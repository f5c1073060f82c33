// `fieldkit ptz ... move <dir> --ms N` interrupted: Ctrl+C while it drives must still stop the
// camera. The deadman that would send the stop lives in the CLI's own process, so without a signal
// handler the camera kept turning until it hit its limit. Simulated camera: raw VISCA over TCP on
// 127.0.0.1.
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { SimTcpCamera } from '../sim/visca/stream-camera';
import { FIELDKIT_BIN } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-ptz-int-');
afterAll(() => tmp.remove());

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');

describe('fieldkit ptz move interrupted', () => {
  it('Ctrl+C during a move still stops the camera', async () => {
    const cam = await SimTcpCamera.start();
    try {
      const child = spawn(FIELDKIT_BIN, ['--data-dir', tmp.dir, '--json', 'ptz', '--visca-tcp', `127.0.0.1:${cam.port}`, 'move', 'right', '--ms', '20000'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.on('data', (d) => (stdout += d));
      const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
      const received = () => cam.chain.camera.received.map(hex);
      // Wait for the drive (81 01 06 01 vv ww 02 03 FF: pan right), then let it run a little.
      const t0 = Date.now();
      while (!received().some((h) => /^81 01 06 01 .. .. 02 03 FF$/.test(h))) {
        if (Date.now() - t0 > 30_000) throw new Error(`no drive received: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      const out = JSON.parse(stdout) as { ok: boolean; interrupted: boolean; ms: number; direction: string };
      expect(out).toMatchObject({ ok: true, interrupted: true, direction: 'right' });
      expect(out.ms).toBeLessThan(20_000);
      await new Promise((r) => setTimeout(r, 500));
      const pan1 = cam.chain.camera.position().pan;
      await new Promise((r) => setTimeout(r, 300));
      const pan2 = cam.chain.camera.position().pan;
      // A stop ("81 01 06 01 vv ww 03 03 FF") after the drive, and the pan no longer grows.
      expect(received().some((h) => /^81 01 06 01 .. .. 03 03 FF$/.test(h)), received().join(' | ')).toBe(true);
      expect(pan2).toBe(pan1);
    } finally {
      await cam.close();
    }
  }, 60_000);
});
