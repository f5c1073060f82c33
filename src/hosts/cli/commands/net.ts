import type { Command } from 'commander';
import { FieldKitError } from '../../../contract/errors';
import type { NetJournalEntry, SetIpResult } from '../../../contract';
import { withApi, type GlobalOptions } from '../context';
import { makeOut, table, UsageError } from '../output';

type Run = (fn: () => Promise<void>) => Promise<void>;

const describeEntry = (e: NetJournalEntry) =>
  `${String(e.id).padStart(4)}  ${e.createdAt}  ${e.state.padEnd(8)}  ${e.change.kind === 'address' ? `address ${e.change.cidr}` : `neighbour ${e.change.ip} → ${e.change.mac}`} on ${e.change.iface}  (${e.reason})`;

function credentials(o: { user?: string; password?: string }) {
  if (!o.user) throw new UsageError('--user is required');
  return { username: o.user, password: o.password ?? '' };
}

function parsePrefix(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 32) throw new UsageError(`--prefix must be 1..32, not "${v}"`);
  return n;
}

function describeFix(r: SetIpResult): string {
  const lines = r.steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'}  ${s.name.padEnd(16)} ${s.detail}`);
  lines.push(r.ok ? 'verified: the camera is at its new address' : `NOT verified${r.error ? `: ${r.error}` : ''}`);
  return lines.join('\n');
}

