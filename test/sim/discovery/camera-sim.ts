/**
 * A simulated IP camera speaking the LAN discovery protocols (WS-Discovery, SADP, DHIP, SSDP).
 *
 * In-process:  const sim = await startCameraSim({ protocols: ['wsd'], ports: { wsd: 0 } }); ... await sim.stop();
 * As a process (inside a lab namespace):
 *   node --import tsx test/sim/discovery/camera-sim.ts --config '{"ip":"198.51.100.10","multicast":true}'
 * prints one JSON line {"ready":true,"ports":{...}} when listening; SIGTERM sends Bye and exits.
 *
 * Safety: in the root network namespace it refuses multicast and sends to loopback only.
 */
import { pathToFileURL } from 'node:url';
import { startDhipSim } from './dhip-sim';
import { inRootNetns } from './netns-guard';
import { startSadpSim } from './sadp-sim';
import { resolveSimConfig, type CameraSimConfig, type CameraSimInput } from './sim-config';
import { startSsdpSim } from './ssdp-sim';
import { startWsdSim } from './wsd-sim';

export type { CameraSimConfig, CameraSimInput } from './sim-config';

/** Bound ports of a running simulator (useful when 0 was configured). */
export interface CameraSimPorts {
  wsd?: number;
  sadp?: number;
  dhip?: number;
  /** HTTP server with /rootDesc.xml (SSDP LOCATION). */
  http?: number;
}

/** A running simulated camera. */
export interface CameraSim {
  config: CameraSimConfig;
  ports: CameraSimPorts;
  /** The SSDP LOCATION URL, when SSDP is on. */
  location?: string;
  /** Sends Bye (WS-Discovery) and closes every socket. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options that cannot travel as JSON. */
export interface CameraSimHooks {
  /** Receives diagnostic lines (ignored datagrams, send failures). Default: discard. */
  log?: (line: string) => void;
}

/** Starts a simulated camera; on any start failure, whatever already started is stopped. */
export async function startCameraSim(input: CameraSimInput = {}, hooks: CameraSimHooks = {}): Promise<CameraSim> {
  const config = resolveSimConfig(input);
  const log = hooks.log ?? (() => {});
  const rootNetns = inRootNetns();
  const stops: Array<() => Promise<void>> = [];
  const ports: CameraSimPorts = {};
  let location: string | undefined;
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((e: Error) => log(`stop failed: ${e.message}`));
  };
  try {
    const on = new Set(config.protocols);
    if (on.has('wsd')) {
      const wsd = await startWsdSim(config, rootNetns, log);
      stops.push(() => wsd.stop());
      ports.wsd = wsd.port;
    }
    if (on.has('sadp')) {
      const sadp = await startSadpSim(config, rootNetns, log);
      stops.push(() => sadp.close());
      ports.sadp = sadp.port;
    }
    if (on.has('dhip')) {
      const dhip = await startDhipSim(config, rootNetns, log);
      stops.push(() => dhip.close());
      ports.dhip = dhip.port;
    }
    if (on.has('ssdp')) {
      const ssdp = await startSsdpSim(config, rootNetns);
      stops.push(() => ssdp.stop());
      ports.http = ssdp.httpPort;
      location = ssdp.location;
    }
  } catch (e) {
    await stopAll();
    throw e;
  }
  return { config, ports, ...(location ? { location } : {}), stop: stopAll };
}

function configFromArgs(argv: string[]): unknown {
  const i = argv.indexOf('--config');
  const json = i >= 0 ? argv[i + 1] : undefined;
  if (json === undefined) return {};
  try {
    return JSON.parse(json) as unknown;
  } catch (e) {
    throw new Error(`--config is not JSON: ${(e as Error).message}`);
  }
}

async function main(): Promise<void> {
  // Handlers first: a SIGTERM right after "ready" must still send Bye, and a second one must not
  // cut the Bye short.
  const running: { sim?: CameraSim } = {};
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void (running.sim?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  const sim = await startCameraSim(configFromArgs(process.argv.slice(2)) as CameraSimInput, {
    log: (line) => process.stderr.write(`${line}\n`),
  });
  running.sim = sim;
  if (stopping) {
    await sim.stop();
    process.exit(0);
  }
  process.stdout.write(`${JSON.stringify({ ready: true, ports: sim.ports, location: sim.location })}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`camera-sim: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
