import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { DiscoveredDevice, DiscoveryProtocolName, DoctorReport } from '../../../contract';
import { DISCOVERY_PROTOCOLS } from '../../../contract/discovery';
import { createClient } from '../../../rpc/client';
import { memoryTransportPair } from '../../../rpc/memory-transport';
import { openCore, withApi, type GlobalOptions } from '../context';
import { makeOut, table, UsageError, whenStdoutCloses } from '../output';

type Run = (fn: () => Promise<void>) => Promise<void>;

interface DiscoverOptions {
  timeout: string;
  iface: string[];
  protocol?: string;
  watch?: boolean;
  reprobe: string;
  offlineAfter?: string;
}

/** The device as `fieldkit discover --json` prints it (the documented shape, nothing more). */
export function cliDevice(d: DiscoveredDevice) {
  return {
    id: d.id,
    mac: d.mac,
    ips: d.ips,
    protocols: d.protocols,
    manufacturer: d.manufacturer,
    model: d.model,
    name: d.name,
    serial: d.serial,
    firmware: d.firmware,
    xaddrs: d.xaddrs,
    location: d.location,
    interfaces: d.interfaces,
    inSubnet: d.inSubnet,
  };
}

function parseProtocols(v: string | undefined): DiscoveryProtocolName[] {
  if (v === undefined) return [];
  const list = v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((p) => !(DISCOVERY_PROTOCOLS as readonly string[]).includes(p));
  if (bad.length || list.length === 0) throw new UsageError(`--protocol takes a comma list of ${DISCOVERY_PROTOCOLS.join(', ')}, not "${v}"`);
  return [...new Set(list)] as DiscoveryProtocolName[];
}

