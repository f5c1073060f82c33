/**
 * `npm run bench:discovery`: LAN discovery against 200 simulated devices in a namespace lab.
 *
 * Devices live as addresses in a few device namespaces (test/sim/discovery/fleet-sim.ts, one
 * process per namespace), with mixed protocols; each delays its WS-Discovery reply by a random
 * 0..500 ms (others 0..50 ms). Measured from launching the command until the live list holds
 * every device, against the physical floor (when the slowest device sent its first reply):
 *   - FieldKit `discover --watch` (live list, all protocols) and `discover --json` (one shot);
 *   - peers in the same lab: the `onvif` npm package's Discovery.probe (ONVIF devices only) and
 *     Debian's `gssdp-discover` (SSDP devices only), each skipped with a line when missing.
 * Needs root (network namespaces). Env: FK_BENCH_DEVICES (200), FK_BENCH_TRIALS (3).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLab, findTool, labSupport, type Lab } from '../../test/lab';

const N = Number(process.env.FK_BENCH_DEVICES ?? 200);
/** SSDP devices wait 0..MX s before answering, as UPnP asks (gssdp-discover sends MX 3, FieldKit MX 1). */
const HONOR_MX = process.env.FK_BENCH_SSDP_MX === '1';
const TRIALS = Number(process.env.FK_BENCH_TRIALS ?? 3);
const PER_NS = 50;
const FLEET = fileURLToPath(new URL('../../test/sim/discovery/fleet-sim.ts', import.meta.url));
const FIELDKIT = fileURLToPath(new URL('../../bin/fieldkit', import.meta.url));
const IP = findTool('ip') ?? 'ip';
const hex = (n: number, w = 2): string => n.toString(16).padStart(w, '0');

interface Spec {
  ip: string;
  mac: string;
  uuid: string;
  protocols: Array<'wsd' | 'ssdp' | 'sadp' | 'dhip'>;
}

/** Mixed fleet: every fifth device speaks SSDP only; the rest ONVIF plus SSDP, SADP, DHIP or nothing. */
function fleet(n: number): Spec[] {
  const mixes: Spec['protocols'][] = [['ssdp'], ['wsd', 'ssdp'], ['wsd', 'sadp'], ['wsd', 'dhip'], ['wsd']];
  return Array.from({ length: n }, (_, i) => {
    const host = 10 + i;
    const mac = `44:19:b6:fb:${hex(i >> 8)}:${hex(i & 255)}`;
    return { ip: `198.51.${100 + Math.floor(host / 250)}.${host % 250}`, mac, uuid: `${hex(i, 8)}-0000-4000-8000-4419b6fb${hex(i, 4)}`, protocols: mixes[i % mixes.length]! };
  });
}

