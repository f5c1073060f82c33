import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, requireLabOrSkip, requireToolsOrSkip, type Lab, type LabDevice } from '../lab';

// Debian's onvif-util (libonvif) is a client FieldKit did not write: it finds the camera by
// WS-Discovery multicast on the lab bridge, then talks SOAP to the XAddr it was given. All of it
// runs inside namespaces this test creates.
const skip = requireLabOrSkip() || requireToolsOrSkip('onvif-util');
const CAMERA = fileURLToPath(new URL('../sim/onvif/full-camera-cli.ts', import.meta.url));
const READ = fileURLToPath(new URL('./onvif-device-read.ts', import.meta.url));
const PASS = 'Passw0rd!';
const HOUR = 3600_000;

describe.skipIf(skip)('the simulated camera as seen by onvif-util (libonvif)', () => {
  let lab: Lab;
  let cam: LabDevice;
  let camera: ChildProcess;
  let camOut = '';

  /** Runs an onvif-util session from the laptop, typing `commands` on its stdin. */
  async function onvifUtil(ip: string, password: string, commands: string[]) {
    const script = 'printf "%s\\n" "$@" | onvif-util -u admin -p "$PW" "$IP"';
    const r = await lab.exec(lab.tech, 'env', [`PW=${password}`, `IP=${ip}`, 'sh', '-c', script, 'sh', ...commands, 'quit'], { reject: false, timeoutMs: 45_000 });
    return { code: r.code, out: r.stdout };
  }
  const camAddrs = async () => (await lab.exec(cam.ns, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout;

  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
    cam = await lab.addDevice({ name: 'onvifutil', cidr: '198.51.100.10/24', mac: '44:19:b6:12:34:56' });
    const config = {
      ip: cam.ip,
      prefix: 24,
      gateway: '198.51.100.1',
      mac: cam.mac,
      name: 'Gate',
      // An hour slow: onvif-util must date its WS-UsernameToken in the camera's clock, not its own.
      onvif: { state: { clockOffsetMs: -HOUR, hostname: 'gate-cam' } },
    };
    camera = lab.spawn(cam.ns, process.execPath, ['--import', 'tsx', CAMERA, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    camera.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      camera.stdout!.on('data', (d: Buffer) => {
        camOut += d.toString();
        if (camOut.includes('ready ')) resolve();
      });
      camera.once('exit', (code) => reject(new Error(`full-camera-cli exited ${code}: ${err}`)));
    });
  }, 60_000);

  afterAll(async () => {
    await lab?.cleanup();
  });

  it('is discovered, and refuses a wrong password', async () => {
    const r = await onvifUtil(cam.ip, 'wrong-password', ['get network']);
    expect(r.out).toContain(`found host: ${cam.ip}`);
    expect(r.out).toMatch(/ERROR: get device information - .*NotAuthorized/);
    expect(r.out).not.toContain('successfully connected');
    expect(r.out).not.toContain('IP Address:');
    expect(r.code).toBe(1);
  });

  it('logs in with the right password and reads the network settings and the clock', async () => {
    const r = await onvifUtil(cam.ip, PASS, ['get network', 'get time', 'get profiles', 'get rtsp']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`found host: ${cam.ip}`);
    expect(r.out).toContain('successfully connected to host');
    expect(r.out).toContain('name:   Gate DS-2CD2143G0-I');
    expect(r.out).toContain('serial: DS-2CD2143G0-I20190101AAWRC12345678');
    expect(r.out).toMatch(/IP Address: 198\.51\.100\.10\n\s+Gateway:\s+198\.51\.100\.1\n\s+DNS:\s+198\.51\.100\.1\n\s+DHCP:\s+NO/);
    const offset = Number(/Time Offset: (-?\d+) seconds/.exec(r.out)?.[1]);
    expect(Math.abs(offset + 3600)).toBeLessThanOrEqual(2);
    expect(r.out).toMatch(/Timezone:\s+CST-8/);
    expect(r.out).toMatch(/Time Set By: Manual/);
    expect(r.out).toMatch(/Token 0: Profile_1\n\s+Token 1: Profile_2/);
    expect(r.out).toContain('rtsp://198.51.100.10:554/Streaming/Channels/101');
  });

  it('changes imaging and encoder settings through the media and imaging services', async () => {
    const r = await onvifUtil(cam.ip, PASS, ['set brightness 70', 'get imaging', 'set resolution 1280x720', 'get video', 'set resolution 1000x1000']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Brightness: 70/);
    expect(r.out).toMatch(/Resolution: 1280 x 720/);
    // Not among the camera's resolutions: refused, as a camera does.
    expect(r.out).toMatch(/set video encoder configuration - ter:ConfigModify/);
  });

  it('moves the camera with set ip_address; onvif-util and FieldKit then find it at the new address', async () => {
    const r = await onvifUtil(cam.ip, PASS, ['set ip_address 198.51.100.77']);
    expect(r.out).toContain('IP Address has been changed');
    await expect.poll(camAddrs, { timeout: 10_000, interval: 200 }).toContain('198.51.100.77/24');
    expect(await camAddrs()).not.toContain('198.51.100.10/');
    expect(camOut).toContain('moved 198.51.100.10/24 -> 198.51.100.77/24');

    // WS-Discovery now answers from (and points at) the new address only.
    const old = await onvifUtil('198.51.100.10', PASS, ['get network']);
    expect(old.out).not.toContain('successfully connected');
    const after = await onvifUtil('198.51.100.77', PASS, ['get network']);
    expect(after.code, after.out).toBe(0);
    expect(after.out).toContain('found host: 198.51.100.77');
    expect(after.out).toMatch(/IP Address: 198\.51\.100\.77/);

    const fk = await lab.exec(lab.tech, process.execPath, ['--import', 'tsx', READ, 'http://198.51.100.77/onvif/device_service', 'admin', PASS], { timeoutMs: 30_000 });
    const read = JSON.parse(fk.stdout) as { info: { model: string }; interfaces: Array<{ ipv4?: { manual: unknown[] } }>; gateway: string[] };
    expect(read.info.model).toBe('DS-2CD2143G0-I');
    expect(read.interfaces[0]?.ipv4?.manual).toEqual([{ address: '198.51.100.77', prefix: 24 }]);
    expect(read.gateway).toEqual(['198.51.100.1']);
  });
});
