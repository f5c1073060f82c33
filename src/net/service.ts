import type Database from 'better-sqlite3';
import type { Handlers } from '../contract';
import { FieldKitError } from '../contract/errors';
import type { RpcServer } from '../rpc/server';
import { OnvifDevice, type OnvifCredentials } from '../onvif/device';
import { cidrArg } from '../platform/net-args';
import type { NetConfig } from '../platform/netconfig';
import type { BasePorts } from '../platform/ports';
import { chooseIface } from './choose-iface';
import { ChangeSet, LaptopJournal } from './journal';
import { ensureReachable } from './reach';
import { setDeviceIp } from './set-ip';
import { arpSweep } from './sweep';

export interface NetServiceDeps {
  db: Database.Database;
  ports: BasePorts;
  net: NetConfig;
  emit: RpcServer['emit'];
  onvif?: (xaddr: string, credentials: OnvifCredentials) => OnvifDevice;
}

export interface NetService {
  handlers: Handlers['net'];
  journal: LaptopJournal;
  /** Reverts changes left by a FieldKit that crashed or was killed; run once at start. */
  revertOrphans(): Promise<void>;
  /**
   * Undoes this process's temporary laptop changes still in place: an alias or MAC pin of a camera
   * operation that a quit or Ctrl+C cut short would otherwise stay on the NIC until the next start.
   */
  close(): Promise<void>;
}

export function createNetService(deps: NetServiceDeps): NetService {
  const { ports, net } = deps;
  const journal = new LaptopJournal(deps.db, net, ports.clock);
  const onvif = deps.onvif ?? ((xaddr, credentials) => new OnvifDevice({ xaddr, credentials, now: () => ports.clock.now() }));
  const announce = () => deps.emit('net.journal', { outstanding: journal.outstanding().length });
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  const handlers: Handlers['net'] = {
    async scan({ cidr, iface, concurrency }) {
      const c = cidrArg(cidr);
      const nic = await chooseIface(ports.network, iface, c.ip);
      const r = await arpSweep(net, nic, c.cidr, {
        ...(concurrency ? { concurrency } : {}),
        onProgress: (done, total, found) => {
          if (done % 16 === 0 || done === total) deps.emit('net.scanProgress', { cidr: c.cidr, done, total, found });
        },
      });
      return { ...r, iface: nic };
    },
    async probe({ ip, iface }) {
      const nic = await chooseIface(ports.network, iface, ip);
      return { ip, iface: nic, ...(await net.probe(nic, ip)) };
    },
    async aliasAdd({ cidr, iface }) {
      const id = await journal.apply({ kind: 'address', iface, cidr: cidrArg(cidr).cidr }, 'added by the technician', false);
      announce();
      return journal.list(1000).find((e) => e.id === id)!;
    },
    async aliasRemove({ cidr, iface }) {
      const c = cidrArg(cidr).cidr;
      const open = journal.outstanding().find((e) => e.change.kind === 'address' && e.change.cidr === c && e.change.iface === iface);
      if (open) await journal.revert(open.id);
      else await net.removeAddress(iface, c);
      announce();
      return { removed: true };
    },
    journal: (opts) => ({ entries: journal.list(opts?.limit ?? 200), outstanding: journal.outstanding().length }),
    async journalRevert() {
      const r = await journal.revertOutstanding('all');
      announce();
      return r;
    },
    async deviceInfo({ ip, xaddr, mac, iface, prefix, credentials }) {
      if (!ip && !xaddr) throw new FieldKitError('invalid_input', 'Give the device address (--ip) or its service URL (--xaddr).');
      const host = ip ?? new URL(xaddr!).hostname;
      const url = xaddr ?? `http://${host}/onvif/device_service`;
      const changes = new ChangeSet(journal, `read ${host}`);
      try {
        if (ip) {
          const nic = await chooseIface(ports.network, iface, ip).catch(() => iface);
          if (nic) {
            await ensureReachable({ net, info: ports.network }, changes, nic, ip, prefix ?? 24);
            const macs = (await net.arpRequest(nic, ip)).map((r) => r.mac);
            if (macs.length > 1) {
              if (!mac) throw new FieldKitError('conflict', `${macs.length} devices answer for ${ip} (${macs.join(', ')}): say which with --mac.`);
              await changes.apply({ kind: 'neighbour', iface: nic, ip, mac: mac.toLowerCase().replace(/-/g, ':') });
            }
          }
        }
        const dev = onvif(url, credentials);
        await dev.syncClock();
        const info = await dev.getDeviceInformation();
        const nics = await dev.getNetworkInterfaces();
        const gateway = await dev.getDefaultGateway().catch(() => [] as string[]);
        const want = mac?.toLowerCase().replace(/-/g, ':');
        const nicInfo = nics.find((n) => want && n.mac === want) ?? nics.find((n) => n.enabled && n.ipv4) ?? nics[0];
        const addr = nicInfo?.ipv4?.dhcp ? nicInfo.ipv4.fromDhcp : (nicInfo?.ipv4?.manual[0] ?? null);
        return {
          ip: addr?.address ?? null,
          prefix: addr?.prefix ?? null,
          dhcp: nicInfo?.ipv4?.dhcp ?? null,
          gateway,
          mac: nicInfo?.mac ?? null,
          manufacturer: info.manufacturer,
          model: info.model,
          serial: info.serialNumber,
          firmware: info.firmwareVersion,
          clockOffsetMs: dev.clockOffsetMs,
          xaddr: url,
        };
      } finally {
        await changes.revertAll();
        if (changes.size === 0) announce();
      }
    },
    async setIp(req) {
      const nic = await chooseIface(ports.network, req.iface, req.ip).catch(async (err) => {
        if (req.iface) throw err;
        // An off-subnet camera has no holder interface: fall back to the only physical NIC.
        return chooseIface(ports.network, undefined);
      });
      const result = await setDeviceIp(
        {
          net,
          info: ports.network,
          journal,
          onvif,
          now: () => ports.clock.now(),
          sleep,
          onStep: (s) => deps.emit('net.fixStep', { ...s, ip: req.ip }),
        },
        { ...req, iface: nic },
      );
      announce();
      return result;
    },
  };

  return {
    handlers,
    journal,
    async revertOrphans() {
      const r = await journal.revertOutstanding('orphaned');
      for (const e of r.reverted) ports.logger.warn(`reverted a laptop change left by an earlier FieldKit: ${e.change.kind} on ${e.change.iface}`, { reason: e.reason });
      for (const f of r.failed) ports.logger.error(`could not revert a laptop change left by an earlier FieldKit: ${f.error}`);
      if (r.reverted.length || r.failed.length) announce();
    },
    async close() {
      const r = await journal.revertOutstanding('own-temporary');
      for (const e of r.reverted) ports.logger.info(`undid a temporary laptop change on close: ${e.change.kind} on ${e.change.iface}`, { reason: e.reason });
      for (const f of r.failed) ports.logger.error(`could not undo a temporary laptop change on close: ${f.error}`);
    },
  };
}