function parseSeconds(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number of seconds from ${min} to ${max}, not "${v}"`);
  return n;
}

/** One line per device for people; device fields are printed as text, never interpreted. */
function describe(devices: DiscoveredDevice[]): string {
  if (devices.length === 0) return 'No devices answered.';
  return table([
    ['IP', 'MAC', 'VENDOR', 'MODEL', 'NAME', 'PROTOCOLS', 'IFACE', 'SUBNET'],
    ...devices.map((d) => [
      d.ips.join(',') || '-', d.mac ?? '-', d.manufacturer ?? d.macVendor ?? '-', d.model ?? '-', d.name ?? '-',
      d.protocols.join(','), d.interfaces.join(',') || '-', d.inSubnet ? 'ok' : `OFF: ${d.inSubnetReason ?? ''}`,
    ]),
  ]);
}

function oneLine(d: DiscoveredDevice): string {
  return `${d.ips[0] ?? '?'} ${d.manufacturer ?? d.macVendor ?? ''} ${d.model ?? ''} [${d.protocols.join(',')}]`.replace(/\s+/g, ' ');
}

async function discover(g: GlobalOptions, o: DiscoverOptions): Promise<void> {
  const out = makeOut(!!g.json);
  const protocols = parseProtocols(o.protocol);
  const timeoutSec = parseSeconds('timeout', o.timeout, 0.5, 60);
  const reprobeSec = parseSeconds('reprobe', o.reprobe, 5, 3600);
  const offlineAfterSec = o.offlineAfter === undefined ? undefined : parseSeconds('offline-after', o.offlineAfter, 2, 86_400);
  // Shorter than the re-probe period, a device that only answers probes would flap offline between rounds.
  if (offlineAfterSec !== undefined && offlineAfterSec <= reprobeSec) {
    throw new UsageError(`--offline-after (${offlineAfterSec} s) must be longer than --reprobe (${reprobeSec} s), or devices that only answer probes flap offline between rounds`);
  }
  const { core, api, close } = openCore(g);
  const [a, b] = memoryTransportPair();
  const disconnect = core.server.connect(a);
  const live = createClient(b);
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const onSignal = (): void => stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // `discover --watch | head`: the reader going away stops the watch like Ctrl+C.
  if (o.watch) whenStdoutCloses(onSignal);
  try {
    if (o.watch) {
      // One JSON line per change, flushed as it happens, until interrupted.
      live.on('discovery.device', (e) => process.stdout.write(`${JSON.stringify({ type: 'device', change: e.change, online: e.device.online, merged: e.mergedIds, device: cliDevice(e.device) })}\n`));
      live.on('discovery.presence', (e) => process.stdout.write(`${JSON.stringify({ type: 'presence', id: e.id, state: e.state, cause: e.cause, at: e.at })}\n`));
      await live.resubscribe();
      const state = await api.discovery.watch({ interfaces: o.iface, protocols, reprobeSec, offlineAfterSec });
      out.progress(`fieldkit: watching ${state.interfaces.join(', ')} (re-probe every ${state.reprobeSec} s, offline after ${state.offlineAfterSec} s); Ctrl+C to stop`);
      await stopped;
      await api.discovery.unwatch();
      return;
    }
    const scanId = randomUUID();
    live.on('discovery.device', (e) => {
      if (e.change === 'added') out.progress(`found ${oneLine(e.device)}`);
    });
    live.on('discovery.progress', (p) => {
      if (p.scanId === scanId && (p.phase === 'started' || p.phase === 'done')) out.progress(`discover: ${p.phase} (${(p.elapsedMs / 1000).toFixed(1)} s, ${p.devices} devices)`);
    });
    await live.resubscribe();
    void stopped.then(() => api.discovery.cancel(scanId).catch(() => undefined));
    const result = await api.discovery.scan({ timeoutSec, interfaces: o.iface, protocols, scanId });
    for (const w of result.warnings) out.progress(`fieldkit: warning: ${w}`);
    if (result.stats.malformed) out.progress(`fieldkit: ignored ${result.stats.malformed} malformed packet(s)`);
    out.result({ devices: result.devices.map(cliDevice), elapsedMs: result.elapsedMs }, () => describe(result.devices));
    if (result.cancelled) throw new Error('scan cancelled; the devices found so far are listed above');
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    live.close();
    disconnect();
    await close();
  }
}

const MARK: Record<DoctorReport['checks'][number]['status'], string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', info: 'info' };

export function registerDiscoverCommands(program: Command, run: Run): void {
  const g = () => program.opts<GlobalOptions>();
  program
    .command('discover')
    .description('find cameras and other devices on every wired NIC at once (ONVIF, SSDP, SADP, DHIP)')
    .option('--timeout <seconds>', 'how long to listen for answers', '3')
    .option('--iface <name>', 'probe this interface (repeatable; default: every up wired/wireless IPv4 NIC)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--protocol <list>', `comma list of ${DISCOVERY_PROTOCOLS.join(',')} (default: all)`)
    .option('--watch', 'keep listening (Hello/Bye, NOTIFY, periodic re-probes); one JSON line per change until Ctrl+C')
    .option('--reprobe <seconds>', 'with --watch: seconds between active re-probes', '60')
    .option('--offline-after <seconds>', 'with --watch: a device not heard for this long is offline (default: 3 re-probes + 5 s)')
    .action((o: DiscoverOptions) => run(() => discover(g(), o)));

  program
    .command('doctor')
    .description('pre-flight check for discovery: interfaces, multicast route, rp_filter, VPNs, firewall, privileges')
    .action(() =>
      run(() =>
        withApi(g(), async (api) => {
          const report = await api.discovery.doctor();
          makeOut(!!g().json).result(report, () => report.checks.map((c) => `${MARK[c.status]}  ${c.title}: ${c.detail}`).join('\n'));
          const failed = report.checks.filter((c) => c.status === 'fail');
          if (failed.length) throw new Error(`discovery cannot work here yet: ${failed.map((c) => c.title).join('; ')}`);
        }),
      ),
    );
}
