import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProbe, parseWsdMessage } from '../../src/discovery/protocols/wsdiscovery';
import { loopbackClient, type LoopbackClient } from './sim-discovery-client';

const SIM = fileURLToPath(new URL('../sim/discovery/camera-sim.ts', import.meta.url));
let child: ChildProcess | undefined;
let client: LoopbackClient | undefined;
afterEach(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await client?.close();
  child = undefined;
  client = undefined;
});

function startSim(config: object): Promise<{ ports: Record<string, number> }> {
  child = spawn(process.execPath, ['--import', 'tsx', SIM, '--config', JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const proc = child;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(JSON.parse(line) as { ports: Record<string, number> });
    });
    proc.once('exit', (code) => reject(new Error(`camera-sim exited with ${code}: ${err}`)));
  });
}

describe('camera-sim as a process (loopback)', () => {
  it('prints its ports, answers a Probe, and sends Bye on SIGTERM', async () => {
    client = await loopbackClient();
    const ready = await startSim({ protocols: ['wsd'], ports: { wsd: 0 }, announceTo: [{ address: '127.0.0.1', port: client.port }] });
    expect(parseWsdMessage(await client.next()).kind).toBe('hello');

    const messageId = `urn:uuid:${randomUUID()}`;
    await client.send(buildProbe({ messageId }), ready.ports.wsd ?? 0);
    expect(parseWsdMessage(await client.next())).toMatchObject({ kind: 'probeMatches', relatesTo: messageId });

    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child?.kill('SIGTERM');
    expect(parseWsdMessage(await client.next()).kind).toBe('bye');
    expect(await exited).toBe(0);
  });

  it('exits non-zero with a readable error for a bad config', async () => {
    await expect(startSim({ ip: 'not-an-ip' })).rejects.toThrow(/invalid camera simulator config: ip/);
  });
});
