/**
 * Many simulated cameras in one process, for benchmarks: one namespace holds every device's IPv4
 * as an address on its eth0, one listener per protocol hears each multicast probe once, and every
 * device answers from its own address (one socket per device) after its own random delay.
 *
 *   node --import tsx test/sim/discovery/fleet-sim.ts --config '{"primary":"198.51.100.10","devices":[...]}'
 *
 * Prints {"ready":true} when listening, then one JSON line per first reply of each device to the
 * first probe of each protocol: {"reply":{"ip","proto","at","probeAt"}} (epoch ms, same clock as the
 * benchmark), so the benchmark knows the physical floor: when the slowest device answered.
 * Refuses to run in the root network namespace (it multicasts).
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer } from 'node:http';
import { z } from 'zod';
import { decodeDhipPackets, DHIP_MULTICAST_V4, DHIP_PORT, dhipMethod, encodeDhipPacket } from '../../../src/discovery/protocols/dhip';
import { parseSadpMessage, SADP_MULTICAST_V4, SADP_PORT } from '../../../src/discovery/protocols/sadp';
import { parseSsdpMessage, SSDP_MULTICAST_V4, SSDP_PORT } from '../../../src/discovery/protocols/ssdp';
import { NVT_TYPE, ONVIF_DEVICE_TYPE, parseWsdMessage, typesMatch, WSD_MULTICAST_V4, WSD_PORT } from '../../../src/discovery/protocols/wsdiscovery';
import { buildDhipDevInfo } from './dhip-sim';
import { assertMulticastAllowed, inRootNetns } from './netns-guard';
import { buildSadpProbeMatch } from './sadp-sim';
import { resolveSimConfig, type CameraSimConfig } from './sim-config';
import { buildDeviceDescription } from './ssdp-sim';
import { simScopes } from './wsd-sim';
import { buildProbeMatches, type AppSequence } from './wsd-messages';

const fleetSchema = z.object({
  /** The namespace's own (first) address: groups are joined on it. */
  primary: z.string(),
  httpPort: z.number().int().min(1).max(65535).default(8080),
  /** Random reply delay ranges (ms) per protocol. */
  delays: z.object({ wsd: z.tuple([z.number(), z.number()]).default([0, 500]), other: z.tuple([z.number(), z.number()]).default([0, 50]) }).prefault({}),
  /**
   * Answer M-SEARCH after a random 0..MX seconds, as UPnP asks devices to (MX clamped to 1..5),
   * instead of the `other` range: many cameras answer at once, spec-following stacks do this.
   */
  ssdpHonorMx: z.boolean().default(false),
  devices: z.array(z.record(z.string(), z.unknown())).max(1000),
});

type Proto = 'wsd' | 'ssdp' | 'sadp' | 'dhip';

/** The M-SEARCH MX header as UPnP bounds it: 1..5 seconds (missing or invalid: 1). */
function mxSeconds(raw: string | undefined): number {
  const n = Number.parseInt(raw ?? '', 10);
  return Number.isFinite(n) ? Math.min(5, Math.max(1, n)) : 1;
}
interface Device {
  index: number;
  c: CameraSimConfig;
  socket: Socket;
  seq: AppSequence;
}

const enc = (s: string): Buffer => Buffer.from(s, 'utf8');
const between = ([lo, hi]: [number, number]): number => lo + Math.floor(Math.random() * (Math.max(lo, hi) - lo + 1));

