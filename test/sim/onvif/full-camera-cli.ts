/**
 * A whole simulated ONVIF camera in one process, for a lab device namespace: WS-Discovery on the
 * multicast group (ProbeMatch XAddrs point at this process's HTTP service) plus the device, media
 * and imaging services on port 80, as independent clients such as Debian's onvif-util expect.
 *
 *   ip netns exec NS node --import tsx test/sim/onvif/full-camera-cli.ts '<json>'
 *
 * JSON: { ip, prefix?, gateway?, mac?, ifname?, port?, name?, model?, manufacturer?, uuid?, onvif?: OnvifSimOptions
 * (JSON part) }. Prints `ready <port>` when listening, `op NAME` per executed operation, and
 * `moved OLD -> NEW` after SetNetworkInterfaces really moved the namespace's address; WS-Discovery
 * then says Bye from the old address and Hello from the new one, as a camera does after a change.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startCameraSim, type CameraSim, type CameraSimInput } from '../discovery/camera-sim';
import { startOnvifSim, type OnvifSimOptions } from './device-service';
import { defaultMediaState, mediaOps } from './media-service';

const run = promisify(execFile);

/** What the CLI takes as its one JSON argument. */
export interface FullCameraConfig {
  ip: string;
  prefix?: number;
  gateway?: string;
  mac?: string;
  ifname?: string;
  /** HTTP port of the ONVIF services (default 80, where WS-Discovery XAddrs point). */
  port?: number;
  name?: string;
  model?: string;
  manufacturer?: string;
  uuid?: string;
  onvif?: Omit<OnvifSimOptions, 'applyAddress' | 'onCall' | 'onState' | 'extraOps' | 'host' | 'port'>;
}

const cfg = JSON.parse(process.argv[2] ?? '{}') as FullCameraConfig;
if (!cfg.ip) throw new Error('full-camera-cli: config needs "ip"');
const ifname = cfg.ifname ?? 'eth0';
const port = cfg.port ?? 80;
const prefix = cfg.prefix ?? 24;
const mac = cfg.mac ?? '44:19:b6:12:34:56';

const mask = (p: number) => [24, 16, 8, 0].map((s) => ((p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0) >>> s) & 255).join('.');

function discoveryConfig(ip: string, p: number): CameraSimInput {
  return {
    ip,
    mask: mask(p),
    ...(cfg.gateway ? { gateway: cfg.gateway } : {}),
    mac,
    protocols: ['wsd'],
    multicast: true,
    ...(cfg.name ? { name: cfg.name } : {}),
    ...(cfg.model ? { model: cfg.model } : {}),
    ...(cfg.manufacturer ? { manufacturer: cfg.manufacturer } : {}),
    ...(cfg.uuid ? { uuid: cfg.uuid } : {}),
  };
}

let discovery: CameraSim | null = null;
// WS-Discovery XAddrs carry no port (http://IP/onvif/device_service): only port 80 matches them.
if (port !== 80) process.stderr.write(`full-camera-cli: ONVIF on port ${port}, WS-Discovery XAddrs still say port 80\n`);

const sim = await startOnvifSim({
  ...cfg.onvif,
  state: {
    address: cfg.ip,
    prefix,
    mac,
    ...(cfg.gateway ? { gateway: cfg.gateway } : {}),
    ...(cfg.model ? { model: cfg.model } : {}),
    ...(cfg.manufacturer ? { manufacturer: cfg.manufacturer } : {}),
    ...cfg.onvif?.state,
  },
  host: '0.0.0.0',
  port,
  extraOps: mediaOps(defaultMediaState()),
  onCall: (op) => process.stdout.write(`op ${op}\n`),
  async applyAddress(next, prev) {
    // Bye while the old address still exists, then move (old first: deleting a primary address also
    // flushes secondaries of its subnet), then Hello from the new one.
    await discovery?.stop();
    discovery = null;
    await run('ip', ['addr', 'del', `${prev.address}/${prev.prefix}`, 'dev', ifname]).catch(() => undefined);
    await run('ip', ['addr', 'add', `${next.address}/${next.prefix}`, 'dev', ifname]);
    discovery = await startCameraSim(discoveryConfig(next.address, next.prefix), { log: (l) => process.stderr.write(`${l}\n`) });
    process.stdout.write(`moved ${prev.address}/${prev.prefix} -> ${next.address}/${next.prefix}\n`);
  },
});
discovery = await startCameraSim(discoveryConfig(cfg.ip, prefix), { log: (l) => process.stderr.write(`${l}\n`) });
process.stdout.write(`ready ${sim.port}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void Promise.all([sim.close(), discovery?.stop()]).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
