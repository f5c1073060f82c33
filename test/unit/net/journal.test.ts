import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../src/contract/errors';
import { migrate } from '../../../src/db/migrate';
import { ChangeSet, LaptopJournal } from '../../../src/net/journal';
import type { NetConfig } from '../../../src/platform/netconfig';

/** A NetConfig that records what the laptop carries, and can be told to fail. */
function fakeNet() {
  const state = new Set<string>();
  const calls: string[] = [];
  const fail = new Set<string>();
  const net: NetConfig = {
    async addAddress(i, c) {
      calls.push(`add ${c}`);
      if (fail.has('add')) throw new FieldKitError('permission_denied', 'nope');
      state.add(`${i} ${c}`);
    },
    async removeAddress(i, c) {
      calls.push(`del ${c}`);
      if (fail.has('del')) throw new FieldKitError('failed', 'busy');
      if (!state.delete(`${i} ${c}`)) throw new FieldKitError('not_found', 'gone');
    },
    async pinNeighbour(i, ip, mac) {
      calls.push(`pin ${ip}`);
      state.add(`${i} ${ip} ${mac}`);
    },
    async unpinNeighbour(i, ip) {
      calls.push(`unpin ${ip}`);
      for (const s of state) if (s.startsWith(`${i} ${ip} `)) state.delete(s);
    },
    arpRequest: async () => [],
    probe: async () => ({ free: true, macs: [] }),
  };
  return { net, state, calls, fail };
}

function journal(pid = 100, alive: (p: number) => boolean = () => false) {
  const db = new Database(':memory:');
  migrate(db);
  const f = fakeNet();
  return { ...f, db, j: new LaptopJournal(db, f.net, { now: () => 0 }, pid, alive) };
}

describe('LaptopJournal', () => {
  it('writes the row before the change and marks it applied after', async () => {
    const { j, state } = journal();
    const id = await j.apply({ kind: 'address', iface: 'br0', cidr: '10.0.0.2/24' }, 'test');
    expect(state.has('br0 10.0.0.2/24')).toBe(true);
    expect(j.list()[0]).toMatchObject({ id, state: 'applied', autoRevert: true });
  });

  it('keeps a failed change as failed, with the error', async () => {
    const { j, fail } = journal();
    fail.add('add');
    await expect(j.apply({ kind: 'address', iface: 'br0', cidr: '10.0.0.2/24' }, 'test')).rejects.toMatchObject({ code: 'permission_denied' });
    expect(j.list()[0]).toMatchObject({ state: 'failed', error: 'nope' });
    expect(j.outstanding()).toEqual([]);
  });

  it('a change set reverts newest first and reports failures without stopping', async () => {
    const { j, calls, state, fail } = journal();
    const set = new ChangeSet(j, 'fix');
    await set.apply({ kind: 'address', iface: 'br0', cidr: '10.0.0.2/24' });
    await set.apply({ kind: 'neighbour', iface: 'br0', ip: '10.0.0.9', mac: '02:00:00:00:00:09' });
    fail.add('del');
    const errors = await set.revertAll();
    expect(calls.slice(-2)).toEqual(['unpin 10.0.0.9', 'del 10.0.0.2/24']);
    expect(errors).toEqual(['busy']);
    expect(state.size).toBe(1);
    expect(j.outstanding().map((e) => e.change.kind)).toEqual(['address']);
  });

  it('counts a change already gone as reverted', async () => {
    const { j, state } = journal();
    const id = await j.apply({ kind: 'address', iface: 'br0', cidr: '10.0.0.2/24' }, 'test');
    state.clear();
    expect((await j.revert(id)).state).toBe('reverted');
  });

  it('after a crash, reverts only automatic changes of dead processes', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const f = fakeNet();
    const crashed = new LaptopJournal(db, f.net, { now: () => 0 }, 111);
    await crashed.apply({ kind: 'address', iface: 'br0', cidr: '10.0.0.2/24' }, 'fix');
    await crashed.apply({ kind: 'address', iface: 'br0', cidr: '10.0.0.3/24' }, 'manual', false);
    const running = new LaptopJournal(db, f.net, { now: () => 0 }, 222);
    await running.apply({ kind: 'address', iface: 'br0', cidr: '10.0.0.4/24' }, 'other fix');
    const next = new LaptopJournal(db, f.net, { now: () => 0 }, 333, (pid) => pid === 222);
    const r = await next.revertOutstanding('orphaned');
    expect(r.reverted.map((e) => e.change.kind === 'address' && e.change.cidr)).toEqual(['10.0.0.2/24']);
    expect([...f.state].sort()).toEqual(['br0 10.0.0.3/24', 'br0 10.0.0.4/24']);
  });

  it('on close, undoes only its own temporary changes: not manual ones, not another live process\'s', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const f = fakeNet();
    const me = new LaptopJournal(db, f.net, { now: () => 0 }, 500);
    await me.apply({ kind: 'address', iface: 'br0', cidr: '10.0.0.2/24' }, 'reach camera');
    await me.apply({ kind: 'neighbour', iface: 'br0', ip: '10.0.0.64', mac: '44:19:b6:00:00:01' }, 'reach camera');
    await me.apply({ kind: 'address', iface: 'br0', cidr: '10.0.0.3/24' }, 'net alias add', false);
    const other = new LaptopJournal(db, f.net, { now: () => 0 }, 600);
    await other.apply({ kind: 'address', iface: 'br0', cidr: '10.0.0.4/24' }, 'its own fix');
    const r = await me.revertOutstanding('own-temporary');
    expect(r.reverted.map((e) => e.change.kind)).toEqual(['neighbour', 'address']);
    expect([...f.state].sort()).toEqual(['br0 10.0.0.3/24', 'br0 10.0.0.4/24']);
  });
});