/** `fieldkit net ...` (laptop side) and `fieldkit device ...` (camera side). */
export function registerNetCommands(program: Command, run: Run): void {
  const g = () => program.opts<GlobalOptions>();
  const out = () => makeOut(!!g().json);
  const net = program.command('net').description('ARP sweeps, address probes, laptop aliases and their undo journal');

  net
    .command('interfaces')
    .description('laptop network interfaces (same as `fieldkit interfaces`)')
    .action(() =>
      run(() =>
        withApi(g(), async (api) => {
          const list = await api.system.interfaces();
          out().result({ interfaces: list }, () => table([['NAME', 'KIND', 'STATE', 'ADDRESSES'], ...list.map((i) => [i.name, i.kind, i.up ? 'up' : 'down', i.addresses.map((a) => a.cidr).join(' ') || '-'])]));
        }),
      ),
    );

  net
    .command('scan <cidr>')
    .description('ARP sweep: every address of CIDR with every MAC that answers (several MACs = conflict)')
    .option('--iface <name>', 'interface to sweep on (default: the one holding CIDR)')
    .action((cidr: string, o: { iface?: string }) =>
      run(() =>
        withApi(g(), async (api) => {
          process.stderr.write(`fieldkit: sweeping ${cidr}...\n`);
          const r = await api.net.scan({ cidr, ...(o.iface ? { iface: o.iface } : {}) });
          out().result({ hosts: r.hosts, conflicts: r.conflicts, elapsedMs: r.elapsedMs }, () =>
            [
              ...r.hosts.map((h) => `${h.ip.padEnd(15)}  ${h.macs.join(' ')}${h.macs.length > 1 ? '  CONFLICT' : ''}`),
              `${r.hosts.length} hosts, ${r.conflicts.length} conflicts on ${r.iface} in ${r.elapsedMs} ms`,
            ].join('\n'),
          );
        }),
      ),
    );

  net
    .command('probe <ip>')
    .description('RFC 5227 probe: is IP free to use?')
    .option('--iface <name>', 'interface to probe on')
    .action((ip: string, o: { iface?: string }) =>
      run(() =>
        withApi(g(), async (api) => {
          const r = await api.net.probe({ ip, ...(o.iface ? { iface: o.iface } : {}) });
          out().result({ ip: r.ip, free: r.free, macs: r.macs }, () => (r.free ? `${ip} is free` : `${ip} is in use by ${r.macs.join(', ')}`));
        }),
      ),
    );

  const alias = net.command('alias').description('add or remove an address on a laptop NIC (journaled)');
  for (const verb of ['add', 'remove'] as const) {
    alias
      .command(`${verb} <cidr>`)
      .description(verb === 'add' ? 'add IP/PREFIX to --iface' : 'remove IP/PREFIX from --iface')
      .requiredOption('--iface <name>', 'laptop interface')
      .action((cidr: string, o: { iface: string }) =>
        run(() =>
          withApi(g(), async (api) => {
            const r = verb === 'add' ? await api.net.aliasAdd({ cidr, iface: o.iface }) : await api.net.aliasRemove({ cidr, iface: o.iface });
            out().result(r, () => `${verb === 'add' ? 'added' : 'removed'} ${cidr} ${verb === 'add' ? 'to' : 'from'} ${o.iface}`);
          }),
        ),
      );
  }

  net
    .command('journal')
    .description('laptop changes FieldKit made, newest first')
    .option('--revert', 'revert every change still in place')
    .action((o: { revert?: boolean }) =>
      run(() =>
        withApi(g(), async (api) => {
          if (o.revert) {
            const r = await api.net.journalRevert();
            out().result(r, () => [`reverted ${r.reverted.length}`, ...r.failed.map((f) => `FAILED ${describeEntry(f.entry)}: ${f.error}`)].join('\n'));
            if (r.failed.length) throw new FieldKitError('failed', `${r.failed.length} change(s) could not be reverted.`);
          } else {
            const r = await api.net.journal();
            out().result(r, () => (r.entries.length ? r.entries.map(describeEntry).join('\n') : 'The journal is empty.'));
          }
        }),
      ),
    );

  const device = program.command('device').description('read and change a camera over ONVIF');
  // Interrupted, these commands undo their temporary laptop alias and MAC pin before exiting. A camera
  // whose address change was already sent keeps it: `device info` at the new address tells.
  const INTERRUPTED = { message: 'interrupted; temporary laptop changes undone' };
  const target = (c: Command) =>
    c
      .option('--xaddr <url>', 'device service URL (from discovery)')
      .option('--ip <ip>', 'device address')
      .option('--mac <mac>', 'which device, when several share the address')
      .option('--prefix <n>', "the device's current prefix length (default 24)")
      .option('--iface <name>', 'laptop interface to reach it on')
      .option('--user <name>', 'device user name')
      .option('--password <password>', 'device password');

  target(device.command('info').description("identity and network settings of a camera")).action(
    (o: { xaddr?: string; ip?: string; mac?: string; prefix?: string; iface?: string; user?: string; password?: string }) =>
      run(() =>
        withApi(g(), async (api) => {
          if (!o.xaddr && !o.ip) throw new UsageError('give --xaddr URL or --ip IP');
          const prefix = parsePrefix(o.prefix);
          const r = await api.net.deviceInfo({
            credentials: credentials(o),
            ...(o.ip ? { ip: o.ip } : {}),
            ...(o.xaddr ? { xaddr: o.xaddr } : {}),
            ...(o.mac ? { mac: o.mac } : {}),
            ...(o.iface ? { iface: o.iface } : {}),
            ...(prefix ? { prefix } : {}),
          });
          out().result(r, () =>
            [`${r.manufacturer} ${r.model} (serial ${r.serial}, firmware ${r.firmware})`, `MAC ${r.mac ?? '?'}, ${r.dhcp ? 'DHCP' : 'static'} ${r.ip}/${r.prefix}, gateway ${r.gateway.join(', ') || '-'}`, `clock offset ${Math.round(r.clockOffsetMs / 1000)} s`].join('\n'),
          );
        }, INTERRUPTED),
      ),
  );

  target(device.command('set-ip').description('change a camera address, verified; laptop alias and MAC pin are automatic'))
    .requiredOption('--new <cidr>', 'new address with prefix, e.g. 198.51.100.20/24')
    .option('--gateway <ip>', 'new default gateway')
    .option('--verify-timeout <seconds>', 'how long to wait for the camera at its new address', '20')
    .action((o: { xaddr?: string; ip?: string; mac?: string; prefix?: string; iface?: string; user?: string; password?: string; new: string; gateway?: string; verifyTimeout: string }) =>
      run(() =>
        withApi(g(), async (api, on) => {
          on('net.fixStep', (s) => process.stderr.write(`fieldkit: ${s.ok ? 'ok  ' : 'FAIL'} ${s.name}: ${s.detail}\n`));
          const ip = o.ip ?? (o.xaddr ? new URL(o.xaddr).hostname : undefined);
          if (!ip) throw new UsageError('give --ip IP or --xaddr URL');
          const prefix = parsePrefix(o.prefix);
          const verifySeconds = Number(o.verifyTimeout);
          if (!Number.isFinite(verifySeconds) || verifySeconds < 1 || verifySeconds > 300) throw new UsageError('--verify-timeout must be 1..300 seconds');
          const r = await api.net.setIp({
            verifyTimeoutMs: Math.round(verifySeconds * 1000),
            ip,
            credentials: credentials(o),
            newCidr: o.new,
            ...(o.xaddr ? { xaddr: o.xaddr } : {}),
            ...(o.mac ? { mac: o.mac } : {}),
            ...(o.iface ? { iface: o.iface } : {}),
            ...(o.gateway ? { gateway: o.gateway } : {}),
            ...(prefix ? { prefix } : {}),
          });
          out().result(r, () => describeFix(r));
          if (!r.ok) throw new FieldKitError('failed', r.error ?? 'the change was not verified (see the steps)');
        }, INTERRUPTED),
      ),
    );
}
