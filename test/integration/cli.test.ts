import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { migrations } from '../../src/db/migrations';
import { runCli, startServe } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-cli-');
afterAll(() => tmp.remove());

describe('bin/fieldkit', () => {
  it('--help lists the commands and the conventions, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/serve/);
    expect(r.stdout).toMatch(/exit 0 success, 1 failure, 2 usage error/);
    const sub = await runCli(['serve', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/--bind/);
  });

  it('usage errors exit 2 with one `fieldkit:` line', async () => {
    for (const args of [['--bogus'], ['no-such-command'], ['serve', '--port', 'abc'], ['serve', '--port', '70000']]) {
      const r = await runCli(['--data-dir', tmp.dir, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^fieldkit: /);
    }
  });

  it('--json prints one JSON document on stdout, honouring --data-dir and FIELDKIT_DATA_DIR', async () => {
    const a = await runCli(['--data-dir', `${tmp.dir}/a`, '--json', 'info']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ name: 'FieldKit', host: 'cli', dataDir: `${tmp.dir}/a`, schemaVersion: migrations.length });
    const b = await runCli(['--json', 'info'], { FIELDKIT_DATA_DIR: `${tmp.dir}/b` });
    expect(JSON.parse(b.stdout).databasePath).toBe(`${tmp.dir}/b/fieldkit.db`);
    const i = await runCli(['--data-dir', tmp.dir, '--json', 'interfaces']);
    const list = JSON.parse(i.stdout).interfaces as { name: string; kind: string }[];
    expect(list.find((x) => x.name === 'lo')?.kind).toBe('loopback');
  });

  it('fails with exit 1 and one line when the data dir cannot be used', async () => {
    const r = await runCli(['--data-dir', '/proc/fieldkit-cannot-be-here', 'info']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fieldkit: Cannot open the database at \/proc\/fieldkit-cannot-be-here/);
  });

  it('serve prints `FieldKit UI: <url with token>` on 127.0.0.1, serves RPC, and stops on SIGTERM', async () => {
    const s = await startServe(['--data-dir', `${tmp.dir}/serve`, 'serve', '--port', '0']);
    try {
      expect(s.url.hostname).toBe('127.0.0.1');
      const token = s.url.searchParams.get('token');
      expect(token).toBeTruthy();
      expect((await fetch(new URL('/', s.url))).status).toBe(401);
      const ws = new WebSocket(`ws://${s.url.host}/rpc?token=${token}`);
      await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
      const reply = new Promise<{ value: { host: string } }>((r) => ws.once('message', (d) => r(JSON.parse(String(d)))));
      ws.send(JSON.stringify({ t: 'call', id: 1, path: 'system.info', args: [] }));
      expect((await reply).value.host).toBe('browser');
      ws.close();
    } finally {
      expect(await s.stop()).toBe(0);
    }
  });
});
