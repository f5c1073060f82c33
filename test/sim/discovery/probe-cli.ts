/**
 * The other side of the camera simulator: a bare-bones multicast prober for lab tests. Run it in
 * the technician's namespace; it probes WS-Discovery, SADP, DHIP and SSDP once from `--ip`,
 * listens for `--wait` ms and prints one JSON array of what it heard (parsed, or the parse error).
 *
 *   node --import tsx test/sim/discovery/probe-cli.ts --ip 198.51.100.1 --wait 2500
 *
 * Refuses to run in the root network namespace (it multicasts).
 */
import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { buildDhipDiscover, decodeDhipPackets, DHIP_MULTICAST_V4, DHIP_PORT, dhipMethod, parseDhipDeviceInfo } from '../../../src/discovery/protocols/dhip';
import { buildSadpProbe, parseSadpMessage, SADP_MULTICAST_V4, SADP_PORT } from '../../../src/discovery/protocols/sadp';
import { buildMSearch, parseSsdpMessage, SSDP_MULTICAST_V4, SSDP_PORT } from '../../../src/discovery/protocols/ssdp';
import { parseDeviceDescription } from '../../../src/discovery/protocols/upnp-description';
import { buildProbe, parseWsdMessage, WSD_MULTICAST_V4, WSD_PORT } from '../../../src/discovery/protocols/wsdiscovery';
import { assertMulticastAllowed, inRootNetns } from './netns-guard';

/** One thing heard. */
export interface Heard {
  proto: 'wsd' | 'sadp' | 'dhip' | 'ssdp' | 'upnp';
  from: string;
  result?: unknown;
  error?: string;
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

async function open(ip: string, port: number, group?: string): Promise<Socket> {
  const s = createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise<void>((resolve) => s.bind(port, group ? '0.0.0.0' : ip, resolve));
  if (group) s.addMembership(group, ip);
  s.setMulticastInterface(ip);
  s.setMulticastTTL(1);
  return s;
}

async function main(): Promise<void> {
  const ip = arg('ip');
  const waitMs = Number(arg('wait', '2500'));
  assertMulticastAllowed(ip, inRootNetns());
  const heard: Heard[] = [];
  const fetches: Array<Promise<void>> = [];
  const record = (proto: Heard['proto'], from: string, parse: () => unknown): void => {
    try {
      const result = parse();
      if (result !== undefined) heard.push({ proto, from, result });
    } catch (e) {
      heard.push({ proto, from, error: (e as Error).message });
    }
  };

  const wsd = await open(ip, 0);
  wsd.on('message', (d, r) => record('wsd', r.address, () => parseWsdMessage(d)));
  const sadp = await open(ip, SADP_PORT, SADP_MULTICAST_V4);
  sadp.on('message', (d, r) => record('sadp', r.address, () => {
    const m = parseSadpMessage(d);
    return m.kind === 'probe' ? undefined : m; // our own probe, looped back
  }));
  const dhip = await open(ip, DHIP_PORT, DHIP_MULTICAST_V4);
  dhip.on('message', (d, r) => record('dhip', r.address, () => {
    const packets = decodeDhipPackets(d).filter((p) => dhipMethod(p.json) !== 'DHDiscover.search');
    return packets.length ? packets.map((p) => parseDhipDeviceInfo(p.json)) : undefined;
  }));
  const ssdp = await open(ip, 0);
  ssdp.on('message', (d, r) => record('ssdp', r.address, () => {
    const m = parseSsdpMessage(d);
    if (m.location) {
      fetches.push(fetch(m.location).then((res) => res.text())
        .then((xml) => record('upnp', r.address, () => parseDeviceDescription(xml, m.location)))
        .catch((e: Error) => void heard.push({ proto: 'upnp', from: r.address, error: e.message })));
    }
    return m;
  }));

  wsd.send(buildProbe({ messageId: randomUUID() }), WSD_PORT, WSD_MULTICAST_V4);
  sadp.send(buildSadpProbe(randomUUID()), SADP_PORT, SADP_MULTICAST_V4);
  dhip.send(buildDhipDiscover(), DHIP_PORT, DHIP_MULTICAST_V4);
  ssdp.send(buildMSearch('ssdp:all', 1), SSDP_PORT, SSDP_MULTICAST_V4);
  await new Promise((r) => setTimeout(r, waitMs));
  await Promise.all(fetches);
  for (const s of [wsd, sadp, dhip, ssdp]) s.close();
  process.stdout.write(`${JSON.stringify(heard)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`probe-cli: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