async function bind(port: number, address: string, reuse: boolean): Promise<Socket> {
  const s = createSocket({ type: 'udp4', reuseAddr: reuse });
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.bind(port, address, () => resolve());
  });
  s.on('error', () => undefined);
  return s;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--config');
  const cfg = fleetSchema.parse(JSON.parse(process.argv[i + 1] ?? '{}'));
  assertMulticastAllowed(cfg.primary, inRootNetns());
  const devices: Device[] = [];
  for (const [index, raw] of cfg.devices.entries()) {
    const c = resolveSimConfig(raw);
    devices.push({ index, c, socket: await bind(0, c.ip, false), seq: { instanceId: 1, messageNumber: 0 } });
  }
  const descriptions = devices.map((d) => buildDeviceDescription(d.c));
  const http = createServer((req, res) => {
    const m = /^\/d\/(\d+)\/rootDesc\.xml$/.exec(req.url ?? '');
    const doc = m ? descriptions[Number(m[1])] : undefined;
    if (doc === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'Content-Type': 'text/xml; charset="utf-8"' }).end(doc);
  });
  await new Promise<void>((resolve) => http.listen(cfg.httpPort, '0.0.0.0', resolve));

  const firstProbe = new Map<Proto, number>();
  const reported = new Set<string>();
  const reply = (d: Device, proto: Proto, probeAt: number, payload: Buffer, to: { address: string; port: number }, delay: number): void => {
    setTimeout(() => {
      d.socket.send(payload, to.port, to.address, () => {
        const key = `${d.c.ip}/${proto}`;
        // Replies to the first probe of a protocol define the physical floor.
        if (probeAt === firstProbe.get(proto) && !reported.has(key)) {
          reported.add(key);
          process.stdout.write(`${JSON.stringify({ reply: { ip: d.c.ip, proto, at: Date.now(), probeAt } })}\n`);
        }
      });
    }, delay);
  };

  const listen = async (port: number, group: string, handle: (data: Buffer, from: { address: string; port: number }, at: number) => void): Promise<Socket> => {
    const s = await bind(port, '0.0.0.0', true);
    s.addMembership(group, cfg.primary);
    s.on('message', (data, from) => {
      const at = Date.now();
      try {
        handle(data, from, at);
      } catch {
        // Not for us (our own replies looped back, other tools): ignore.
      }
    });
    return s;
  };
  // A probe after 2 s of quiet starts a new burst (the next benchmark run): its replies count again.
  const lastProbe = new Map<Proto, number>();
  const first = (proto: Proto, at: number): void => {
    if (at - (lastProbe.get(proto) ?? -Infinity) > 2000) {
      firstProbe.set(proto, at);
      for (const k of [...reported]) if (k.endsWith(`/${proto}`)) reported.delete(k);
    }
    lastProbe.set(proto, at);
  };
  const has = (d: Device, p: 'wsd' | 'ssdp' | 'sadp' | 'dhip'): boolean => d.c.protocols.includes(p);

  const sockets = [
    await listen(WSD_PORT, WSD_MULTICAST_V4, (data, from, at) => {
      const msg = parseWsdMessage(data);
      if (msg.kind !== 'probe') return;
      first('wsd', at);
      for (const d of devices) {
        if (!has(d, 'wsd') || !typesMatch(msg.probeTypes ?? [], [NVT_TYPE, ONVIF_DEVICE_TYPE])) continue;
        const ep = { address: `urn:uuid:${d.c.uuid}`, deviceType: true, scopes: simScopes(d.c), xaddrs: [`http://${d.c.ip}/onvif/device_service`], metadataVersion: 1 };
        reply(d, 'wsd', at, enc(buildProbeMatches(ep, msg.messageId ?? '', d.seq, true)), from, between(cfg.delays.wsd));
      }
    }),
    await listen(SSDP_PORT, SSDP_MULTICAST_V4, (data, from, at) => {
      const msg = parseSsdpMessage(data);
      if (msg.kind !== 'search') return;
      const st = msg.st ?? '';
      if (st !== 'ssdp:all' && st !== 'upnp:rootdevice') return;
      first('ssdp', at);
      for (const d of devices) {
        if (!has(d, 'ssdp')) continue;
        const text = `HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: http://${d.c.ip}:${cfg.httpPort}/d/${d.index}/rootDesc.xml\r\n` +
          `SERVER: Linux/3.0, UPnP/1.0, FieldKit fleet sim\r\nST: upnp:rootdevice\r\nUSN: uuid:${d.c.uuid}::upnp:rootdevice\r\n\r\n`;
        reply(d, 'ssdp', at, enc(text), from, cfg.ssdpHonorMx ? between([0, mxSeconds(msg.headers.mx) * 1000]) : between(cfg.delays.other));
      }
    }),
    await listen(SADP_PORT, SADP_MULTICAST_V4, (data, from, at) => {
      const msg = parseSadpMessage(data);
      if (msg.kind !== 'probe') return;
      first('sadp', at);
      for (const d of devices) if (has(d, 'sadp')) reply(d, 'sadp', at, enc(buildSadpProbeMatch(d.c, msg.uuid)), from, between(cfg.delays.other));
    }),
    await listen(DHIP_PORT, DHIP_MULTICAST_V4, (data, from, at) => {
      if (!decodeDhipPackets(data).some((p) => dhipMethod(p.json) === 'DHDiscover.search')) return;
      first('dhip', at);
      for (const d of devices) if (has(d, 'dhip')) reply(d, 'dhip', at, Buffer.from(encodeDhipPacket(buildDhipDevInfo(d.c))), from, between(cfg.delays.other));
    }),
  ];
  process.stdout.write(`${JSON.stringify({ ready: true, devices: devices.length })}\n`);
  const stop = (): void => {
    for (const s of [...sockets, ...devices.map((d) => d.socket)]) s.close();
    http.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`fleet-sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
