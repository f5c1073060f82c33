import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../src/contract/errors';
import { migrate } from '../../../src/db/migrate';
import { ChangeSet, LaptopJournal } from '../../../src/net/journal';
import { ensureReachable } from '../../../src/net/reach';
import type { NetConfig } from '../../../src/platform/netconfig';
import type { NetworkInfo } from '../../../src/platform/ports';

function setup() {
  const db = new Database(':memory:');
  migrate(db);
  const addrs = new Set<string>(['198.51.100.1/24']);
  const calls: string[] = [];
  const net: NetConfig = {
    addAddress: async (_i, c) => { calls.push(`add ${c}`); addrs.add(c); },
    removeAddress: async (_i, c) => { calls.push(`del ${c}`); if (!addrs.delete(c)) throw new FieldKitError('not_found', 'gone'); },
    pinNeighbour: async () => undefined,
    unpinNeighbour: async () => undefined,
    arpRequest: async () => [],
    probe: async () => ({ free: true, macs: [] }),
  };
  const info = { listInterfaces: async () => [{ name: 'br0', addresses: [...addrs].map((c) => ({ family: 'IPv4', address: c.split('/')[0], prefix: Number(c.split('/')[1]) })) }] } as unknown as NetworkInfo;
  const alive = new Set([1, 2]);
  const j = (pid: number) => new LaptopJournal(db, net, { now: () => 0 }, pid, (p) => alive.has(p));
  return { db, addrs, calls, net, info, alive, j };
}

/** A temporary alias two operations use at once: the last one still using it removes it, crash recovery included. */
describe('shared temporary alias', () => {
  it('live sharing: first owner done first leaves it, last removes', async () => {
    const s = setup();
    const b = new ChangeSet(s.j(1), 'b');
    const a = new ChangeSet(s.j(2), 'a');
    expect(await ensureReachable(s, b, 'br0', '192.168.2.65', 24)).toEqual({ alias: '192.168.2.254/24' });
    expect(await ensureReachable(s, a, 'br0', '192.168.2.64', 24)).toEqual({ alias: null, shared: '192.168.2.254/24' });
    // A again (new address in same subnet): its own row now
    expect(await ensureReachable(s, a, 'br0', '192.168.2.70', 24)).toEqual({ alias: null });
    expect(await b.revertAll()).toEqual([]);
    expect(s.addrs.has('192.168.2.254/24')).toBe(true);
    expect(await a.revertAll()).toEqual([]);
    expect(s.addrs.has('192.168.2.254/24')).toBe(false);
    expect(s.j(3).outstanding()).toEqual([]);
    // permanent address: no share
    const c = new ChangeSet(s.j(1), 'c');
    expect(await ensureReachable(s, c, 'br0', '198.51.100.9', 24)).toEqual({ alias: null });
    expect(c.size).toBe(0);
  });

  it('borrower done first: owner still removes', async () => {
    const s = setup();
    const b = new ChangeSet(s.j(1), 'b');
    const a = new ChangeSet(s.j(2), 'a');
    await ensureReachable(s, b, 'br0', '192.168.2.65', 24);
    await ensureReachable(s, a, 'br0', '192.168.2.64', 24);
    await a.revertAll();
    expect(s.addrs.has('192.168.2.254/24')).toBe(true);
    await b.revertAll();
    expect(s.addrs.has('192.168.2.254/24')).toBe(false);
  });

  it('crash: both dead -> orphan revert cleans; dead owner + live borrower -> kept then removed by borrower', async () => {
    const s = setup();
    await ensureReachable(s, new ChangeSet(s.j(1), 'b'), 'br0', '192.168.2.65', 24);
    await ensureReachable(s, new ChangeSet(s.j(2), 'a'), 'br0', '192.168.2.64', 24);
    s.alive.clear();
    const r = await s.j(9).revertOutstanding('orphaned');
    expect(r.failed).toEqual([]);
    expect(r.reverted).toHaveLength(2);
    expect(s.addrs.has('192.168.2.254/24')).toBe(false);

    s.alive.add(2);
    await ensureReachable(s, new ChangeSet(s.j(1), 'b'), 'br0', '192.168.2.65', 24);
    const a = new ChangeSet(s.j(2), 'a');
    await ensureReachable(s, a, 'br0', '192.168.2.64', 24);
    await s.j(9).revertOutstanding('orphaned');
    expect(s.addrs.has('192.168.2.254/24')).toBe(true);
    await a.revertAll();
    expect(s.addrs.has('192.168.2.254/24')).toBe(false);
    expect(s.j(9).outstanding()).toEqual([]);
  });

  it('an alias being removed is not shared; own added beside it', async () => {
    const s = setup();
    await ensureReachable(s, new ChangeSet(s.j(1), 'b'), 'br0', '192.168.2.65', 24);
    s.db.prepare("UPDATE net_journal SET state='pending'").run();
    const a = new ChangeSet(s.j(2), 'a');
    expect(await ensureReachable(s, a, 'br0', '192.168.2.64', 24)).toEqual({ alias: '192.168.2.253/24' });
  });
});
