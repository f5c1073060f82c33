/**
 * PTZ benchmark (`npm run bench:ptz`): over a socat pty pair with the simulated camera answering at
 * once, how much time FieldKit adds per VISCA command and inquiry, and how many inquiries per
 * second it sustains. The reference is a bare serialport client on a second, identical pty pair
 * that writes the same bytes and waits for the same reply bytes; FieldKit goes through the RPC
 * server and client (in-process transport, as the CLI uses it), the PTZ service, the VISCA line
 * and session, the frame log and its events. Runs alternate so drift hits both sides alike.
 */
import { SerialPort } from 'serialport';
import { createPtyPair } from '../../test/lab/pty';
import type { PtyPair } from '../../test/lab/pty';
import { SimCameraChain } from '../../test/sim/visca/chain';
import { serialLink } from '../../test/sim/visca/links';
import { ptzTargetSchema } from '../../src/contract/ptz';
import { contract, events } from '../../src/contract';
import type { Handlers } from '../../src/contract';
import { nodePtzLinkOpener } from '../../src/platform/node/ptz-link-opener';
import { PtzService, ptzHandlers } from '../../src/ptz/service/service';
import { createClient } from '../../src/rpc/client';
import { memoryTransportPair } from '../../src/rpc/memory-transport';
import { RpcServer } from '../../src/rpc/server';

const ROUNDS = Number(process.env.PTZ_BENCH_ROUNDS ?? 2000);
const RATE_MS = Number(process.env.PTZ_BENCH_RATE_MS ?? 2000);

const open = (path: string): Promise<SerialPort> =>
  new Promise((resolve, reject) => {
    const p = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    p.open((e) => (e ? reject(e) : resolve(p)));
  });
const closePort = (p: SerialPort): Promise<void> => new Promise((r) => (p.isOpen ? p.close(() => r()) : r()));

/** A bare client: write bytes, resolve when the reply that ends the exchange has arrived. */
function rawClient(port: SerialPort) {
  let buf: number[] = [];
  let waiting: { done: (frame: number[]) => boolean; resolve: () => void } | undefined;
  port.on('data', (b: Buffer) => {
    for (const x of b) {
      buf.push(x);
      if (x !== 0xff) continue;
      const frame = buf;
      buf = [];
      if (waiting?.done(frame)) {
        const w = waiting;
        waiting = undefined;
        w.resolve();
      }
    }
  });
  return (bytes: number[], done: (frame: number[]) => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      waiting = { done, resolve };
      port.write(Buffer.from(bytes), (e) => e && reject(e));
    });
}

const ms = (a: bigint, b: bigint): number => Number(b - a) / 1e6;
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const f = (x: number): string => x.toFixed(3).padStart(8);

async function main(): Promise<void> {
  const pairs: PtyPair[] = [await createPtyPair(), await createPtyPair()];
  const [fkPair, rawPair] = pairs as [PtyPair, PtyPair];
  const camPorts = [await open(fkPair.a), await open(rawPair.a)];
  for (const p of camPorts) new SimCameraChain(serialLink(p));
  const rawPort = await open(rawPair.b);
  const raw = rawClient(rawPort);

  const service = new PtzService({ opener: nodePtzLinkOpener(), emit: (t, p) => server.emit(t, p) });
  const server: RpcServer = new RpcServer({ ptz: ptzHandlers(service) } as unknown as Handlers, {}, contract, events);
  const [a, b] = memoryTransportPair();
  server.connect(a);
  const { api } = createClient(b);
  const conn = await api.ptz.connect(ptzTargetSchema.parse({ kind: 'visca-serial', path: fkPair.b }));

  const STOP = [0x81, 0x01, 0x06, 0x01, 0x0c, 0x0a, 0x03, 0x03, 0xff];
  const POWER_INQ = [0x81, 0x09, 0x04, 0x00, 0xff];
  const completion = (fr: number[]): boolean => fr[0] === 0x90 && (fr[1] ?? 0) >> 4 === 5;

  const samples = { rawCmd: [] as number[], fkCmd: [] as number[], rawInq: [] as number[], fkInq: [] as number[] };
  // Warm-up: JIT, serialport buffers, the first frame-log allocations.
  for (let i = 0; i < 200; i++) {
    await raw(STOP, completion);
    await api.ptz.stop(conn.connId);
    await raw(POWER_INQ, completion);
    await api.ptz.powerStatus(conn.connId);
  }
  for (let i = 0; i < ROUNDS; i++) {
    let t = process.hrtime.bigint();
    await raw(STOP, completion);
    let u = process.hrtime.bigint();
    samples.rawCmd.push(ms(t, u));
    t = process.hrtime.bigint();
    await api.ptz.stop(conn.connId);
    u = process.hrtime.bigint();
    samples.fkCmd.push(ms(t, u));
    t = process.hrtime.bigint();
    await raw(POWER_INQ, completion);
    u = process.hrtime.bigint();
    samples.rawInq.push(ms(t, u));
    t = process.hrtime.bigint();
    await api.ptz.powerStatus(conn.connId);
    u = process.hrtime.bigint();
    samples.fkInq.push(ms(t, u));
  }

  const rate = async (fn: () => Promise<unknown>): Promise<number> => {
    let n = 0;
    const end = Date.now() + RATE_MS;
    const t0 = process.hrtime.bigint();
    while (Date.now() < end) {
      await fn();
      n++;
    }
    return n / (ms(t0, process.hrtime.bigint()) / 1000);
  };
  const rawRate = await rate(() => raw(POWER_INQ, completion));
  const fkRate = await rate(() => api.ptz.powerStatus(conn.connId));

  console.log(`PTZ benchmark: ${ROUNDS} rounds over socat pty pairs, simulator answering at once (Node ${process.version}, ${process.platform}/${process.arch})`);
  console.log(`${''.padEnd(38)}  median       p99   (ms)`);
  const row = (name: string, xs: number[]): void => console.log(`${name.padEnd(38)}${f(pct(xs, 50))}  ${f(pct(xs, 99))}`);
  row('raw serialport, command (stop)', samples.rawCmd);
  row('FieldKit, command (ptz.stop)', samples.fkCmd);
  row('raw serialport, inquiry (power)', samples.rawInq);
  row('FieldKit, inquiry (ptz.powerStatus)', samples.fkInq);
  const added = (fk: number[], rw: number[], p: number): number => pct(fk, p) - pct(rw, p);
  console.log(`${'FieldKit adds per command'.padEnd(38)}${f(added(samples.fkCmd, samples.rawCmd, 50))}  ${f(added(samples.fkCmd, samples.rawCmd, 99))}   (target <= 1 ms median)`);
  console.log(`${'FieldKit adds per inquiry'.padEnd(38)}${f(added(samples.fkInq, samples.rawInq, 50))}  ${f(added(samples.fkInq, samples.rawInq, 99))}`);
  console.log(`inquiries/s, sequential:  FieldKit ${fkRate.toFixed(0)}   raw serialport ${rawRate.toFixed(0)}`);

  await api.ptz.disconnect(conn.connId);
  await service.close();
  await closePort(rawPort);
  for (const p of camPorts) await closePort(p);
  for (const p of pairs) await p.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
