import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src/contract';
import { ptzTargetSchema } from '../../src/contract/ptz';
import type { PtzTargetInput } from '../../src/contract/ptz';
import { nodePtzLinkOpener } from '../../src/platform/node/ptz-link-opener';
import { PtzService } from '../../src/ptz/service/service';
import { SimOverIpCamera } from '../sim/visca/over-ip-camera';
import { SimTcpCamera } from '../sim/visca/stream-camera';

/** Resolves once `pred` holds, polling the event loop (no time-based assertion). */
async function until(pred: () => boolean): Promise<void> {
  while (!pred()) await new Promise((r) => setTimeout(r, 5));
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');
const STOP = '81 01 06 01 0C 0A 03 03 FF';

function service(reopenMs = 1000) {
  const events: Array<{ topic: string; payload: unknown }> = [];
  const s = new PtzService({ opener: nodePtzLinkOpener(), emit: (topic, payload) => events.push({ topic, payload }), reopenMs });
  const connect = (t: PtzTargetInput) => s.connect(ptzTargetSchema.parse(t));
  const errors = () => events.filter((e) => e.topic === 'ptz.error').map((e) => (e.payload as EventPayload<'ptz.error'>).code);
  return { s, events, connect, errors };
}

describe('PTZ service on real sockets (127.0.0.1)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('real-time deadman: a jog without heartbeats ends with stop', async () => {
    const cam = await SimTcpCamera.start();
    const { s, connect, errors } = service();
    cleanup.push(() => cam.close(), () => s.close());
    const c = await connect({ kind: 'visca-tcp', host: '127.0.0.1', port: cam.port });
    await s.drive(c.connId, { direction: 'up', deadman: true });
    await until(() => cam.chain.camera.received.length >= 2);
    expect(cam.chain.camera.received.map(hex)).toEqual(['81 01 06 01 0C 0A 03 01 FF', STOP]);
    expect(errors()).toEqual(['deadman']);
  });

  it('a dropped TCP connection is reported, reopened, and the camera hears stop first', async () => {
    const cam = await SimTcpCamera.start();
    const { s, connect, errors } = service(50);
    cleanup.push(() => cam.close(), () => s.close());
    const c = await connect({ kind: 'visca-tcp', host: '127.0.0.1', port: cam.port });
    await s.drive(c.connId, { direction: 'left', deadman: true });
    cam.dropClient();
    await until(() => cam.connections === 2 && cam.chain.camera.received.length >= 2);
    expect(cam.chain.camera.received.map(hex)).toEqual(['81 01 06 01 0C 0A 01 03 FF', STOP]);
    await until(() => s.connections()[0]?.state === 'open');
    expect(errors()).toEqual(['port-lost']);
    await expect(s.position(c.connId)).resolves.toMatchObject({ focusMode: 'auto' });
  });

  it('VISCA over IP: a request lost on the way is resent with the same sequence number', async () => {
    const cam = await SimOverIpCamera.start();
    const { s, connect } = service();
    cleanup.push(() => cam.close(), () => s.close());
    const c = await connect({ kind: 'visca-udp', host: '127.0.0.1', port: cam.port });
    cam.dropRequests = 1;
    const v = await s.version(c.connId);
    expect(v).toMatchObject({ vendorName: 'Sony' });
    expect(cam.datagrams.slice(1).map((d) => d.slice(0, 16))).toEqual(['0110000500000001', '0110000500000001']);
    expect(v.frames.map((f) => f.meaning)).toContain('VISCA over IP: no reply, resend #1 with the same sequence number 1');
  });

  it('two cameras at once on different transports', async () => {
    const tcp = await SimTcpCamera.start();
    const ip = await SimOverIpCamera.start();
    const { s, connect } = service();
    cleanup.push(() => tcp.close(), () => ip.close(), () => s.close());
    const a = await connect({ kind: 'visca-tcp', host: '127.0.0.1', port: tcp.port });
    const b = await connect({ kind: 'visca-udp', host: '127.0.0.1', port: ip.port });
    await Promise.all([s.run(a.connId, (d) => d.goto({ pan: 10, tilt: 10 })), s.run(b.connId, (d) => d.goto({ pan: -10, tilt: -10 }))]);
    expect(tcp.chain.camera.position()).toEqual({ pan: 10, tilt: 10 });
    expect(ip.camera.position()).toEqual({ pan: -10, tilt: -10 });
    expect(s.connections().map((x) => x.state)).toEqual(['open', 'open']);
    const csv = s.exportLog(a.connId, 'csv');
    expect(csv.content.split('\r\n')[1]).toMatch(/,tx,81 01 06 02 18 14 00 00 00 0A 00 00 00 0A FF,"cam 1: Pan-tilt absolute pan 10 tilt 10, speed 0x18\/0x14",,$/);
  });
});
