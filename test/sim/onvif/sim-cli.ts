/**
 * Runs the ONVIF device-service simulator as a process inside a lab device
 * namespace: `node --import tsx test/sim/onvif/sim-cli.ts '<json options>'`.
 * SetNetworkInterfaces really moves the namespace's eth0 address, so the
 * camera is found at its new address only when it applied the change.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startOnvifSim, type OnvifSimOptions } from './device-service';
import type { OnvifSimState } from './device-state';
import { startViscaRelay } from './visca-relay';

const run = promisify(execFile);
const opts = JSON.parse(process.argv[2] ?? '{}') as Omit<OnvifSimOptions, 'applyAddress' | 'onCall'> & {
  ifname?: string;
  /** Also answer VISCA over IP on UDP 52381 (a PTZ camera). */
  visca?: boolean;
  /** Print `op NAME` for every operation executed, and `state {...}` after each answer. */
  logCalls?: boolean;
};
const ifname = opts.ifname ?? 'eth0';

const sim = await startOnvifSim({
  ...opts,
  host: opts.host ?? '0.0.0.0',
  ...(opts.logCalls
    ? {
        onCall: (op: string) => process.stdout.write(`op ${op}\n`),
        onState: (st: OnvifSimState) => process.stdout.write(`state ${JSON.stringify(st)}\n`),
      }
    : {}),
  port: opts.port ?? 80,
  async applyAddress(next, prev) {
    // Old address first: deleting a primary address also flushes secondaries of its subnet,
    // so adding the new one first would lose it when both are in the same subnet.
    await run('ip', ['addr', 'del', `${prev.address}/${prev.prefix}`, 'dev', ifname]).catch(() => undefined);
    await run('ip', ['addr', 'add', `${next.address}/${next.prefix}`, 'dev', ifname]);
    process.stdout.write(`moved ${prev.address}/${prev.prefix} -> ${next.address}/${next.prefix}\n`);
  },
});
const visca = opts.visca ? await startViscaRelay() : null;
process.stdout.write(`ready ${sim.port}\n`);
const stop = () => void Promise.all([sim.close(), visca?.close()]).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
