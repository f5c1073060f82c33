/**
 * Network benchmark (`npm run bench:network`), in the namespace lab:
 * 1. ARP sweep of a /24 holding 50 live hosts: `fieldkit net scan` against
 *    Debian's `arp-scan` on the same lab, in the same run, wall time of each
 *    command and the hosts each found (target: the same hosts, ≤ 1.0× its time).
 * 2. The off-subnet fix loop (temporary alias, set IP, verify, remove alias)
 *    with a camera that applies the change 1 s after answering (target ≤ 5 s).
 * Each command runs once untimed first (the CLI rebuilds its bundle after a source change).
 * Needs root, iproute2, arping and arp-scan; FieldKit sweeps from a raw socket (native/arp-raw)
 * when it is built, else with arping per address: the output says which.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createLab } from '../../test/lab/netns';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/fieldkit', import.meta.url));
const SIM = fileURLToPath(new URL('../../test/sim/onvif/sim-cli.ts', import.meta.url));
const LIVE = Number(process.env.NET_BENCH_HOSTS ?? 50);
const ROUNDS = Number(process.env.NET_BENCH_ROUNDS ?? 5);
const ADDON = fileURLToPath(new URL('../../native/arp-raw', import.meta.url));
const DATA = `/tmp/fk-bench-net-${process.pid}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

const lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
try {
  console.log(`lab: adding ${LIVE} hosts to 198.51.100.0/24...`);
  const expected = new Set<string>();
  for (let i = 0; i < LIVE; i++) {
    const ip = `198.51.100.${10 + i * 4}`;
    await lab.addDevice({ cidr: `${ip}/24` });
    expected.add(ip);
  }
  const inTech = (cmd: string, args: string[]) => run('ip', ['netns', 'exec', lab.tech, cmd, ...args], { maxBuffer: 8 << 20 });

  const fk: number[] = [];
  const as: number[] = [];
  let fkFound = new Set<string>();
  let asFound = new Set<string>();
  const raw = await inTech(process.execPath, ['-e', `require(${JSON.stringify(ADDON)}).open('br0', () => {}).close()`]).then(
    () => 'raw socket (native/arp-raw)',
    (e: Error) => `arping per address (raw socket unavailable: ${e.message.split('\n').find((l) => /Error|Cannot/.test(l)) ?? e.message})`,
  );
  for (let r = -1; r < ROUNDS; r++) {
    // Alternate who goes first so neighbour caches and load favour neither.
    const runFk = async () => {
      const t = await timed(() => inTech(process.execPath, [BIN, '--data-dir', DATA, '--json', 'net', 'scan', '198.51.100.0/24', '--iface', 'br0']));
      if (r >= 0) fk.push(t.ms);
      fkFound = new Set((JSON.parse(t.value.stdout).hosts as { ip: string }[]).map((h) => h.ip));
    };
    const runAs = async () => {
      const t = await timed(() => inTech('arp-scan', ['-q', '-x', '-I', 'br0', '198.51.100.0/24']));
      if (r >= 0) as.push(t.ms);
      asFound = new Set(t.value.stdout.split('\n').map((l) => l.split('\t')[0]!).filter((x) => /^\d/.test(x)));
    };
    if (r % 2) {
      await runAs();
      await runFk();
    } else {
      await runFk();
      await runAs();
    }
  }
  const same = fkFound.size === asFound.size && [...fkFound].every((x) => asFound.has(x));
  const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log('\nARP sweep of a /24 with', LIVE, 'live hosts (wall time per command, median of', ROUNDS, 'runs after one untimed)');
  console.log(`  fieldkit sweeps by: ${raw}`);
  console.log(`  fieldkit net scan : ${median(fk).toFixed(0)} ms, found ${fkFound.size}/${expected.size} (runs: ${runs(fk)})`);
  console.log(`  arp-scan          : ${median(as).toFixed(0)} ms, found ${asFound.size}/${expected.size} (runs: ${runs(as)})`);
  console.log(`  ratio             : ${(median(fk) / median(as)).toFixed(2)}x arp-scan; same hosts: ${same ? 'yes' : 'NO'}`);
  console.log(`  load average      : ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

  const cam = await lab.addDevice({ name: 'cam', cidr: '192.168.1.64/24', mac: '02:00:00:00:be:01' });
  const sim = lab.spawn(cam.ns, process.execPath, ['--import', 'tsx', SIM, JSON.stringify({ applyDelayMs: 1000, state: { address: '192.168.1.64', prefix: 24, mac: '02:00:00:00:be:01' } })]);
  await new Promise<void>((resolve) => sim.stdout!.on('data', (d) => String(d).includes('ready') && resolve()));
  const fix = await timed(() =>
    inTech(process.execPath, [BIN, '--data-dir', DATA, '--json', 'device', 'set-ip', '--ip', '192.168.1.64', '--user', 'admin', '--password', 'Passw0rd!', '--new', '198.51.100.250/24', '--iface', 'br0']),
  );
  const result = JSON.parse(fix.value.stdout) as { ok: boolean; steps: { name: string; at: string }[] };
  const steps = result.steps;
  const span = Date.parse(steps.at(-1)!.at) - Date.parse(steps[0]!.at);
  console.log('\nOff-subnet fix loop (camera applies 1 s after answering)');
  console.log(`  verified: ${result.ok}; alias → cleanup: ${span} ms; whole command incl. start-up: ${fix.ms.toFixed(0)} ms (target ≤ 5000)`);
} finally {
  await lab.cleanup();
  await run('rm', ['-rf', DATA]);
}
