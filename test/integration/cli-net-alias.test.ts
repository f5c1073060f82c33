// bin/fieldkit net alias add / remove and net journal, end to end: the CLI runs inside a lab
// namespace and changes only a veth pair this test created there, never a NIC of the root namespace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, requireLabOrSkip, type Lab } from '../lab';
import { FIELDKIT_BIN } from '../support/cli';
import { tempDir } from '../support/tmp';

const IFACE = 'fkalias0';

interface Entry {
  id: number;
  change: { kind: string; iface: string; cidr: string };
  reason: string;
  state: string;
  error: string | null;
  autoRevert: boolean;
}

describe.skipIf(requireLabOrSkip())('fieldkit net alias and net journal (CLI in a namespace)', () => {
  let lab: Lab;
  const tmp = tempDir('fk-cli-alias-');

  async function fk(args: string[], json = true) {
    const r = await lab.exec(lab.tech, process.execPath, [FIELDKIT_BIN, '--data-dir', tmp.dir, ...(json ? ['--json'] : []), ...args], { reject: false, timeoutMs: 60_000 });
    return { code: r.code, stdout: r.stdout, json: json && r.stdout.trim() ? JSON.parse(r.stdout) : null, stderr: r.stderr };
  }
  const addrs = async () => (await lab.exec(lab.tech, 'ip', ['-4', '-o', 'addr', 'show', 'dev', IFACE])).stdout;
  const journal = async () => (await fk(['net', 'journal'])).json as { entries: Entry[]; outstanding: number };

  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
    // Both ends stay inside the lab namespace; deleting the namespace deletes them.
    await lab.exec(lab.tech, 'ip', ['link', 'add', IFACE, 'type', 'veth', 'peer', 'name', 'fkalias1']);
    await lab.exec(lab.tech, 'ip', ['link', 'set', IFACE, 'up']);
    await lab.exec(lab.tech, 'ip', ['link', 'set', 'fkalias1', 'up']);
  });
  afterAll(async () => {
    await lab?.cleanup();
    tmp.remove();
  });

  it('starts with an empty journal and no IPv4 address on the interface', async () => {
    expect(await journal()).toEqual({ entries: [], outstanding: 0 });
    expect((await fk(['net', 'journal'], false)).stdout.trim()).toBe('The journal is empty.');
    expect(await addrs()).toBe('');
  });

  it('add puts the address on the interface and journals it as applied, kept until asked', async () => {
    const r = await fk(['net', 'alias', 'add', '10.77.0.1/24', '--iface', IFACE]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ id: 1, change: { kind: 'address', iface: IFACE, cidr: '10.77.0.1/24' }, state: 'applied', error: null, autoRevert: false });
    expect(await addrs()).toMatch(new RegExp(`${IFACE}\\s+inet 10\\.77\\.0\\.1/24 `));
    // Every CLI run is a new FieldKit start: a manual alias is not reverted by it.
    const j = await journal();
    expect(j.outstanding).toBe(1);
    expect(j.entries.map((e) => [e.id, e.state, e.change.cidr, e.change.iface])).toEqual([[1, 'applied', '10.77.0.1/24', IFACE]]);
    const human = await fk(['net', 'journal'], false);
    expect(human.stdout).toMatch(new RegExp(`^\\s+1  \\S+Z  applied \\s+address 10\\.77\\.0\\.1/24 on ${IFACE}  \\(added by the technician\\)$`, 'm'));
  });

  it('remove takes it off the interface and marks the journal entry reverted: nothing pending', async () => {
    const r = await fk(['net', 'alias', 'remove', '10.77.0.1/24', '--iface', IFACE]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toEqual({ removed: true });
    expect(await addrs()).not.toContain('10.77.0.1');
    const j = await journal();
    expect(j.outstanding).toBe(0);
    expect(j.entries.map((e) => [e.id, e.state, e.change.cidr])).toEqual([[1, 'reverted', '10.77.0.1/24']]);
    expect((await fk(['net', 'journal', '--revert'])).json).toEqual({ reverted: [], failed: [] });
  });

  it('removing an address that is not there fails with one line and exit 1; adding one twice too', async () => {
    const gone = await fk(['net', 'alias', 'remove', '10.77.0.1/24', '--iface', IFACE]);
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim().split('\n')).toEqual([`fieldkit: Removing 10.77.0.1/24 from ${IFACE}: not present (Error: ipv4: Address not found.).`]);

    expect((await fk(['net', 'alias', 'add', '10.77.0.9/24', '--iface', IFACE])).code).toBe(0);
    const twice = await fk(['net', 'alias', 'add', '10.77.0.9/24', '--iface', IFACE]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^fieldkit: Adding 10\.77\.0\.9\/24 to fkalias0: already present/);
    // The failed attempt is journaled as failed and not pending; the first one still is.
    const j = await journal();
    expect(j.entries.slice(0, 2).map((e) => [e.state, e.change.cidr])).toEqual([['failed', '10.77.0.9/24'], ['applied', '10.77.0.9/24']]);
    expect(j.outstanding).toBe(1);
    expect((await fk(['net', 'alias', 'remove', '10.77.0.9/24', '--iface', IFACE])).code).toBe(0);
    expect(await addrs()).toBe('');
    expect((await journal()).outstanding).toBe(0);
  });

  it('remove also takes off an address FieldKit did not add, without journaling it', async () => {
    await lab.exec(lab.tech, 'ip', ['addr', 'add', '10.78.0.1/24', 'dev', IFACE]);
    const before = (await journal()).entries.length;
    const r = await fk(['net', 'alias', 'remove', '10.78.0.1/24', '--iface', IFACE]);
    expect(r.code, r.stderr).toBe(0);
    expect(await addrs()).toBe('');
    const j = await journal();
    expect([j.entries.length, j.outstanding]).toEqual([before, 0]);
  });

  it('refuses bad arguments with exit 2 before changing anything', async () => {
    for (const args of [['net', 'alias', 'add', '10.77.0.1', '--iface', IFACE], ['net', 'alias', 'add', '10.77.0.1/33', '--iface', IFACE], ['net', 'alias', 'add', '10.77.0.1/24']]) {
      const r = await fk(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^fieldkit: /);
    }
    expect(await addrs()).toBe('');
  });
});