function lines(child: ChildProcess, on: (line: string, at: number) => void): void {
  let buf = '';
  child.stdout?.on('data', (d: Buffer) => {
    const at = Date.now();
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      on(buf.slice(0, i), at);
      buf = buf.slice(i + 1);
    }
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Replies the fleets reported (ip → earliest send time), collected across the run. */
const replies: Array<{ ip: string; proto: string; at: number; probeAt: number }> = [];

/** When the tool's first probe reached the devices (ms after t0): launch cost, before any reply. */
function firstProbeAfter(t0: number, protos?: string[]): number | undefined {
  const ps = replies.filter((r) => r.probeAt >= t0 && (!protos || protos.includes(r.proto))).map((r) => r.probeAt);
  return ps.length ? Math.min(...ps) - t0 : undefined;
}

function floorAfter(t0: number, ips: Set<string>, protos?: string[]): number | undefined {
  const first = new Map<string, number>();
  for (const r of replies) {
    if (r.at < t0 || !ips.has(r.ip) || (protos && !protos.includes(r.proto))) continue;
    first.set(r.ip, Math.min(first.get(r.ip) ?? Infinity, r.at));
  }
  if (first.size < ips.size) return undefined;
  return Math.max(...first.values()) - t0;
}

interface Figures {
  completeMs: number | null;
  /** First probe seen by the devices, ms after launch (process start-up). */
  probeMs: number | null;
  floorMs: number | null;
  recall: number;
  of: number;
  duplicates: number;
  /** FieldKit only: when its list held every SSDP device with the SSDP badge (ms after launch). */
  ssdpMs?: number | null;
}

interface LiveDevice {
  id: string;
  ips: string[];
  protocols?: string[];
}

async function runFieldKitWatch(lab: Lab, specs: Spec[]): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fk-bench-'));
  const want = new Set(specs.map((s) => s.ip));
  const rows = new Map<string, LiveDevice>();
  const covered = (): Set<string> => new Set([...rows.values()].flatMap((r) => r.ips).filter((ip) => want.has(ip)));
  const wantSsdp = new Set(specs.filter((s) => s.protocols.includes('ssdp')).map((s) => s.ip));
  const ssdpCovered = (): number => new Set([...rows.values()].filter((r) => r.protocols?.includes('ssdp')).flatMap((r) => r.ips).filter((ip) => wantSsdp.has(ip))).size;
  let ssdpAt: number | undefined;
  const t0 = Date.now();
  const prof = process.env.FK_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.FK_BENCH_PROFILE}`] : [];
  const child = lab.spawn(lab.tech, process.execPath, [...prof, FIELDKIT, '--data-dir', dataDir, 'discover', '--watch', '--iface', lab.bridge], { stdio: ['ignore', 'pipe', 'ignore'] });
  let completeAt: number | undefined;
  let dupAtComplete = 0;
  const done = new Promise<void>((resolve) => {
    lines(child, (line, at) => {
      const ev = JSON.parse(line) as { type: string; merged?: string[]; device?: LiveDevice };
      if (ev.type !== 'device' || !ev.device) return;
      for (const id of ev.merged ?? []) rows.delete(id);
      rows.set(ev.device.id, ev.device);
      if (ssdpAt === undefined && ssdpCovered() === wantSsdp.size) ssdpAt = at;
      if (completeAt === undefined && covered().size === want.size) {
        completeAt = at;
        dupAtComplete = rows.size - want.size;
        resolve();
      }
    });
    setTimeout(resolve, 15_000);
  });
  await done;
  await sleep(1500); // late merges and duplicate replies
  child.kill('SIGINT');
  await exited(child);
  rmSync(dataDir, { recursive: true, force: true });
  const finalDup = [...rows.values()].length - covered().size;
  if (process.env.FK_BENCH_DEBUG) {
    const missing = specs.filter((s) => !covered().has(s.ip));
    console.error(`missing: ${missing.map((s) => `${s.ip}[${s.protocols.join('+')}]`).join(' ')}`);
    const byIp = new Map<string, LiveDevice[]>();
    for (const r of rows.values()) for (const ip of r.ips) byIp.set(ip, [...(byIp.get(ip) ?? []), r]);
    for (const [ip, rs] of byIp) if (rs.length > 1) console.error(`duplicate ${ip}: ${rs.map((r) => JSON.stringify(r)).join(' | ')}`);
    console.error((await lab.exec(lab.tech, 'cat', ['/proc/net/snmp'])).stdout.split('\n').filter((l) => l.startsWith('Udp:')).join('\n'));
  }
  return {
    completeMs: completeAt === undefined ? null : completeAt - t0,
    probeMs: firstProbeAfter(t0) ?? null,
    floorMs: floorAfter(t0, want) ?? null,
    recall: covered().size,
    of: want.size,
    duplicates: Math.max(dupAtComplete, finalDup),
    ssdpMs: ssdpAt === undefined ? null : ssdpAt - t0,
  };
}

async function runFieldKitOnce(lab: Lab, specs: Spec[]): Promise<{ wallMs: number; elapsedMs: number; recall: number; duplicates: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fk-bench-'));
  const t0 = Date.now();
  const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT, '--data-dir', dataDir, '--json', 'discover', '--iface', lab.bridge, '--timeout', '2'], { timeoutMs: 60_000 });
  const wallMs = Date.now() - t0;
  rmSync(dataDir, { recursive: true, force: true });
  const out = JSON.parse(r.stdout) as { devices: LiveDevice[]; elapsedMs: number };
  const want = new Set(specs.map((s) => s.ip));
  const got = new Set(out.devices.flatMap((d) => d.ips).filter((ip) => want.has(ip)));
  return { wallMs, elapsedMs: out.elapsedMs, recall: got.size, duplicates: out.devices.length - got.size };
}

async function runOnvifPeer(lab: Lab, specs: Spec[]): Promise<Figures | string> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('onvif');
  } catch {
    return 'skipped: the `onvif` npm package is not installed (add it as a devDependency: npm i -D onvif)';
  }
  const want = new Set(specs.filter((s) => s.protocols.includes('wsd')).map((s) => s.ip));
  const code = `const { Discovery } = require(${JSON.stringify(entry)});
Discovery.on('device', (cam, rinfo) => console.log(JSON.stringify({ ip: rinfo.address })));
Discovery.on('error', () => {});
Discovery.probe({ timeout: 3000, resolve: false }, () => process.exit(0));`;
  const seen = new Set<string>();
  let completeAt: number | undefined;
  const t0 = Date.now();
  const child = lab.spawn(lab.tech, process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
  lines(child, (line, at) => {
    const ip = (JSON.parse(line) as { ip: string }).ip;
    if (want.has(ip)) seen.add(ip);
    if (completeAt === undefined && seen.size === want.size) completeAt = at;
  });
  await exited(child);
  return { completeMs: completeAt === undefined ? null : completeAt - t0, probeMs: firstProbeAfter(t0, ['wsd']) ?? null, floorMs: floorAfter(t0, want, ['wsd']) ?? null, recall: seen.size, of: want.size, duplicates: 0 };
}

async function runGssdpPeer(lab: Lab, specs: Spec[]): Promise<Figures | string> {
  const bin = findTool('gssdp-discover');
  if (!bin) return 'skipped: gssdp-discover is not installed (Debian package gssdp-tools)';
  const want = new Map(specs.filter((s) => s.protocols.includes('ssdp')).map((s) => [s.uuid, s.ip]));
  const seen = new Set<string>();
  let completeAt: number | undefined;
  const t0 = Date.now();
  const child = lab.spawn(lab.tech, bin, ['-i', lab.bridge, '-n', '5'], { stdio: ['ignore', 'pipe', 'ignore'] });
  lines(child, (line, at) => {
    const m = /USN:\s*uuid:([0-9a-f-]{36})/i.exec(line);
    if (m && want.has(m[1]!.toLowerCase())) seen.add(m[1]!.toLowerCase());
    if (completeAt === undefined && seen.size === want.size) {
      completeAt = at;
      child.kill('SIGTERM');
    }
  });
  await exited(child);
  const ips = new Set(want.values());
  return { completeMs: completeAt === undefined ? null : completeAt - t0, probeMs: firstProbeAfter(t0, ['ssdp']) ?? null, floorMs: floorAfter(t0, ips, ['ssdp']) ?? null, recall: seen.size, of: want.size, duplicates: 0 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function show(name: string, runs: Array<Figures | string>): { complete: number; fromProbe: number } | undefined {
  const ok = runs.filter((r): r is Figures => typeof r !== 'string');
  if (ok.length === 0) {
    console.log(`${name}: ${runs[0] as string}`);
    return undefined;
  }
  const complete = ok.map((r) => r.completeMs ?? Infinity);
  const gaps = ok.filter((r) => r.completeMs !== null && r.floorMs !== null).map((r) => r.completeMs! - r.floorMs!);
  const fromProbe = ok.map((r) => (r.completeMs === null || r.probeMs === null ? Infinity : r.completeMs - r.probeMs));
  console.log(
    `${name}: complete list ${ok.map((r) => (r.completeMs === null ? 'never' : `${r.completeMs}`)).join(' / ')} ms after launch (median ${median(complete)});` +
      ` slowest device replied at ${ok.map((r) => r.floorMs ?? '?').join(' / ')} ms; list complete ${gaps.map((g) => `+${g}`).join(' / ')} ms after it;` +
      ` recall ${ok.map((r) => `${r.recall}/${r.of}`).join(' / ')}; duplicate rows ${ok.map((r) => r.duplicates).join(' / ')}`,
  );
  console.log(`  ${' '.repeat(name.length)}  first probe on the wire ${ok.map((r) => r.probeMs ?? '?').join(' / ')} ms after launch; complete ${fromProbe.join(' / ')} ms after its first probe (median ${median(fromProbe)})`);
  return { complete: median(complete), fromProbe: median(fromProbe) };
}

async function main(): Promise<void> {
  const support = labSupport();
  if (!support.ok) {
    console.error(`bench:discovery needs the namespace lab: ${support.reason}`);
    process.exit(1);
  }
  const specs = fleet(N);
  // Measure the installed CLI, not a rebuild of its bundle after a source edit.
  execFileSync(process.execPath, [FIELDKIT, '--version']);
  const lab = await createLab({ laptopCidrs: ['198.51.100.1/16'] });
  const fleets: ChildProcess[] = [];
  try {
    const t = Date.now();
    for (let k = 0; k * PER_NS < specs.length; k++) {
      const group = specs.slice(k * PER_NS, (k + 1) * PER_NS);
      const dev = await lab.addDevice({ name: `fleet${k}`, cidr: `${group[0]!.ip}/16`, mac: `02:fb:00:00:00:${hex(k)}` });
      const batch = join(tmpdir(), `fk-bench-${process.pid}-${k}.ip`);
      writeFileSync(batch, group.slice(1).map((s) => `addr add ${s.ip}/16 dev eth0`).join('\n') + '\n');
      await lab.exec(dev.ns, IP, ['-batch', batch]);
      rmSync(batch);
      const devices = group.map((s, i) => ({
        ip: s.ip, mac: s.mac, uuid: s.uuid, protocols: s.protocols, mask: '255.255.0.0', name: `Bench ${k * PER_NS + i}`,
        serial: `BENCH${hex(k * PER_NS + i, 6)}`, model: 'FK-BENCH-1',
      }));
      const child = lab.spawn(dev.ns, process.execPath, ['--import', 'tsx', FLEET, '--config', JSON.stringify({ primary: dev.ip, devices, ssdpHonorMx: HONOR_MX })], { stdio: ['ignore', 'pipe', 'inherit'] });
      fleets.push(child);
      await new Promise<void>((resolve, reject) => {
        child.once('exit', (c) => reject(new Error(`fleet-sim exited with ${c}`)));
        lines(child, (line) => {
          const m = JSON.parse(line) as { ready?: boolean; reply?: { ip: string; proto: string; at: number; probeAt: number } };
          if (m.ready) resolve();
          if (m.reply) replies.push(m.reply);
        });
      });
    }
    const count = (p: Spec['protocols'][number]): number => specs.filter((s) => s.protocols.includes(p)).length;
    console.log(`lab: ${specs.length} devices in ${fleets.length} namespaces (ONVIF ${count('wsd')}, SSDP ${count('ssdp')}, SADP ${count('sadp')}, DHIP ${count('dhip')}), ready in ${Date.now() - t} ms; ${TRIALS} trials each; SSDP replies ${HONOR_MX ? 'after 0..MX s (UPnP)' : 'after 0..50 ms (MX ignored)'}`);

    const fk: Figures[] = [];
    const once: Array<Awaited<ReturnType<typeof runFieldKitOnce>>> = [];
    const onvif: Array<Figures | string> = [];
    const gssdp: Array<Figures | string> = [];
    for (let i = 0; i < TRIALS; i++) {
      fk.push(await runFieldKitWatch(lab, specs));
      await sleep(2500);
      onvif.push(await runOnvifPeer(lab, specs));
      await sleep(2500);
      gssdp.push(await runGssdpPeer(lab, specs));
      await sleep(2500);
      once.push(await runFieldKitOnce(lab, specs));
      await sleep(2500);
    }
    const a = show('FieldKit discover --watch (all protocols)', fk);
    console.log(`FieldKit discover --json --timeout 2 (one shot): wall ${once.map((o) => o.wallMs).join(' / ')} ms, elapsedMs ${once.map((o) => o.elapsedMs).join(' / ')}; recall ${once.map((o) => `${o.recall}/${specs.length}`).join(' / ')}; duplicate rows ${once.map((o) => o.duplicates).join(' / ')}`);
    const b = show('onvif npm Discovery.probe (ONVIF only)', onvif);
    const c = show('gssdp-discover (SSDP only)', gssdp);
    const verdict = (x: number, y: number, ratio: number): string => (x <= y * ratio ? 'met' : 'missed');
    if (a && b) {
      console.log(`FieldKit all-protocol list vs onvif ONVIF-only list, from launch: ${a.complete} vs ${b.complete} ms (target: no later; ${verdict(a.complete, b.complete, 1)})`);
      console.log(`  from each tool's first probe: ${a.fromProbe} vs ${b.fromProbe} ms (${verdict(a.fromProbe, b.fromProbe, 1)})`);
    }
    const ssdp = fk.map((r) => r.ssdpMs ?? Infinity);
    console.log(`FieldKit's list held every SSDP device ${ssdp.join(' / ')} ms after launch (gssdp-discover's whole job)`);
    if (c) console.log(`  FieldKit's SSDP devices vs gssdp-discover, from launch: ${median(ssdp)} vs ${c.complete} ms (at most half: ${median(ssdp) <= c.complete / 2 ? 'met' : 'missed'})`);
    const g = gssdp.filter((r): r is Figures => typeof r !== 'string' && r.floorMs !== null && r.probeMs !== null && r.completeMs !== null);
    // With MX honoured the delay depends on the asker's MX (gssdp-discover sends 3, FieldKit 1): no common floor.
    if (g.length && !HONOR_MX) {
      // The devices' own reply delay, counted from the probe that reached them, bounds every tool.
      const delay = median(g.map((r) => r.floorMs! - r.probeMs!));
      const half = median(g.map((r) => r.completeMs!)) / 2;
      console.log(`  half of gssdp-discover's time is ${half.toFixed(0)} ms; the slowest SSDP device answers ${delay} ms after the probe reaches it${half < delay ? ': no tool can list them all that soon in this lab' : ''}`);
    }
    if (a && c) {
      console.log(`FieldKit all-protocol list vs gssdp-discover SSDP-only list, from launch: ${a.complete} vs ${c.complete} ms (target: at most half; ${verdict(a.complete, c.complete, 0.5)})`);
      console.log(`  from each tool's first probe: ${a.fromProbe} vs ${c.fromProbe} ms (${verdict(a.fromProbe, c.fromProbe, 0.5)})`);
    }
  } finally {
    await lab.cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:discovery: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});
